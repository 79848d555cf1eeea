import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../src/api/types";
import { toItem, type TimelineItem } from "../src/timeline/items";
import { createMeasurer } from "../src/timeline/measure";
import { DEFAULT_PLACEMENT, placeItems, placeMargins, type PlacedItem } from "../src/timeline/placement";

const measurer = createMeasurer((text) => text.length * 7);

function event(id: string, start: string, end?: string, title = `Event ${id}`): StoredEvent {
  return {
    id,
    title,
    summary: "",
    start,
    ...(end ? { end } : {}),
    kind: "meeting",
    actors: [],
    tags: [],
    sources: [],
    origin: "dataset",
    edited: false,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  };
}

function item(id: string, start: string, end?: string, title?: string): TimelineItem {
  const result = toItem(event(id, start, end, title));
  if (!result) throw new Error(`test event ${id} has unreadable dates`);
  return result;
}

// One pixel per day across 2023.
const origin = Date.UTC(2023, 0, 1);
const x = (time: number): number => (time - origin) / 86_400_000;
const width = 365;
const options = { ...DEFAULT_PLACEMENT, width };

function labelBox(p: PlacedItem): [number, number] {
  return p.labelAnchor === "start" ? [p.labelX, p.labelX + p.labelWidth] : [p.labelX - p.labelWidth, p.labelX];
}

describe("items take the shape of their precision", () => {
  it("a day is a point, a stretch of days a bar, a month or year a soft span", () => {
    expect(item("a", "2023-03-01").shape).toBe("point");
    expect(item("b", "2023-03-01", "2023-03-04").shape).toBe("bar");
    expect(item("c", "2023-03").shape).toBe("span");
    expect(item("d", "2023").shape).toBe("span");
  });
  it("a month span covers the whole month, not its 1st", () => {
    const march = item("c", "2023-03");
    expect(march.start).toBe(Date.UTC(2023, 2, 1));
    expect(march.end).toBe(Date.UTC(2023, 3, 1));
    expect(march.dateText).toBe("March 2023");
  });
  it("an unreadable date gives no item rather than a wrong one", () => {
    expect(toItem(event("x", "2023-02-30"))).toBeNull();
  });
});

describe("placeItems keeps every label readable", () => {
  it("puts a point's label to its right", () => {
    const { placed } = placeItems([item("a", "2023-03-01")], x, measurer, options);
    const [p] = placed;
    expect(p?.labelAnchor).toBe("start");
    expect(p?.labelX).toBeGreaterThan(p?.x1 ?? Infinity);
  });
  it("flips a label near the right edge to the left of its point", () => {
    const { placed } = placeItems([item("a", "2023-12-20", undefined, "A long enough title")], x, measurer, options);
    const [p] = placed;
    expect(p?.labelAnchor, "a label that would run out of view goes to the left").toBe("end");
    const [left, right] = labelBox(p as PlacedItem);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(width);
  });
  it("puts a long span's label inside it, from its visible start", () => {
    const { placed } = placeItems([item("y", "2022", "2023-06")], x, measurer, options);
    const [p] = placed;
    expect(p?.labelX, "a span starting before the view shows its label at the left edge").toBeGreaterThan(0);
    expect(p?.labelX).toBeLessThan(20);
  });
  it("puts a narrow bar's label after the bar, so the bar does not cross the text", () => {
    const { placed } = placeItems([item("b", "2023-03-01", "2023-03-03")], x, measurer, options);
    const [p] = placed;
    expect(p?.labelX).toBeGreaterThan(p?.x1 ?? Infinity);
  });
  it("leaves out items outside the view", () => {
    const { placed } = placeItems([item("old", "2021-05-01"), item("in", "2023-05-01")], x, measurer, options);
    expect(placed.map((p) => p.item.id)).toEqual(["in"]);
  });
  it("never lets two items in a lane overlap", () => {
    const items = Array.from({ length: 60 }, (_, i) =>
      item(`e${i}`, `2023-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + ((i * 7) % 28)).padStart(2, "0")}`),
    ).sort((a, b) => a.start - b.start);
    const { placed } = placeItems(items, x, measurer, options);
    for (const a of placed) {
      for (const b of placed) {
        if (a === b || a.lane !== b.lane) continue;
        const apart = a.right + options.lanePadding <= b.left || b.right + options.lanePadding <= a.left;
        expect(apart, `${a.item.id} and ${b.item.id} overlap in lane ${a.lane}`).toBe(true);
      }
    }
  });
  it("lets a label use its free row, cutting it only where the view ends", () => {
    const title = "x".repeat(200);
    const { placed } = placeItems([item("a", "2023-01-10", undefined, title)], x, measurer, {
      ...options,
      width: 2000,
    });
    const [p] = placed;
    expect(p?.label, "no fixed cut at 260 px when the row is free").toBe(title);
    const narrow = placeItems([item("a", "2023-01-10", undefined, title)], x, measurer, { ...options, width: 800 });
    expect(narrow.placed[0]?.label.endsWith("…"), "cut at the view's edge").toBe(true);
    expect(narrow.placed[0]?.labelX ?? 0 + (narrow.placed[0]?.labelWidth ?? 0)).toBeLessThanOrEqual(800);
  });
  it("moves a label that would be cut to a free lane where it fits whole", () => {
    // Two days apart, one pixel per hour: both long titles start near the middle of a
    // 900 px view, the first taking lane 0 in full, the second cut at the edge in lane 1...
    const day = (d: number): number => Date.UTC(2023, 10, d);
    const hourly = (time: number): number => (time - day(12)) / 3_600_000 * 6.25;
    const first = item("sunnylands", "2023-11-14", undefined, "s".repeat(58));
    const second = item("woodside", "2023-11-15", undefined, "w".repeat(70));
    const { placed } = placeItems([first, second], hourly, measurer, { ...options, width: 900, maxLabelLanes: 10 });
    const woodside = placed.find((p) => p.item.id === "woodside");
    // ...unless it flips: its 490 px fit left of its mark at x = 525.
    expect(woodside?.label, "shown whole").toBe("w".repeat(70));
    expect(woodside?.labelAnchor).toBe("end");
    for (const p of placed) {
      const [l, r] = labelBox(p);
      expect(l).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(900);
    }
  });
  it("uses an empty lane of the view when neither side of its own lane has room", () => {
    // A label at the left edge, its lane taken just after its cut end; the lane below is free.
    const long = item("long", "2023-01-21", undefined, "m".repeat(40));
    const next = item("next", "2023-06-20", undefined, "n".repeat(5));
    const tight = { ...options, width: 800, maxLabelWidth: 120, maxLabelLanes: 3 };
    const { placed, laneCount } = placeItems([long, next], x, measurer, tight);
    const moved = placed.find((p) => p.item.id === "long");
    expect(moved?.label, "whole in a lane of its own").toBe("m".repeat(40));
    expect(moved?.lane).toBe(1);
    expect(laneCount, "the heat row goes below the new lane").toBe(2);
    const [l, r] = moved ? labelBox(moved) : [0, 0];
    expect(l).toBeGreaterThan(moved?.x1 ?? 0);
    expect(r).toBeLessThanOrEqual(800);
  });
  it("keeps the cut where the full title fits in no lane the view shows", () => {
    const long = item("long", "2023-01-21", undefined, "m".repeat(40));
    const next = item("next", "2023-06-20", undefined, "n".repeat(5));
    const { placed, laneCount } = placeItems([long, next], x, measurer, { ...options, width: 800, maxLabelWidth: 120, maxLabelLanes: 1 });
    expect(laneCount).toBe(1);
    expect(placed.find((p) => p.item.id === "long")?.label.endsWith("…")).toBe(true);
  });
});

describe("placeItems with the layout on screen: labels stay where the user saw them", () => {
  const shownLanes = (placed: readonly PlacedItem[]): Map<string, number> =>
    new Map(placed.filter((p) => p.label !== "").map((p) => [p.item.id, p.lane]));

  it("an event that arrives before a labelled one goes below it instead of taking its lane", () => {
    const summit = item("summit", "2023-11-15", undefined, "Woodside summit");
    const statement = item("statement", "2023-11-14", undefined, "Sunnylands statement");
    const before = placeItems([summit], x, measurer, options).placed;
    expect(before.map((p) => p.lane)).toEqual([0]);
    const fresh = placeItems([statement, summit], x, measurer, options).placed;
    expect(fresh.find((p) => p.item.id === "summit")?.lane, "a fresh layout would move the summit down").toBe(1);
    const after = placeItems([statement, summit], x, measurer, { ...options, shown: { lanes: shownLanes(before), first: null } }).placed;
    const summitAfter = after.find((p) => p.item.id === "summit");
    expect(summitAfter?.lane).toBe(0);
    expect([summitAfter?.labelX, summitAfter?.labelAnchor]).toEqual([before[0]?.labelX, before[0]?.labelAnchor]);
    expect(after.find((p) => p.item.id === "statement")?.lane).toBe(1);
  });

  it("the event being shown keeps a label when the label lanes are full", () => {
    const shownItems = [item("a", "2023-06-01"), item("b", "2023-06-02")];
    const capped = { ...options, maxLabelLanes: 2 };
    const before = placeItems(shownItems, x, measurer, capped).placed;
    const target = item("target", "2023-05-31");
    const withTarget = [target, ...shownItems];
    const kept = placeItems(withTarget, x, measurer, { ...capped, shown: { lanes: shownLanes(before), first: null } });
    expect(kept.placed.find((p) => p.item.id === "target")?.label ?? "", "kept lanes leave the newcomer no label").toBe("");
    const shown = placeItems(withTarget, x, measurer, { ...capped, shown: { lanes: shownLanes(before), first: "target" } });
    expect(shown.placed.find((p) => p.item.id === "target")?.label).not.toBe("");
  });

  it("the event being shown is placed first in a fresh layout too", () => {
    const crowd = [item("a", "2023-06-01"), item("b", "2023-06-02"), item("target", "2023-06-03")];
    const capped = { ...options, maxLabelLanes: 2 };
    expect(placeItems(crowd, x, measurer, capped).placed.find((p) => p.item.id === "target")?.label ?? "").toBe("");
    const { placed } = placeItems(crowd, x, measurer, { ...capped, shown: { lanes: new Map(), first: "target" } });
    expect(placed.find((p) => p.item.id === "target")?.lane).toBe(0);
    expect(placed.find((p) => p.item.id === "target")?.label).not.toBe("");
  });

  it("a lane beyond the label lanes is not kept", () => {
    const shownItems = [item("a", "2023-06-01"), item("b", "2023-06-02"), item("c", "2023-06-03")];
    const { placed } = placeItems(shownItems, x, measurer, { ...options, shown: { lanes: new Map([["c", 7]]), first: null }, maxLabelLanes: 3 });
    expect(placed.map((p) => p.lane).sort()).toEqual([0, 1, 2]);
  });
});

describe("placeMargins: the events just beyond the view, ready for a gesture to reveal", () => {
  // A quarter of the view (about three months) beyond each side of 2023.
  const margin = 91;

  it("draws them as bare marks in gaps of the view's lanes, and leaves the view as it was", () => {
    const items = [item("dec-2022", "2022-12-10"), item("mar", "2023-03-01"), item("jan-2024", "2024-01-20"), item("far", "2024-09-01")];
    const view = placeItems(items, x, measurer, options);
    const before = JSON.stringify(view);
    const { placed, crowded } = placeMargins(items, x, view, { ...options, margin });
    expect(JSON.stringify(view), "the view's own placement is untouched").toBe(before);
    expect(view.placed.map((p) => p.item.id), "the view still places only what it shows").toEqual(["mar"]);
    expect(placed.map((p) => p.item.id).sort(), "both sides, nothing past the margin").toEqual(["dec-2022", "jan-2024"]);
    expect(crowded).toEqual([]);
    for (const p of placed) {
      expect(p.label, "no label beyond the view").toBe("");
      expect(p.x1 < 0 || p.x0 > width, `${p.item.id} lies beyond the view`).toBe(true);
      expect(p.lane).toBeLessThan(view.laneCount);
    }
  });

  it("sends a mark that finds no free gap to the heat row rather than adding a lane", () => {
    // The view has one lane, held up to the year's end by a span of December; three dots of
    // one day in January come after it.
    const items = [item("dec", "2023-12"), ...Array.from({ length: 3 }, (_, i) => item(`jan${i}`, "2024-01-20"))];
    const view = placeItems(items, x, measurer, { ...options, maxLabelLanes: 1 });
    const { placed, crowded } = placeMargins(items, x, view, { ...options, margin });
    expect(view.laneCount).toBe(1);
    expect(placed.length, "one of the three same-day dots fits after the span").toBe(1);
    expect(crowded.length, "the others go to the heat").toBe(2);
    expect([...placed, ...crowded].every((p) => p.x0 > width)).toBe(true);
  });

  it("places nothing without a margin", () => {
    const items = [item("dec-2022", "2022-12-10"), item("mar", "2023-03-01")];
    const view = placeItems(items, x, measurer, options);
    expect(placeMargins(items, x, view, { ...options, margin: 0 })).toEqual({ placed: [], crowded: [] });
  });
});
