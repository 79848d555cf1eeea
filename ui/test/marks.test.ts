// The canvas renderer's pure parts: label room, the label-lane cap with marks fitted into gaps
// and the rest counted in the heat row, mark geometry, and hit-testing.
import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../src/api/types";
import { toItem, type TimelineItem } from "../src/timeline/items";
import { heatCells, MarkIndex, shapeBox, toMark, userMarkAt, type Mark } from "../src/timeline/marks";
import { createMeasurer } from "../src/timeline/measure";
import { DEFAULT_PLACEMENT, placeItems, type PlacedItem } from "../src/timeline/placement";
import { heldBackRanges } from "../src/timeline/timeline";

const measurer = createMeasurer((text) => text.length * 7);

function item(id: string, start: string, end?: string, title = `Event ${id}`): TimelineItem {
  const event: StoredEvent = {
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
  const result = toItem(event);
  if (!result) throw new Error(`test event ${id} has unreadable dates`);
  return result;
}

// Four pixels per day across 2023.
const origin = Date.UTC(2023, 0, 1);
const x = (time: number): number => ((time - origin) / 86_400_000) * 4;
const options = { ...DEFAULT_PLACEMENT, width: 1460 };

function labelRight(p: PlacedItem): number {
  return p.labelAnchor === "start" ? p.labelX + p.labelWidth : p.labelX;
}

describe("labels use the room they have", () => {
  const long = "Woodside summit: agreement on military-to-military communication and fentanyl controls";

  it("grows a label past the reserved width up to the next mark in its row", () => {
    // 100 days apart = 400 px: more than the 260 px a label reserves, less than the title.
    const items = [item("a", "2023-03-01", undefined, long), item("b", "2023-06-09", undefined, long)];
    const { placed } = placeItems(items, x, measurer, { ...options, maxLabelLanes: 1 });
    const a = placed.find((p) => p.item.id === "a");
    const b = placed.find((p) => p.item.id === "b");
    expect(a && b, "both placed").toBeTruthy();
    if (!a || !b) return;
    expect(a.lane, "one row").toBe(b.lane);
    expect(a.labelWidth, "wider than the reserved width").toBeGreaterThan(DEFAULT_PLACEMENT.maxLabelWidth);
    {
      expect(labelRight(a) + DEFAULT_PLACEMENT.lanePadding, "a's label stops before b").toBeLessThanOrEqual(b.left);
      expect(a.label.endsWith("…"), "cut only because b is there").toBe(true);
    }
    expect(b.label, "b has the rest of the row to itself").toBe(long);
  });

  it("keeps the full title of two events that read alike apart when there is room", () => {
    const first = "Woodside: US and China agree to resume military-to-military talks";
    const second = "Woodside: US and China agree to cooperate on curbing fentanyl";
    const { placed } = placeItems(
      [item("a", "2023-11-15", undefined, first), item("b", "2023-11-15", undefined, second)],
      x,
      measurer,
      options,
    );
    expect(placed.map((p) => p.label).sort()).toEqual([first, second].sort());
  });
});

describe("label lanes and crowded marks", () => {
  it("caps the labelled lanes, fits overflow marks into gaps, and counts the rest as heat", () => {
    // 30 events on one day cannot be told apart; one on its own day far away.
    const items = [
      ...Array.from({ length: 30 }, (_, i) => item(`same${i}`, "2023-06-01")),
      item("alone", "2023-01-05"),
    ];
    const { placed, laneCount, crowded } = placeItems(items, x, measurer, { ...options, maxLabelLanes: 4 });
    expect(laneCount).toBe(4);
    expect(placed.length + crowded.length, "every event is a mark or in the heat").toBe(31);
    expect(placed.filter((p) => p.label !== "").length, "one label per label lane at that day, plus the lone one").toBe(5);
    expect(crowded.length).toBeGreaterThan(0);
    for (const p of placed) expect(p.lane).toBeLessThan(4);
    const cells = heatCells(crowded, [], 200, [0, options.width]);
    expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(crowded.length);
    expect(cells.every((c) => c.y === 200)).toBe(true);
  });

  it("puts a label-less mark into a gap of a label lane when its shape fits there", () => {
    // Lane 0 holds a long label from March; a second dot in between finds no lane with label
    // room under a one-lane cap but fits as a bare mark in a gap further right.
    const items = [item("a", "2023-03-01"), item("b", "2023-03-02"), item("c", "2023-03-03")];
    const { placed, crowded } = placeItems(items, x, measurer, { ...options, maxLabelLanes: 1 });
    expect(placed.length + crowded.length).toBe(3);
    const bare = placed.filter((p) => p.label === "");
    for (const p of bare) {
      for (const other of placed) {
        if (other === p || other.lane !== p.lane) continue;
        expect(p.x1 <= other.left || p.x0 >= other.right, `${p.item.id} overlaps ${other.item.id}`).toBe(true);
      }
    }
  });

  it("draws a margin's heat beside the view's, in bins of its own", () => {
    const held = [{ x0: -40, x1: 140, count: 45 }];
    const view = heatCells([], held, 10, [0, 100], 4);
    const left = heatCells([], held, 10, [-40, 0], 4);
    const right = heatCells([], held, 10, [100, 140], 4);
    expect(view.map((c) => c.x0), "the view's cells as before").toEqual(Array.from({ length: 25 }, (_, i) => i * 4));
    expect(left.every((c) => c.x1 <= 0) && right.every((c) => c.x0 >= 100), "no cell of a margin overlaps the view's").toBe(true);
    expect(left.length + right.length).toBe(20);
  });

  it("spreads held-back counts over the bins of their range", () => {
    const cells = heatCells([], [{ x0: 0, x1: 16, count: 8 }], 10, [0, 100], 4);
    expect(cells.map((c) => c.count)).toEqual([2, 2, 2, 2]);
  });

  it("counts per bucket the events the backend did not send", () => {
    const items = [item("a", "2023-01-05"), item("b", "2023-02-10")];
    const ranges = heldBackRanges(
      [
        { start: "2023-01-01", end: "2023-01-31", count: 5 },
        { start: "2023-02-01", end: "2023-02-28", count: 1 },
      ],
      items,
    );
    expect(ranges.map((r) => r.count)).toEqual([4]);
  });
});

describe("mark geometry", () => {
  it("centres a dot, a bar and a taller span in their row", () => {
    expect(shapeBox("point", 95, 105, 10)).toEqual({ x: 95, y: 18, width: 10, height: 10 });
    expect(shapeBox("bar", 10, 60, 10)).toEqual({ x: 10, y: 16, width: 50, height: 14 });
    expect(shapeBox("span", 10, 60, 10)).toEqual({ x: 10, y: 13, width: 50, height: 20 });
    expect(userMarkAt("point", 95, 105, 10)).toEqual({ x: 105, y: 18 });
  });
});

describe("hit-testing", () => {
  const rows = 50;
  const perRow = 400;
  const marks: Mark[] = [];
  for (let row = 0; row < rows; row++) {
    for (let i = 0; i < perRow; i++) {
      const it = item(`r${row}i${i}`, "2023-01-01");
      const x0 = i * 10 + (row % 3);
      marks.push(toMark({ item: it, x0, x1: x0 + 6, label: "", labelWidth: 0, labelX: 0, labelAnchor: "start", left: x0, right: x0 + 6, lane: row }, `k${row}:${i}`, 10 + row * 26));
    }
  }
  const index = new MarkIndex(marks, [{ x0: 0, x1: 4, y: 10 + rows * 26, count: 3, items: [] }]);

  it("finds the mark under the pointer, in the right row", () => {
    const hit = index.hit(10 * 123 + 3 + 1, 10 + 7 * 26 + 13);
    expect(hit?.type === "mark" ? hit.mark.key : null).toBe("k7:123");
  });

  it("forgives a few pixels beside a small mark, and finds nothing in empty space", () => {
    const hit = index.hit(6 + 1, 10 + 13);
    expect(hit?.type === "mark" ? hit.mark.key : null).toBe("k0:0");
    expect(index.hit(5000, 10 + 13)).toBeNull();
    expect(index.hit(20, 2)).toBeNull();
  });

  it("finds heat cells in the heat row", () => {
    const hit = index.hit(2, 10 + rows * 26 + 5);
    expect(hit?.type).toBe("heat");
  });

  it("answers 20,000 queries over 20,000 marks in well under a frame each", () => {
    const t0 = performance.now();
    let found = 0;
    for (let i = 0; i < 20_000; i++) {
      if (index.hit((i * 37) % 4000, 10 + ((i * 13) % (rows * 26)))) found++;
    }
    const each = (performance.now() - t0) / 20_000;
    expect(found).toBeGreaterThan(0);
    expect(each, "ms per hit test").toBeLessThan(0.05);
  });
});
