// The table view: the events the filter matches as rows of a real <table> (role=grid), sorted by
// a column. Only the rows on screen plus a margin are in the DOM; two spacer rows give the
// scrollbar the height of every row, and pages of rows are fetched as they come into view. It is
// the view for screen readers: aria-rowcount says how many rows there are, aria-rowindex where
// each one sits, aria-sort how the columns are sorted.
import type { Filter, TablePage, TableQuery, TableRow, TableSort } from "../api/types";
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

const SORT_STORAGE_KEY = "bilateral.table.sort";

export interface TableViewOptions {
  fetch(query: TableQuery): Promise<TablePage>;
  /** A row was chosen (click or Enter): open it in the detail panel. */
  open(id: string): void;
  error(error: unknown): void;
  store: KeyValueStore | null;
}

export interface TableView {
  /** Shows or hides the table; shown, it loads what it has not. */
  setVisible(visible: boolean): void;
  /** A new filter: back to the first row. */
  setFilter(filter: Filter): void;
  /** The events changed (an edit, an import): the rows are fetched again, the scroll kept. */
  reload(): void;
  /** Marks the row of this event as selected (the selection the timeline and panel share). */
  setSelected(id: string | null): void;
  /** Redraws the titles (after the title language changed). */
  redraw(): void;
  focus(): void;
}

function cell(text: string, className: string): HTMLTableCellElement {
  const td = document.createElement("td");
  td.className = className;
  td.textContent = text;
  td.title = text;
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
  let selectedIndex: number | null = null;
  let selectedId: string | null = null;

  const scroller = document.createElement("div");
  scroller.className = "table-scroll";
  const table = document.createElement("table");
  table.className = "event-table";
  table.setAttribute("role", "grid");
  table.setAttribute("aria-label", "Events");
  table.setAttribute("aria-colcount", String(COLUMNS.length));
  table.setAttribute("aria-readonly", "true");
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
  const status = document.createElement("p");
  status.className = "table-status";
  status.setAttribute("aria-live", "polite");
  scroller.append(table);
  host.append(scroller, status);

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
      const td = cell("Loading…", "col-loading");
      td.colSpan = COLUMNS.length;
      tr.append(td);
      return tr;
    }
    tr.className = "table-row";
    tr.dataset.eventId = row.id;
    const selected = index === selectedIndex;
    tr.setAttribute("aria-selected", String(selected));
    if (selected) tr.classList.add("selected");
    const kind = cell(kindLabel(row.kind), `col-kind ${kindClass(row.kind)}`);
    const sources = cell(String(row.sources), "col-sources");
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
    if (selectedIndex !== null && selectedIndex >= first && selectedIndex < end) {
      table.setAttribute("aria-activedescendant", `table-row-${selectedIndex}`);
    } else {
      table.removeAttribute("aria-activedescendant");
    }
    status.textContent =
      cache.total === null ? "Loading…" : count === 0 ? "No events match the filter." : `${count.toLocaleString("en-US")} events`;
    status.classList.toggle("empty", cache.total === 0);
  };

  const load = (): void => {
    if (!visible || filter === null) return;
    const range = renderedRange(scroller.scrollTop, scroller.clientHeight, total());
    const generation = cache.generation;
    for (const page of cache.claim(range)) {
      options
        .fetch({ filter, sort, offset: page * cache.pageSize, limit: cache.pageSize })
        .then((answer) => {
          if (!cache.put(generation, page, answer.rows, answer.total)) return;
          if (selectedId !== null && selectedIndex === null) selectedIndex = cache.indexOf(selectedId);
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
    selectedIndex = null;
    showSort();
    if (toTop) scroller.scrollTop = 0;
    stale = !visible;
    load();
  };

  const select = (index: number): void => {
    selectedIndex = index;
    const row = cache.row(index);
    selectedId = row?.id ?? null;
    scroller.scrollTop = scrollToShow(index, scroller.scrollTop, scroller.clientHeight - thead.offsetHeight);
    load();
  };

  scroller.addEventListener("scroll", () => load(), { passive: true });
  body.addEventListener("click", (event) => {
    const tr = event.target instanceof Element ? event.target.closest<HTMLTableRowElement>("tr.table-row") : null;
    if (!tr?.dataset.eventId) return;
    select(Number(tr.dataset.index));
    table.focus();
    options.open(tr.dataset.eventId);
  });
  table.addEventListener("keydown", (event) => {
    if (event.target !== table || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Enter") {
      const row = selectedIndex === null ? undefined : cache.row(selectedIndex);
      if (row) {
        event.preventDefault();
        event.stopPropagation();
        options.open(row.id);
      }
      return;
    }
    const pageRows = Math.floor((scroller.clientHeight - thead.offsetHeight) / ROW_HEIGHT) - 1;
    const to = moveSelection(event.key, selectedIndex, total(), pageRows);
    if (to === null) return;
    event.preventDefault();
    event.stopPropagation();
    select(to);
  });
  showSort();

  return {
    setVisible(next) {
      visible = next;
      host.hidden = !next;
      if (next && stale) restart(false);
      else if (next) load();
    },
    setFilter(next) {
      filter = next;
      restart(true);
    },
    reload() {
      restart(false);
    },
    setSelected(id) {
      selectedId = id;
      selectedIndex = id === null ? null : cache.indexOf(id);
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
