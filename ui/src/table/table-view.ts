// The table view: the events the filter matches as rows of a real <table> (role=grid), sorted by
// a column. Only the rows on screen plus a margin are in the DOM; two spacer rows give the
// scrollbar the height of every row, and pages of rows are fetched as they come into view. It is
// the view for screen readers: aria-rowcount says how many rows there are, aria-rowindex where
// each one sits, aria-sort how the columns are sorted, aria-selected which rows are selected.
// Several rows can be selected (Shift / Ctrl+click, Shift+arrows, Ctrl+A) for a bulk edit.
import type { BulkTarget, Filter, TablePage, TablePositionQuery, TableQuery, TableRow, TableSort } from "../api/types";
import { formatDateRange } from "../format/date";
import { kindClass, kindLabel, sideLabel, verificationLabel } from "../format/labels";
import { displayTitle } from "../format/title-language";
import type { KeyValueStore } from "../panels/filter-model";
import {
  COLUMNS,
  ROW_HEIGHT,
  RowCache,
  ariaSort,
  moveSelection,
  nextSort,
  parseSort,
  renderedRange,
  scrollToShow,
} from "./table-model";
import { TableSelection, selectionText } from "./table-selection";

/** Rows asked for at once when a Shift+click range reaches rows not loaded (the backend's page limit). */
const RANGE_PAGE = 1000;

const SORT_STORAGE_KEY = "bilateral.table.sort";

export interface TableViewOptions {
  fetch(query: TableQuery): Promise<TablePage>;
  /** A row was chosen (click or Enter): open it in the detail panel. */
  open(id: string): void;
  error(error: unknown): void;
  /** "Edit selected…": one change to the selected rows (`count` of them). */
  bulkEdit(target: BulkTarget, count: number): void;
  /** Deletes the selection (after its own confirmation); true once deleted. */
  bulkDelete(target: BulkTarget, count: number): Promise<boolean>;
  /** "Duplicate": a new event filled from this one. */
  duplicate(id: string): void;
  /** The row an event has in this filter and sort (null: filtered out), to scroll to it. */
  position?(query: TablePositionQuery): Promise<number | null>;
  store: KeyValueStore | null;
}

export interface TableView {
  /** Shows or hides the table; shown, it loads what it has not. */
  setVisible(visible: boolean): void;
  /** A new filter: back to the first row. */
  setFilter(filter: Filter): void;
  /** The events changed (an edit, an import): the rows are fetched again, the scroll kept. */
  reload(): void;
  /** Marks the row of this event as selected (the selection the timeline and panel share);
   *  a multi-selection whose keyboard row is this event is kept. */
  setSelected(id: string | null): void;
  /** Forgets the multi-selection (after a bulk edit the rows may no longer match). */
  clearSelection(): void;
  /**
   * The Delete key while the table is shown: with several rows selected, deletes them all
   * (after its confirmation) and answers true; with one or none, false (the open event's own
   * delete applies).
   */
  deleteSelected(): boolean;
  /** Redraws the titles (after the title language changed). */
  redraw(): void;
  focus(): void;
}

/** A cell; `hint` shows its whole text on hover, for a column narrower than what it holds.
 * A count needs none: its tooltip ("2") only lingered where the row had been. */
function cell(text: string, className: string, hint = true): HTMLTableCellElement {
  const td = document.createElement("td");
  td.className = className;
  td.textContent = text;
  if (hint) td.title = text;
  return td;
}

function actorsText(row: TableRow): string {
  return row.actors.map((actor) => `${actor.name} (${sideLabel(actor.side)})`).join(", ");
}

/** An empty row standing for the rows not in the DOM: its cell's height is theirs. */
function spacer(): { row: HTMLTableRowElement; cell: HTMLTableCellElement } {
  const row = document.createElement("tr");
  row.className = "table-spacer";
  row.setAttribute("aria-hidden", "true");
  const cell = document.createElement("td");
  cell.colSpan = COLUMNS.length;
  row.append(cell);
  return { row, cell };
}

export function createTableView(host: HTMLElement, options: TableViewOptions): TableView {
  const cache = new RowCache();
  let sort: TableSort = parseSort(options.store?.getItem(SORT_STORAGE_KEY));
  let filter: Filter | null = null;
  let visible = false;
  let stale = true;
  const selection = new TableSelection();
  /** Ids of rows outside the loaded pages, fetched for a Shift+click range. */
  let rangeIds = new Map<number, string>();
  /** The lead row moved onto a row not loaded yet: open it in the panel once it arrives. */
  let openWhenLoaded = false;

  const scroller = document.createElement("div");
  scroller.className = "table-scroll";
  const table = document.createElement("table");
  table.className = "event-table";
  table.setAttribute("role", "grid");
  table.setAttribute("aria-label", "Events");
  table.setAttribute("aria-colcount", String(COLUMNS.length));
  table.setAttribute("aria-readonly", "true");
  table.setAttribute("aria-multiselectable", "true");
  table.tabIndex = 0;
  table.dataset.testid = "event-table";
  const thead = table.createTHead();
  const headRow = thead.insertRow();
  headRow.setAttribute("aria-rowindex", "1");
  const sortButtons = COLUMNS.map((spec, index) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.className = `col-${spec.column}`;
    th.setAttribute("aria-colindex", String(index + 1));
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.dataset.column = spec.column;
    button.textContent = spec.label;
    const arrow = document.createElement("span");
    arrow.className = "sort-arrow";
    arrow.setAttribute("aria-hidden", "true");
    button.append(arrow);
    button.addEventListener("click", () => {
      sort = nextSort(sort, spec.column);
      try {
        options.store?.setItem(SORT_STORAGE_KEY, JSON.stringify(sort));
      } catch {
        // Not remembered; still applied.
      }
      restart(true);
    });
    th.append(button);
    headRow.append(th);
    return { th, arrow, column: spec.column };
  });
  const body = table.createTBody();
  const top = spacer();
  const bottom = spacer();
  const actions = document.createElement("div");
  actions.className = "table-actions";
  actions.setAttribute("role", "toolbar");
  actions.setAttribute("aria-label", "Selected rows");
  const selectedCount = document.createElement("span");
  selectedCount.className = "table-selection-count";
  selectedCount.dataset.testid = "table-selection-count";
  selectedCount.setAttribute("aria-live", "polite");
  const actionButton = (label: string, testid: string, run: () => void): HTMLButtonElement => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.dataset.testid = testid;
    button.textContent = label;
    button.addEventListener("click", run);
    return button;
  };
  const bulkButton = actionButton("Edit selected…", "bulk-edit", () => bulkEdit());
  bulkButton.setAttribute("aria-haspopup", "dialog");
  const deleteButton = actionButton("Delete selected…", "bulk-delete", () => bulkDelete());
  deleteButton.setAttribute("aria-haspopup", "dialog");
  const duplicateButton = actionButton("Duplicate", "duplicate-event", () => duplicate());
  duplicateButton.setAttribute("aria-haspopup", "dialog");
  const clearButton = actionButton("Clear selection", "clear-selection", () => {
    selection.clear();
    render();
    table.focus();
  });
  actions.append(selectedCount, bulkButton, duplicateButton, deleteButton, clearButton);
  const status = document.createElement("p");
  status.className = "table-status";
  status.setAttribute("aria-live", "polite");
  scroller.append(table);
  host.append(actions, scroller, status);

  const showSort = (): void => {
    for (const { th, arrow, column } of sortButtons) {
      const state = ariaSort(sort, column);
      th.setAttribute("aria-sort", state);
      arrow.textContent = state === "ascending" ? " ▲" : state === "descending" ? " ▼" : "";
    }
  };

  const rowElement = (index: number, row: TableRow | undefined): HTMLTableRowElement => {
    const tr = document.createElement("tr");
    tr.id = `table-row-${index}`;
    tr.setAttribute("aria-rowindex", String(index + 2));
    tr.dataset.index = String(index);
    if (!row) {
      tr.className = "table-row loading";
      const td = cell("Loading…", "col-loading", false);
      td.colSpan = COLUMNS.length;
      tr.append(td);
      return tr;
    }
    tr.className = "table-row";
    tr.dataset.eventId = row.id;
    const selected = selection.isSelected(row.id);
    tr.setAttribute("aria-selected", String(selected));
    if (selected) tr.classList.add("selected");
    if (index === selection.lead) tr.classList.add("lead");
    const kind = cell(kindLabel(row.kind), `col-kind ${kindClass(row.kind)}`);
    const sources = cell(String(row.sources), "col-sources", false);
    const state = cell(verificationLabel(row.verification), `col-verification state-${row.verification}`);
    tr.append(
      cell(formatDateRange(row.start, row.end ?? null), "col-date"),
      cell(displayTitle(row), "col-title"),
      kind,
      cell(actorsText(row), "col-actors"),
      sources,
      state,
    );
    Array.from(tr.cells).forEach((td, i) => td.setAttribute("aria-colindex", String(i + 1)));
    return tr;
  };

  const total = (): number => cache.total ?? 0;

  const render = (): void => {
    const count = total();
    table.setAttribute("aria-rowcount", String(count + 1));
    const { first, end } = renderedRange(scroller.scrollTop, scroller.clientHeight, count);
    top.cell.style.height = `${first * ROW_HEIGHT}px`;
    bottom.cell.style.height = `${Math.max(0, count - end) * ROW_HEIGHT}px`;
    top.row.hidden = first === 0;
    bottom.row.hidden = end >= count;
    const rows: HTMLTableRowElement[] = [top.row];
    for (let index = first; index < end; index += 1) rows.push(rowElement(index, cache.row(index)));
    rows.push(bottom.row);
    body.replaceChildren(...rows);
    const lead = selection.lead;
    if (lead !== null && lead >= first && lead < end) {
      table.setAttribute("aria-activedescendant", `table-row-${lead}`);
    } else {
      table.removeAttribute("aria-activedescendant");
    }
    status.textContent =
      cache.total === null ? "Loading…" : count === 0 ? "No events match the filter." : `${count.toLocaleString("en-US")} events`;
    status.classList.toggle("empty", cache.total === 0);
    const chosen = selection.count(count);
    selectedCount.textContent = chosen === 0 ? "No rows selected" : selectionText(selection, count);
    selectedCount.classList.toggle("none", chosen === 0);
    bulkButton.disabled = chosen === 0;
    bulkButton.textContent = chosen > 1 ? `Edit ${chosen.toLocaleString("en-US")} events…` : "Edit selected…";
    deleteButton.disabled = chosen === 0;
    deleteButton.textContent = chosen > 1 ? `Delete ${chosen.toLocaleString("en-US")} events…` : "Delete selected…";
    // With several rows selected, which one would be copied is not obvious: one at a time.
    duplicateButton.disabled = chosen !== 1 || soleId() === null;
    clearButton.disabled = chosen === 0;
  };

  /** The row the keyboard is on, when it is loaded. */
  const leadRow = (): TableRow | undefined => (selection.lead === null ? undefined : cache.row(selection.lead));

  const bulkEdit = (): void => {
    if (filter === null) return;
    const count = selection.count(total());
    if (count > 0) options.bulkEdit(selection.target(filter), count);
  };

  const bulkDelete = (): void => {
    if (filter === null) return;
    const count = selection.count(total());
    if (count === 0) return;
    void options.bulkDelete(selection.target(filter), count).then((deleted) => {
      // The rows are gone: so is the selection of them.
      if (!deleted) return;
      selection.clear();
      render();
    });
  };

  /** The one selected event, also when it was chosen elsewhere (its row not yet found). */
  const soleId = (): string | null => {
    if (selection.selectsAll) return selection.count(total()) === 1 ? (leadRow()?.id ?? null) : null;
    const ids = selection.ids();
    return ids.length === 1 ? (ids[0] ?? null) : null;
  };

  const duplicate = (): void => {
    const id = soleId();
    if (id) options.duplicate(id);
  };

  /** A row found before the table knew its row count, to show once it does. */
  let showWhenCounted: number | null = null;

  const load = (): void => {
    if (!visible || filter === null) return;
    const range = renderedRange(scroller.scrollTop, scroller.clientHeight, total());
    const generation = cache.generation;
    for (const page of cache.claim(range)) {
      options
        .fetch({ filter, sort, offset: page * cache.pageSize, limit: cache.pageSize })
        .then((answer) => {
          if (!cache.put(generation, page, answer.rows, answer.total)) return;
          if (showWhenCounted !== null) {
            const index = showWhenCounted;
            showWhenCounted = null;
            render();
            show(index);
          }
          if (selection.leadId !== null && selection.lead === null) {
            selection.lead = cache.indexOf(selection.leadId);
            if (selection.anchor === null) selection.anchor = selection.lead;
          }
          if (openWhenLoaded) {
            const row = leadRow();
            if (row) {
              openWhenLoaded = false;
              selection.single(selection.lead ?? 0, row.id);
              options.open(row.id);
            }
          }
          render();
          // The first answer gives the row count: the rows it makes visible may need pages too.
          load();
        })
        .catch((error: unknown) => {
          cache.failed(generation, page);
          options.error(error);
        });
    }
    render();
  };

  /** Starts over for a new filter or sort; `toTop` scrolls back to the first row. */
  const restart = (toTop: boolean): void => {
    cache.reset();
    rangeIds = new Map();
    // Rows are kept by id; their places are found again as the pages arrive.
    selection.lead = null;
    selection.anchor = null;
    showSort();
    if (toTop) scroller.scrollTop = 0;
    stale = !visible;
    load();
    // A new sort keeps the chosen event in view.
    showWhenCounted = null;
    findChosen();
  };

  /**
   * Brings row `index` into view and loads what it shows. Before the first page says how many
   * rows there are, the table has no height to scroll in: the row is shown when it does.
   */
  const show = (index: number): void => {
    if (cache.total === null) {
      showWhenCounted = index;
      load();
      return;
    }
    scroller.scrollTop = scrollToShow(index, scroller.scrollTop, scroller.clientHeight - thead.offsetHeight);
    load();
  };

  /**
   * The one event chosen elsewhere (the timeline, a search) whose row is not known yet: asks
   * where it is and scrolls there. An answer overtaken by another choice, filter or sort is
   * dropped.
   */
  let findAsked = 0;
  const findChosen = (): void => {
    const id = selection.leadId;
    if (!visible || filter === null || !options.position || id === null || selection.lead !== null) return;
    const asked = ++findAsked;
    const within = filter;
    options
      .position({ filter: within, sort, id })
      .then((index) => {
        if (asked !== findAsked || index === null || selection.leadId !== id || selection.lead !== null) return;
        selection.lead = index;
        selection.anchor = index;
        show(index);
        render();
      })
      .catch(options.error);
  };

  /** A plain move or click: just this row, shown in the detail panel. */
  const selectOne = (index: number): void => {
    const row = cache.row(index);
    if (row) {
      openWhenLoaded = false;
      selection.single(index, row.id);
      options.open(row.id);
    } else {
      // Page Down into rows not loaded: select and open the row when its page arrives.
      selection.clear();
      selection.lead = index;
      openWhenLoaded = true;
    }
    show(index);
  };

  const idAt = (index: number): string | undefined => cache.row(index)?.id ?? rangeIds.get(index);

  /** Shift+click or Shift+arrow: the range from the anchor, loading the ids of rows not loaded. */
  const extendTo = (to: number): void => {
    if (selection.extendTo(to, idAt)) {
      show(to);
      return;
    }
    const current = filter;
    if (current === null) return;
    const anchor = selection.anchor ?? to;
    const [from, end] = [Math.min(anchor, to), Math.max(anchor, to) + 1];
    const generation = cache.generation;
    const asks: Promise<void>[] = [];
    for (let offset = from; offset < end; offset += RANGE_PAGE) {
      asks.push(
        options.fetch({ filter: current, sort, offset, limit: Math.min(RANGE_PAGE, end - offset) }).then((answer) => {
          answer.rows.forEach((row, i) => rangeIds.set(offset + i, row.id));
        }),
      );
    }
    Promise.all(asks)
      .then(() => {
        if (generation !== cache.generation) return;
        selection.extendTo(to, idAt);
        show(to);
      })
      .catch((error: unknown) => options.error(error));
  };

  const rowOf = (event: Event): HTMLTableRowElement | null =>
    event.target instanceof Element ? event.target.closest<HTMLTableRowElement>("tr.table-row") : null;

  scroller.addEventListener("scroll", () => load(), { passive: true });
  body.addEventListener("mousedown", (event) => {
    // Shift+click selects a range, not the page's text between the rows.
    if (event.shiftKey && rowOf(event)) event.preventDefault();
  });
  body.addEventListener("click", (event) => {
    const tr = rowOf(event);
    if (!tr?.dataset.eventId) return;
    const index = Number(tr.dataset.index);
    table.focus();
    if (event.shiftKey) extendTo(index);
    else if (event.ctrlKey || event.metaKey) {
      selection.toggle(index, tr.dataset.eventId);
      render();
    } else selectOne(index);
  });
  table.addEventListener("keydown", (event) => {
    if (event.target !== table || event.altKey) return;
    const handled = (): void => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.ctrlKey || event.metaKey) {
      if (event.key.toLowerCase() === "a" && !event.shiftKey) {
        handled();
        selection.selectAll();
        render();
      }
      return;
    }
    if (event.key === "Escape") {
      // Esc first clears a selection of several rows; with one (or none) it closes the panel.
      if (selection.count(total()) > 1) {
        handled();
        const lead = leadRow();
        if (lead && selection.lead !== null) selection.single(selection.lead, lead.id);
        else selection.clear();
        render();
      }
      return;
    }
    if (event.key === "Enter") {
      const row = leadRow();
      if (row) {
        handled();
        options.open(row.id);
      }
      return;
    }
    if (event.shiftKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      if (total() === 0) return;
      handled();
      const from = selection.lead ?? 0;
      extendTo(Math.min(total() - 1, Math.max(0, from + (event.key === "ArrowDown" ? 1 : -1))));
      return;
    }
    if (event.shiftKey) return;
    const pageRows = Math.floor((scroller.clientHeight - thead.offsetHeight) / ROW_HEIGHT) - 1;
    const to = moveSelection(event.key, selection.lead, total(), pageRows);
    if (to === null) return;
    handled();
    selectOne(to);
  });
  showSort();

  return {
    deleteSelected() {
      if (!visible || filter === null || selection.count(total()) < 2) return false;
      bulkDelete();
      return true;
    },
    setVisible(next) {
      visible = next;
      host.hidden = !next;
      if (next && stale) restart(false);
      else if (next) load();
      findChosen();
    },
    setFilter(next) {
      filter = next;
      // A selection of another filter's rows would edit rows no longer shown.
      selection.clear();
      restart(true);
    },
    reload() {
      restart(false);
    },
    setSelected(id) {
      if (id !== null && id === selection.leadId) return;
      if (id === null) selection.clear();
      else selection.single(cache.indexOf(id), id);
      render();
      findChosen();
    },
    clearSelection() {
      const lead = leadRow();
      if (lead && selection.lead !== null) selection.single(selection.lead, lead.id);
      else selection.clear();
      render();
    },
    redraw() {
      render();
    },
    focus() {
      table.focus();
    },
  };
}
