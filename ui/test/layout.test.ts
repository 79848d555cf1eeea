import { describe, expect, it } from "vitest";
import { assignLanes, assignLanesKeeping, type Interval } from "../src/timeline/layout";

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` intervals starting in [0, spread), each 20 to 220 px wide. */
function randomIntervals(next: () => number, count: number, spread: number): Interval[] {
  return Array.from({ length: count }, () => {
    const left = Math.floor(next() * spread);
    return { left, right: left + 20 + Math.floor(next() * 200) };
  });
}

function overlaps(a: Interval, b: Interval, padding: number): boolean {
  return a.left < b.right + padding && b.left < a.right + padding;
}

describe("assignLanes keeps labels from overlapping", () => {
  it("never puts two overlapping items in the same lane (random inputs)", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const count = Math.floor(next() * 300);
      const intervals: Interval[] = Array.from({ length: count }, () => {
        const left = next() * 2000 - 100;
        return { left, right: left + 5 + next() * 260 };
      });
      const padding = 8;
      const { lanes, laneCount } = assignLanes(intervals, padding);
      expect(lanes.length).toBe(count);
      for (let i = 0; i < count; i++) {
        expect(lanes[i]).toBeGreaterThanOrEqual(0);
        expect(lanes[i]).toBeLessThan(laneCount);
        for (let j = i + 1; j < count; j++) {
          if (lanes[i] !== lanes[j]) continue;
          const a = intervals[i] as Interval;
          const b = intervals[j] as Interval;
          expect(overlaps(a, b, padding), `seed ${seed}: items ${i} and ${j} overlap in lane ${lanes[i]}`).toBe(false);
        }
      }
    }
  });

  it("uses the fewest lanes: as many as the most items stacked at one point", () => {
    for (let seed = 100; seed < 130; seed++) {
      const next = random(seed);
      const intervals: Interval[] = Array.from({ length: 80 }, () => {
        const left = Math.round(next() * 1000);
        return { left, right: left + Math.round(10 + next() * 200) };
      });
      const { laneCount } = assignLanes(intervals, 0);
      // With padding 0, items touching at an edge may share a lane; count strict overlaps.
      let deepest = 0;
      for (const probe of intervals) {
        const depth = intervals.filter((o) => o.left <= probe.left && probe.left < o.right).length;
        deepest = Math.max(deepest, depth);
      }
      expect(laneCount, `seed ${seed}: more lanes than needed`).toBe(deepest);
    }
  });

  it("a simple case: two overlapping items and one far away need two lanes", () => {
    const { lanes, laneCount } = assignLanes(
      [
        { left: 0, right: 100 },
        { left: 50, right: 150 },
        { left: 300, right: 400 },
      ],
      8,
    );
    expect(laneCount, "only two items overlap, so two lanes suffice").toBe(2);
    expect(lanes, "the far item goes back to the top lane").toEqual([0, 1, 0]);
  });

  it("respects the padding between neighbours", () => {
    const { lanes } = assignLanes(
      [
        { left: 0, right: 100 },
        { left: 104, right: 200 },
        { left: 215, right: 300 },
      ],
      8,
    );
    expect(lanes[1], "4 px apart is closer than the 8 px padding").toBe(1);
    expect(lanes[2], "15 px after the first row's last item fits in lane 0").toBe(0);
  });

  it("is stable: ties keep input order and the same input gives the same lanes", () => {
    const intervals: Interval[] = [
      { left: 10, right: 60 },
      { left: 10, right: 40 },
      { left: 10, right: 90 },
    ];
    const first = assignLanes(intervals, 8);
    expect(first.lanes, "items starting together stack in input (time) order").toEqual([0, 1, 2]);
    expect(assignLanes(intervals, 8), "layout must not change between renders of the same data").toEqual(first);
    const shuffled = assignLanes([intervals[2] as Interval, intervals[0] as Interval, intervals[1] as Interval], 8);
    expect(shuffled.lanes).toEqual([0, 1, 2]);
  });

  it("handles no items", () => {
    expect(assignLanes([], 8)).toEqual({ lanes: [], laneCount: 0 });
  });

  it("searches only the lanes it is given: what fits there is placed as without a limit, the rest marked beyond", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const intervals = randomIntervals(random(seed), 80, 800);
      const free = assignLanes(intervals, 8);
      const limited = assignLanes(intervals, 8, 5);
      expect(free.laneCount, `seed ${seed} needs more than 5 lanes`).toBeGreaterThan(5);
      expect(limited.laneCount).toBe(6);
      expect(limited.lanes, `seed ${seed}`).toEqual(free.lanes.map((lane) => Math.min(lane, 5)));
    }
  });
});

describe("assignLanesKeeping: a new layout at the same scale leaves labels where they were", () => {
  const apartInLanes = (intervals: readonly Interval[], lanes: readonly number[], padding: number): boolean =>
    intervals.every((a, i) => intervals.every((b, j) => i === j || lanes[i] !== lanes[j] || !overlaps(a, b, padding)));

  it("keeps an item in its lane when one arriving earlier would have pushed it down", () => {
    const shown: Interval = { left: 100, right: 200 };
    const arriving: Interval = { left: 50, right: 150 };
    expect(assignLanes([arriving, shown], 8).lanes, "a fresh layout puts the earlier one on top").toEqual([0, 1]);
    const kept = assignLanesKeeping([arriving, shown], { had: [undefined, 0] }, 8);
    expect(kept.lanes, "the one on screen stays on top, the new one goes below").toEqual([1, 0]);
    expect(kept.laneCount).toBe(2);
  });

  it("keeps a lane that is not the top one, and fills the gap above it with what fits", () => {
    const intervals: Interval[] = [
      { left: 0, right: 40 },
      { left: 300, right: 400 },
    ];
    const kept = assignLanesKeeping(intervals, { had: [undefined, 2] }, 8);
    expect(kept.lanes).toEqual([0, 2]);
    expect(kept.laneCount).toBe(3);
  });

  it("moves only the later of two kept items that now overlap in their lane", () => {
    const intervals: Interval[] = [
      { left: 0, right: 100 },
      { left: 90, right: 200 },
    ];
    expect(assignLanesKeeping(intervals, { had: [0, 0] }, 8).lanes).toEqual([0, 1]);
  });

  it("places the first item before the others, in the lane it had or on top", () => {
    const shown: Interval = { left: 100, right: 200 };
    const revealed: Interval = { left: 120, right: 220 };
    expect(assignLanesKeeping([shown, revealed], { had: [0, undefined], first: 1 }, 8).lanes).toEqual([1, 0]);
    expect(assignLanesKeeping([shown, revealed], { had: [0, 3], first: 1 }, 8).lanes).toEqual([0, 3]);
  });

  it("keeps no lane beyond the lanes it is given, and marks what finds no room there as beyond", () => {
    const intervals: Interval[] = [
      { left: 0, right: 100 },
      { left: 10, right: 110 },
      { left: 20, right: 120 },
    ];
    expect(assignLanesKeeping(intervals, { had: [undefined, undefined, 5] }, 8, 2)).toEqual({ lanes: [0, 1, 2], laneCount: 3 });
    expect(assignLanesKeeping(intervals, { had: [1, 0, undefined] }, 8, 2)).toEqual({ lanes: [1, 0, 2], laneCount: 3 });
    expect(assignLanesKeeping(intervals.slice(0, 2), { had: [1, undefined] }, 8, 2)).toEqual({ lanes: [1, 0], laneCount: 2 });
  });

  it("never puts two overlapping items in the same lane, whatever lanes they had (random inputs)", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const intervals = randomIntervals(next, 40, 1000);
      const had = intervals.map(() => (next() < 0.6 ? Math.floor(next() * 6) : undefined));
      const { lanes, laneCount } = assignLanesKeeping(intervals, { had, first: Math.floor(next() * 40) }, 8);
      expect(apartInLanes(intervals, lanes, 8), `seed ${seed}`).toBe(true);
      expect(Math.max(...lanes) + 1, `seed ${seed}: the count covers every lane used`).toBe(laneCount);
    }
  });
});
