// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { BulkTarget, TablePage, TablePositionQuery, TableQuery, TableRow } from "../src/api/types";
import { createTableView } from "../src/table/table-view";

const TOTAL = 100_000;

function row(i: number): TableRow {
  return {
    id: `e${i}`,
    title: `Event ${i}`,
    start: "2023-11-15",
    kind: "summit",
    actors: [],
    origin: "user",
    edited: false,
    sources: 1,
    verification: "single_source",
  };
}

function setup() {
  const host = document.createElement("section");
  document.body.replaceChildren(host);
  const asked: TableQuery[] = [];
  const opened: string[] = [];
  const bulk: { target: BulkTarget; count: number }[] = [];
  const deleting: { target: BulkTarget; count: number }[] = [];
  // Whether the next delete is confirmed (the curation's confirmation, answered here).
  let confirmDelete = true;
  const duplicated: string[] = [];
  const positions: TablePositionQuery[] = [];
  const view = createTableView(host, {
    fetch: (query) => {
      asked.push(query);
      const end = Math.min(TOTAL, query.offset + query.limit);
      const rows = Array.from({ length: Math.max(0, end - query.offset) }, (_, k) => row(query.offset + k));
      return Promise.resolve<TablePage>({ total: TOTAL, rows, damaged: [] });
    },
    open: (id) => opened.push(id),
    error: (error) => {
      throw error;
    },
    bulkEdit: (target, count) => bulk.push({ target, count }),
    bulkDelete: (target, count) => {
      deleting.push({ target, count });
      return Promise.resolve(confirmDelete);
    },
    duplicate: (id) => duplicated.push(id),
    position: (query) => {
      positions.push(query);
      return Promise.resolve(Number(query.id.slice(1)));
    },
    store: null,
  });
  view.setFilter({ kinds: [], sides: [], actors: [], tags: [] });
  view.setVisible(true);
  const table = host.querySelector<HTMLTableElement>("table")!;
  const key = (k: string, mods: Partial<KeyboardEventInit> = {}) =>
    table.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...mods }));
  const click = (index: number, mods: Partial<MouseEventInit> = {}) =>
    host.querySelector<HTMLElement>(`tr[data-index="${index}"] td`)!.dispatchEvent(new MouseEvent("click", { bubbles: true, ...mods }));
  const selected = () => Array.from(host.querySelectorAll<HTMLElement>('tr[aria-selected="true"]')).map((tr) => tr.dataset.eventId);
  const count = () => host.querySelector("[data-testid=table-selection-count]")!.textContent;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const refuseDelete = () => void (confirmDelete = false);
  return { host, view, table, key, click, selected, count, settle, asked, opened, bulk, deleting, refuseDelete, duplicated, positions };
}

describe("table view selection", () => {
  it("shows a cell's whole text on hover where a column may cut it, and none on a count", async () => {
    const t = setup();
    await t.settle();
    const first = (css: string) => t.host.querySelector<HTMLElement>(`tr[data-index="0"] ${css}`)!;
    expect(first("td.col-title").title).toBe("Event 0");
    expect(first("td.col-sources").textContent).toBe("1");
    expect(first("td.col-sources").hasAttribute("title")).toBe(false);
  });

  it("Up / Down move the one selected row and show it in the detail panel", async () => {
    const t = setup();
    await t.settle();
    t.click(2);
    expect(t.opened).toEqual(["e2"]);
    t.key("ArrowDown");
    t.key("ArrowDown");
    t.key("ArrowUp");
    expect(t.opened).toEqual(["e2", "e3", "e4", "e3"]);
    expect(t.selected()).toEqual(["e3"]);
    expect(t.count()).toBe("1 selected");
  });

  it("Duplicate copies the one event chosen in the timeline too, before its row is found", async () => {
    const t = setup();
    await t.settle();
    t.view.setSelected("e99000");
    const button = t.host.querySelector<HTMLButtonElement>("[data-testid=duplicate-event]")!;
    expect(button.disabled).toBe(false);
    button.click();
    expect(t.duplicated).toEqual(["e99000"]);
    t.click(1, { ctrlKey: true });
    expect(button.disabled, "two selected: which to copy is not obvious").toBe(true);
  });

  it("an event chosen in the timeline is found in the table and its rows are loaded", async () => {
    const t = setup();
    await t.settle();
    t.view.setSelected("e60000");
    await t.settle();
    await t.settle();
    expect(t.positions.map((q) => q.id)).toEqual(["e60000"]);
    expect(t.positions[0]?.sort.column).toBe("date");
    expect(
      t.asked.some((q) => q.offset <= 60_000 && 60_000 < q.offset + q.limit),
      "the page holding its row is asked for",
    ).toBe(true);
    await t.settle();
    expect(t.selected()).toEqual(["e60000"]);
    t.view.setSelected("e2");
    await t.settle();
    expect(t.positions.map((q) => q.id), "a loaded row needs no search").toEqual(["e60000"]);
  });

  it("an event chosen before the table knows its row count is shown once it does", async () => {
    const t = setup();
    t.view.setSelected("e70000");
    await t.settle();
    await t.settle();
    await t.settle();
    expect(t.positions.map((q) => q.id)).toEqual(["e70000"]);
    expect(t.asked.some((q) => q.offset <= 70_000 && 70_000 < q.offset + q.limit)).toBe(true);
  });

  it("Shift+Down extends, Ctrl+click toggles, Esc keeps only the row the keyboard is on", async () => {
    const t = setup();
    await t.settle();
    t.click(1);
    t.key("ArrowDown", { shiftKey: true });
    t.key("ArrowDown", { shiftKey: true });
    expect(t.selected()).toEqual(["e1", "e2", "e3"]);
    t.click(6, { ctrlKey: true });
    expect(t.selected()).toEqual(["e1", "e2", "e3", "e6"]);
    expect(t.count()).toBe("4 selected");
    expect(t.opened).toEqual(["e1"]);
    t.host.querySelector<HTMLButtonElement>("[data-testid=bulk-edit]")!.click();
    expect(t.bulk).toEqual([{ target: { type: "ids", ids: ["e1", "e2", "e3", "e6"] }, count: 4 }]);
    t.key("Escape");
    expect(t.selected()).toEqual(["e6"]);
  });

  it("Shift+click over rows never loaded asks for them and selects the whole range", async () => {
    const t = setup();
    await t.settle();
    t.click(0);
    const scroller = t.table.parentElement!;
    scroller.scrollTop = 5000 * 32;
    scroller.dispatchEvent(new Event("scroll"));
    await t.settle();
    // A row far below: the view loads the ids between in pages of at most 1,000.
    t.click(5000, { shiftKey: true });
    await t.settle();
    expect(t.count()).toBe("5,001 selected");
    expect(t.asked.filter((q) => q.limit === 1000).map((q) => q.offset)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(t.opened).toEqual(["e0"]);
  });

  it("Ctrl+A selects all 100,000 rows at once without asking for them", async () => {
    const t = setup();
    await t.settle();
    const before = t.asked.length;
    t.key("a", { ctrlKey: true });
    expect(t.count()).toBe("All 100,000 selected");
    expect(t.asked.length).toBe(before);
    expect(t.host.querySelectorAll("tr.table-row").length).toBeLessThan(100);
    expect(t.selected().length).toBe(t.host.querySelectorAll("tr.table-row").length);
    t.click(3, { ctrlKey: true });
    expect(t.count()).toBe("99,999 selected");
    t.host.querySelector<HTMLButtonElement>("[data-testid=bulk-edit]")!.click();
    expect(t.bulk[0]).toEqual({
      target: { type: "matching", filter: { kinds: [], sides: [], actors: [], tags: [] }, except: ["e3"] },
      count: 99_999,
    });
  });

  it("Delete selected names how many, hands the selection over, and clears it once they are deleted", async () => {
    const t = setup();
    await t.settle();
    const button = t.host.querySelector<HTMLButtonElement>("[data-testid=bulk-delete]")!;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe("Delete selected…");
    t.click(2);
    t.click(4, { ctrlKey: true });
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe("Delete 2 events…");

    t.refuseDelete();
    button.click();
    await t.settle();
    expect(t.deleting).toEqual([{ target: { type: "ids", ids: ["e2", "e4"] }, count: 2 }]);
    expect(t.selected()).toEqual(["e2", "e4"]);
    expect(t.count()).toBe("2 selected");
  });

  it("Delete after Ctrl+A deletes every matching event but the ones taken out, then nothing stays selected", async () => {
    const t = setup();
    await t.settle();
    t.key("a", { ctrlKey: true });
    t.click(3, { ctrlKey: true });
    t.host.querySelector<HTMLButtonElement>("[data-testid=bulk-delete]")!.click();
    await t.settle();
    expect(t.deleting).toEqual([
      { target: { type: "matching", filter: { kinds: [], sides: [], actors: [], tags: [] }, except: ["e3"] }, count: 99_999 },
    ]);
    expect(t.selected()).toEqual([]);
    expect(t.host.querySelector<HTMLButtonElement>("[data-testid=bulk-delete]")!.disabled).toBe(true);
  });

  it("the Delete key deletes the rows selected together, and leaves one row to the open event's own delete", async () => {
    const t = setup();
    await t.settle();
    t.click(1);
    expect(t.view.deleteSelected()).toBe(false);
    expect(t.deleting).toEqual([]);
    t.click(5, { shiftKey: true });
    expect(t.view.deleteSelected()).toBe(true);
    expect(t.deleting).toEqual([{ target: { type: "ids", ids: ["e1", "e2", "e3", "e4", "e5"] }, count: 5 }]);
    t.view.setVisible(false);
    expect(t.view.deleteSelected()).toBe(false);
  });
});
