// The table view's arithmetic, apart from the DOM: which rows a scroll position shows, which
// pages to ask for, the page cache, sorting and keyboard moves. Rows have one fixed height, so
// a row's place is index × height and 100,000 rows cost what the screen shows.
import type { TableColumn, TableRow, TableSort } from "../api/types";

/** Height of one row in CSS pixels (the stylesheet's `--table-row-height`). */
export const ROW_HEIGHT = 32;
/** Rows asked for at once: a few screens, so a scroll rarely waits. */
export const PAGE_SIZE = 200;
/** Rows kept in the DOM above and below the visible ones, so a small scroll draws at once. */
export const MARGIN_ROWS = 20;

export const DEFAULT_SORT: TableSort = { column: "date", descending: false };

export interface TableColumnSpec {
  column: TableColumn;
  label: string;
}

/** The columns in their order on screen. */
export const COLUMNS: readonly TableColumnSpec[] = [
  { column: "date", label: "Date" },
  { column: "title", label: "Title" },
  { column: "kind", label: "Kind" },
  { column: "actors", label: "Actors" },
  { column: "sources", label: "Sources" },
  { column: "verification", label: "Verification" },
];

/** Row indexes `[first, end)` to put in the DOM for a scroll position, margin included. */
export function renderedRange(
  scrollTop: number,
  viewportHeight: number,
  total: number,
  rowHeight = ROW_HEIGHT,
  margin = MARGIN_ROWS,
): { first: number; end: number } {
  if (total <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight));
  const bottom = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  const first = Math.min(Math.max(0, top - margin), total);
  const end = Math.min(total, Math.max(first, bottom + margin));
  return { first, end };
}

/** The pages (by number, `offset = page × size`) that hold rows `[first, end)`. */
export function pagesFor(range: { first: number; end: number }, pageSize = PAGE_SIZE): number[] {
  if (range.end <= range.first) return [];
  const pages: number[] = [];
  for (let page = Math.floor(range.first / pageSize); page * pageSize < range.end; page += 1) pages.push(page);
  return pages;
}

/** Clicking a column header: the same column turns its order round, another starts ascending. */
export function nextSort(current: TableSort, column: TableColumn): TableSort {
  return current.column === column ? { column, descending: !current.descending } : { column, descending: false };
}

export function ariaSort(sort: TableSort, column: TableColumn): "ascending" | "descending" | "none" {
  if (sort.column !== column) return "none";
  return sort.descending ? "descending" : "ascending";
}

export function parseSort(text: string | null | undefined): TableSort {
  try {
    const value: unknown = JSON.parse(text ?? "");
    if (typeof value === "object" && value !== null) {
      const { column, descending } = value as { column?: unknown; descending?: unknown };
      const known = COLUMNS.find((c) => c.column === column);
      if (known && typeof descending === "boolean") return { column: known.column, descending };
    }
  } catch {
    // Unreadable: the default.
  }
  return DEFAULT_SORT;
}

/** Where a key moves the selection among `total` rows; null when the key is not a move. */
export function moveSelection(key: string, current: number | null, total: number, pageRows: number): number | null {
  if (total <= 0) return null;
  const from = current ?? -1;
  const page = Math.max(1, pageRows);
  let to: number;
  switch (key) {
    case "ArrowDown":
      to = from + 1;
      break;
    case "ArrowUp":
      to = current === null ? 0 : from - 1;
      break;
    case "PageDown":
      to = from + page;
      break;
    case "PageUp":
      to = current === null ? 0 : from - page;
      break;
    case "Home":
      to = 0;
      break;
    case "End":
      to = total - 1;
      break;
    default:
      return null;
  }
  return Math.min(total - 1, Math.max(0, to));
}

/** The scroll position that brings row `index` fully into view, moving as little as possible. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight = ROW_HEIGHT): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  const bottom = top + rowHeight;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/**
 * Pages received, for one filter and sort (a "generation"): a new filter or sort starts a new
 * generation, and answers of an older one are dropped, so a slow page never shows stale rows.
 */
export class RowCache {
  private pages = new Map<number, TableRow[]>();
  private asked = new Set<number>();
  private gen = 0;
  total: number | null = null;

  constructor(readonly pageSize = PAGE_SIZE) {}

  get generation(): number {
    return this.gen;
  }

  /** Forgets every page: the next answers start over from the row count. */
  reset(): number {
    this.pages.clear();
    this.asked.clear();
    this.total = null;
    this.gen += 1;
    return this.gen;
  }

  /** Pages of the range neither received nor asked for; marks them asked. */
  claim(range: { first: number; end: number }): number[] {
    const wanted = this.total === null ? [0] : pagesFor(range, this.pageSize);
    const missing = wanted.filter((page) => !this.pages.has(page) && !this.asked.has(page));
    for (const page of missing) this.asked.add(page);
    return missing;
  }

  /** Stores an answer; false (and nothing stored) when it belongs to an older generation. */
  put(generation: number, page: number, rows: TableRow[], total: number): boolean {
    if (generation !== this.gen) return false;
    this.asked.delete(page);
    this.pages.set(page, rows);
    this.total = total;
    return true;
  }

  /** A failed page may be asked for again. */
  failed(generation: number, page: number): void {
    if (generation === this.gen) this.asked.delete(page);
  }

  /** The row at `index`, or undefined while its page has not arrived. */
  row(index: number): TableRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Index of the loaded row with this id, if any. */
  indexOf(id: string): number | null {
    for (const [page, rows] of this.pages) {
      const at = rows.findIndex((row) => row.id === id);
      if (at >= 0) return page * this.pageSize + at;
    }
    return null;
  }
}

/** The header's "Timeline | Table" choice, remembered across restarts. */
export type ViewMode = "timeline" | "table";
export const VIEW_MODE_STORAGE_KEY = "bilateral.view";
export const VIEW_MODES: readonly { value: ViewMode; label: string }[] = [
  { value: "timeline", label: "Timeline" },
  { value: "table", label: "Table" },
];
export function parseViewMode(text: string | null | undefined): ViewMode {
  return text === "table" ? "table" : "timeline";
}
