import { describe, expect, it } from "vitest";
import type { TableRow } from "../src/api/types";
import {
  DEFAULT_SORT,
  RowCache,
  ariaSort,
  moveSelection,
  nextSort,
  pagesFor,
  parseSort,
  parseViewMode,
  renderedRange,
  scrollToShow,
} from "../src/table/table-model";

function rows(from: number, count: number): TableRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e${from + i}`,
    title: `Event ${from + i}`,
    start: "2023-11-15",
    kind: "summit",
    actors: [],
    origin: "dataset",
    edited: false,
    sources: 1,
    verification: "single_source",
  }));
}

describe("renderedRange", () => {
  it("puts the visible rows plus a margin in the DOM, whatever the row count", () => {
    // 100,000 rows of 32 px, scrolled to row 50,000, a 640 px viewport shows 20 rows.
    expect(renderedRange(50_000 * 32, 640, 100_000, 32, 20)).toEqual({ first: 49_980, end: 50_040 });
  });

  it("clamps at both ends and is empty when nothing matches", () => {
    expect(renderedRange(0, 640, 100_000, 32, 20)).toEqual({ first: 0, end: 40 });
    expect(renderedRange(99_990 * 32, 640, 100_000, 32, 20)).toEqual({ first: 99_970, end: 100_000 });
    expect(renderedRange(0, 640, 5, 32, 20), "a short table renders every row").toEqual({ first: 0, end: 5 });
    expect(renderedRange(500, 640, 0)).toEqual({ first: 0, end: 0 });
  });
});

describe("pagesFor", () => {
  it("names the pages holding a range, across a page boundary", () => {
    expect(pagesFor({ first: 0, end: 40 }, 200)).toEqual([0]);
    expect(pagesFor({ first: 49_980, end: 50_040 }, 200), "row 50,000 starts page 250").toEqual([249, 250]);
    expect(pagesFor({ first: 10, end: 10 }, 200)).toEqual([]);
  });
});

describe("sorting", () => {
  it("turns the order round on the same column and starts ascending on another", () => {
    const byDate = DEFAULT_SORT;
    const reversed = nextSort(byDate, "date");
    expect(reversed).toEqual({ column: "date", descending: true });
    expect(nextSort(reversed, "title")).toEqual({ column: "title", descending: false });
  });

  it("tells screen readers which column sorts and which way", () => {
    const sort = { column: "title", descending: true } as const;
    expect(ariaSort(sort, "title")).toBe("descending");
    expect(ariaSort({ ...sort, descending: false }, "title")).toBe("ascending");
    expect(ariaSort(sort, "date")).toBe("none");
  });

  it("reads a remembered sort, and falls back for anything else", () => {
    expect(parseSort('{"column":"sources","descending":true}')).toEqual({ column: "sources", descending: true });
    expect(parseSort('{"column":"colour","descending":true}')).toEqual(DEFAULT_SORT);
    expect(parseSort("not json")).toEqual(DEFAULT_SORT);
    expect(parseSort(null)).toEqual(DEFAULT_SORT);
  });
});

describe("moveSelection", () => {
  it("moves by one, by a page, and to either end, never past them", () => {
    expect(moveSelection("ArrowDown", 4, 100, 10)).toBe(5);
    expect(moveSelection("ArrowUp", 4, 100, 10)).toBe(3);
    expect(moveSelection("ArrowUp", 0, 100, 10), "stays on the first row").toBe(0);
    expect(moveSelection("ArrowDown", 99, 100, 10), "stays on the last row").toBe(99);
    expect(moveSelection("PageDown", 95, 100, 10)).toBe(99);
    expect(moveSelection("PageUp", 15, 100, 10)).toBe(5);
    expect(moveSelection("Home", 50, 100, 10)).toBe(0);
    expect(moveSelection("End", 0, 100_000, 10)).toBe(99_999);
  });

  it("starts on the first row when nothing is selected, and ignores other keys", () => {
    expect(moveSelection("ArrowDown", null, 100, 10)).toBe(0);
    expect(moveSelection("ArrowUp", null, 100, 10)).toBe(0);
    expect(moveSelection("a", 3, 100, 10)).toBeNull();
    expect(moveSelection("ArrowDown", null, 0, 10), "an empty table has nothing to select").toBeNull();
  });
});

describe("scrollToShow", () => {
  it("scrolls as little as brings the row fully into view", () => {
    expect(scrollToShow(10, 0, 320, 32), "row 10 is below a 10-row view").toBe(32);
    expect(scrollToShow(5, 0, 320, 32), "already visible: no scroll").toBe(0);
    expect(scrollToShow(2, 320, 320, 32), "above the view: it becomes the top row").toBe(64);
  });
});

describe("RowCache", () => {
  it("asks for the first page before it knows the row count, then for the pages in view", () => {
    const cache = new RowCache(200);
    const generation = cache.generation;
    expect(cache.claim({ first: 0, end: 0 })).toEqual([0]);
    expect(cache.claim({ first: 0, end: 0 }), "a page asked for is not asked again").toEqual([]);
    expect(cache.put(generation, 0, rows(0, 200), 100_000)).toBe(true);
    expect(cache.total).toBe(100_000);
    expect(cache.row(199)?.id).toBe("e199");
    expect(cache.row(200), "page 1 has not arrived").toBeUndefined();
    expect(cache.claim({ first: 180, end: 420 })).toEqual([1, 2]);
    cache.put(generation, 2, rows(400, 200), 100_000);
    expect(cache.row(401)?.id).toBe("e401");
    expect(cache.indexOf("e401")).toBe(401);
    expect(cache.indexOf("e300"), "a row not loaded has no index yet").toBeNull();
  });

  it("drops the answers of an older filter or sort, and lets a failed page be asked again", () => {
    const cache = new RowCache(200);
    const old = cache.generation;
    cache.claim({ first: 0, end: 0 });
    const current = cache.reset();
    expect(cache.put(old, 0, rows(0, 200), 500), "a stale answer is dropped").toBe(false);
    expect(cache.row(0)).toBeUndefined();
    expect(cache.claim({ first: 0, end: 0 })).toEqual([0]);
    cache.failed(current, 0);
    expect(cache.claim({ first: 0, end: 0 }), "after a failure the page is asked again").toEqual([0]);
  });
});

describe("parseViewMode", () => {
  it("remembers the table, and shows the timeline for anything else", () => {
    expect(parseViewMode("table")).toBe("table");
    expect(parseViewMode("timeline")).toBe("timeline");
    expect(parseViewMode(null)).toBe("timeline");
    expect(parseViewMode("grid")).toBe("timeline");
  });
});
