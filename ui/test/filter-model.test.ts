import { describe, expect, it } from "vitest";
import type { Filter } from "../src/api/types";
import {
  addValue,
  emptyFilter,
  filterChips,
  includesGdelt,
  isEmptyFilter,
  loadFilter,
  onlyGdelt,
  parseFilter,
  removeChip,
  saveFilter,
  serialiseFilter,
  setDate,
  setIncludeGdelt,
  setOnlyGdelt,
  STORAGE_KEY,
  toggleValue,
  toggleVerification,
  withoutField,
} from "../src/panels/filter-model";

const busy: Filter = {
  kinds: ["summit", "call"],
  sides: ["china"],
  actors: ["Wang Yi"],
  tags: ["taiwan"],
  from: "2017",
  to: "2023-11",
};

describe("filter chips", () => {
  it("has one chip per value, in field order, with readable labels", () => {
    expect(filterChips(busy).map((chip) => chip.label)).toEqual([
      "Kind: Summit",
      "Kind: Call",
      "Side: China",
      "Actor: Wang Yi",
      "Tag: taiwan",
      "From: 2017",
      "To: November 2023",
    ]);
    expect(filterChips(emptyFilter())).toEqual([]);
  });
  it("removes exactly the chip's value and leaves the input alone", () => {
    const before = structuredClone(busy);
    const next = removeChip(busy, { field: "kinds", value: "call" });
    expect(next.kinds).toEqual(["summit"]);
    expect(removeChip(busy, { field: "from", value: "2017" }).from).toBeUndefined();
    expect("from" in removeChip(busy, { field: "from", value: "2017" }), "no from key left behind").toBe(false);
    expect(busy).toEqual(before);
  });
  it("adds values once, trimmed, and only known kinds and sides", () => {
    let filter = addValue(emptyFilter(), "actors", "  Xi Jinping ");
    filter = addValue(filter, "actors", "Xi Jinping");
    filter = addValue(filter, "tags", "   ");
    filter = addValue(filter, "kinds", "space_race");
    filter = toggleValue(filter, "sides", "us", true);
    expect(filter).toEqual({ kinds: [], sides: ["us"], actors: ["Xi Jinping"], tags: [] });
    expect(toggleValue(filter, "sides", "us", false).sides).toEqual([]);
  });
  it("takes partial dates for the range and refuses the rest", () => {
    expect(setDate(emptyFilter(), "from", "2023-11").filter.from).toBe("2023-11");
    expect(setDate(emptyFilter(), "to", " 2023-11-15 ").filter.to).toBe("2023-11-15");
    const bad = setDate(busy, "from", "Nov 2023");
    expect(bad.error).toContain("2023-11");
    expect(bad.filter).toBe(busy);
    expect(setDate(emptyFilter(), "from", "2023-02-30").error).not.toBeNull();
    expect(setDate({ ...emptyFilter(), from: "2020" }, "to", "2019").error).toContain("before");
    expect(setDate({ ...emptyFilter(), from: "2020-05" }, "to", "2020").error, "the year 2020 still overlaps May 2020").toBeNull();
    expect(setDate(busy, "to", "").filter.to).toBeUndefined();
  });
  it("knows when nothing is filtered, and drops one field for its facet counts", () => {
    expect(isEmptyFilter(emptyFilter())).toBe(true);
    expect(isEmptyFilter({ ...emptyFilter(), to: "2020" })).toBe(false);
    expect(withoutField(busy, "kinds")).toEqual({ ...busy, kinds: [] });
  });
});

describe("filter persistence", () => {
  it("round-trips through its text form", () => {
    expect(parseFilter(serialiseFilter(busy))).toEqual(busy);
    expect(parseFilter(serialiseFilter(emptyFilter()))).toEqual(emptyFilter());
  });
  it("reads anything unreadable as no filter, and drops what it does not know", () => {
    for (const text of [null, "", "{", "null", "[]", '{"version":2,"filter":{}}', '{"version":1}', '"x"']) {
      expect(parseFilter(text), String(text)).toEqual(emptyFilter());
    }
    const odd = JSON.stringify({
      version: 1,
      filter: { kinds: ["summit", "nope", 3], sides: "us", actors: ["Wang Yi", "", "Wang Yi"], tags: [null], from: "yesterday", to: "2023-13" },
    });
    expect(parseFilter(odd)).toEqual({ kinds: ["summit"], sides: [], actors: ["Wang Yi"], tags: [] });
  });
  it("saves to and loads from a store, and survives a broken one", () => {
    const map = new Map<string, string>();
    const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    saveFilter(store, busy);
    expect(map.has(STORAGE_KEY)).toBe(true);
    expect(loadFilter(store)).toEqual(busy);
    const broken = {
      getItem: (): string | null => {
        throw new Error("denied");
      },
      setItem: (): void => {
        throw new Error("full");
      },
    };
    expect(loadFilter(broken)).toEqual(emptyFilter());
    expect(() => saveFilter(broken, busy)).not.toThrow();
    expect(loadFilter(null)).toEqual(emptyFilter());
  });

  it("hides GDELT events with one origin filter, shown as a chip and kept across a restart", () => {
    const shown = emptyFilter();
    expect(includesGdelt(shown)).toBe(true);
    const hidden = setIncludeGdelt(shown, false);
    expect(includesGdelt(hidden)).toBe(false);
    expect(hidden.origins).toEqual(["dataset", "user"]);
    expect(isEmptyFilter(hidden)).toBe(false);
    expect(filterChips(hidden).map((c) => c.label)).toEqual(["Hidden: GDELT events"]);
    const chip = filterChips(hidden)[0]!;
    expect(includesGdelt(removeChip(hidden, chip))).toBe(true);
    expect(parseFilter(JSON.stringify({ version: 1, filter: hidden }))).toEqual(hidden);
    expect(parseFilter(JSON.stringify({ version: 1, filter: { origins: ["rumour"] } })).origins).toBeUndefined();
    expect(setIncludeGdelt(hidden, true)).toEqual(emptyFilter());
  });

  it("shows only GDELT events with one origin filter, a chip that puts every origin back, kept across a restart", () => {
    const only = setOnlyGdelt(emptyFilter(), true);
    expect(only.origins).toEqual(["gdelt"]);
    expect(onlyGdelt(only)).toBe(true);
    // Not an empty filter: the timeline must send it, or it would draw every event.
    expect(isEmptyFilter(only)).toBe(false);
    expect(isEmptyFilter({ ...emptyFilter(), origins: ["dataset", "user", "gdelt"] })).toBe(true);
    expect(includesGdelt(only)).toBe(true);
    expect(onlyGdelt(emptyFilter())).toBe(false);
    expect(onlyGdelt(setIncludeGdelt(emptyFilter(), false))).toBe(false);
    expect(filterChips(only).map((c) => c.label)).toEqual(["Only: GDELT events"]);
    expect(removeChip(only, filterChips(only)[0]!)).toEqual(emptyFilter());
    expect(parseFilter(JSON.stringify({ version: 1, filter: only }))).toEqual(only);
    // Hiding GDELT events while only they are shown shows the curated ones instead.
    expect(setIncludeGdelt(only, false).origins).toEqual(["dataset", "user"]);
    expect(setOnlyGdelt(only, false)).toEqual(emptyFilter());
  });
});

describe("verification filter", () => {
  it("adds a chip per state, removes it, and survives a restart", () => {
    let filter = toggleVerification(emptyFilter(), "disputed", true);
    filter = toggleVerification(filter, "single_source", true);
    expect(filterChips(filter).map((chip) => chip.label)).toEqual(["Sources: Disputed", "Sources: Single source"]);
    expect(isEmptyFilter(filter)).toBe(false);
    expect(parseFilter(serialiseFilter(filter)).verification).toEqual(["disputed", "single_source"]);
    filter = removeChip(filter, { field: "verification", value: "disputed" });
    filter = toggleVerification(filter, "single_source", false);
    expect(filter.verification).toBeUndefined();
    expect(isEmptyFilter(filter)).toBe(true);
  });

  it("drops a state it does not know when reading a saved filter", () => {
    const text = JSON.stringify({ version: 1, filter: { kinds: [], sides: [], actors: [], tags: [], verification: ["verified-by-me", "corroborated"] } });
    expect(parseFilter(text).verification).toEqual(["corroborated"]);
  });
});
