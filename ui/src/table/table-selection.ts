// Which rows of the table are selected, apart from the DOM. Rows are picked by id, so the
// selection survives a reload that moves them; "select all" is a flag plus the rows taken out
// of it, never a list of every id, so selecting 100,000 rows costs nothing and the backend
// applies a bulk edit to "every event matching the filter" itself.
import type { BulkTarget, Filter } from "../api/types";

/** Looks up the id of the row at an index; undefined while its page has not arrived. */
export type IdAt = (index: number) => string | undefined;

export class TableSelection {
  /** Every row matching the filter, except `picked`. */
  private all = false;
  /** The selected rows, or with `all` the rows taken out. */
  private picked = new Set<string>();
  /** Where a Shift+click or Shift+arrow range starts. */
  anchor: number | null = null;
  /** The row the keyboard is on (the last one clicked or moved to). */
  lead: number | null = null;
  /** The id of the lead row, to find it again after a reload. */
  leadId: string | null = null;

  isSelected(id: string): boolean {
    return this.all !== this.picked.has(id);
  }

  /** How many of `total` rows are selected. */
  count(total: number): number {
    return this.all ? Math.max(0, total - this.picked.size) : this.picked.size;
  }

  get selectsAll(): boolean {
    return this.all;
  }

  /** The ids picked one by one (empty under "select all" when none were taken out). */
  ids(): string[] {
    return this.all ? [] : [...this.picked];
  }

  /** A plain click or arrow: just this row (`index` null: a row whose place is not known yet). */
  single(index: number | null, id: string): void {
    this.all = false;
    this.picked = new Set([id]);
    this.anchor = index;
    this.setLead(index, id);
  }

  /** Ctrl/Cmd+click: this row in or out, the rest kept. */
  toggle(index: number, id: string): void {
    if (this.picked.has(id)) this.picked.delete(id);
    else this.picked.add(id);
    this.anchor = index;
    this.setLead(index, id);
  }

  /**
   * Shift+click or Shift+arrow: the rows from the anchor to `to`, in place of what was
   * selected. False (and nothing changed) when a row of the range has not been loaded: the
   * caller loads it and asks again.
   */
  extendTo(to: number, idAt: IdAt): boolean {
    const anchor = this.anchor ?? to;
    const ids: string[] = [];
    for (let i = Math.min(anchor, to); i <= Math.max(anchor, to); i += 1) {
      const id = idAt(i);
      if (id === undefined) return false;
      ids.push(id);
    }
    this.all = false;
    this.picked = new Set(ids);
    this.anchor = anchor;
    this.setLead(to, idAt(to) ?? null);
    return true;
  }

  /** Ctrl+A: every row matching the filter, loaded or not. */
  selectAll(): void {
    this.all = true;
    this.picked.clear();
  }

  /** Esc, or a new filter or sort: nothing selected. */
  clear(): void {
    this.all = false;
    this.picked.clear();
    this.anchor = null;
    this.lead = null;
    this.leadId = null;
  }

  /** What a bulk edit is sent for: the picked ids, or the filter minus the rows taken out. */
  target(filter: Filter): BulkTarget {
    return this.all ? { type: "matching", filter, except: [...this.picked] } : { type: "ids", ids: [...this.picked] };
  }

  private setLead(index: number | null, id: string | null): void {
    this.lead = index;
    this.leadId = id;
  }
}

/** "3 selected", "All 100,000 selected"; empty when nothing is. */
export function selectionText(selection: TableSelection, total: number): string {
  const count = selection.count(total);
  if (count === 0) return "";
  const number = count.toLocaleString("en-US");
  return selection.selectsAll && count === total && total > 1 ? `All ${number} selected` : `${number} selected`;
}
