// Lane layout: each item goes in the first lane (row) where the horizontal stretch it
// occupies, label included, is free. Greedy first-fit over items sorted by left edge uses
// the fewest lanes possible for intervals, and never lets two items in a lane overlap.

export interface Interval {
  /** Leftmost pixel the item occupies (shape or label). */
  left: number;
  /** Rightmost pixel the item occupies. */
  right: number;
}

export interface LaneAssignment {
  /** lanes[i] is the lane of intervals[i]; lane 0 is the top one. */
  lanes: number[];
  laneCount: number;
}

/** The intervals' indexes by left edge; ties keep the input order. */
function byLeft(intervals: readonly Interval[]): number[] {
  return intervals.map((_, index) => index).sort((a, b) => (intervals[a] as Interval).left - (intervals[b] as Interval).left || a - b);
}

/**
 * Assigns lanes so that, within a lane, any two intervals are at least `padding` pixels
 * apart. Ties in `left` keep the input order, so the same input always gives the same lanes.
 * Only `maxLanes` lanes are searched: an interval that finds no room in them gets lane
 * `maxLanes`, and the count is then `maxLanes + 1` (a caller that labels only those lanes
 * needs no more, and a dense view is not searched lane by lane through hundreds).
 */
export function assignLanes(intervals: readonly Interval[], padding = 8, maxLanes = Number.POSITIVE_INFINITY): LaneAssignment {
  const order = byLeft(intervals);
  const laneRight: number[] = [];
  const lanes = new Array<number>(intervals.length).fill(0);
  let overflow = false;
  for (const index of order) {
    const interval = intervals[index] as Interval;
    let lane = laneRight.findIndex((right) => right + padding <= interval.left);
    if (lane !== -1) {
      laneRight[lane] = interval.right;
    } else if (laneRight.length < maxLanes) {
      lane = laneRight.length;
      laneRight.push(interval.right);
    } else {
      lane = maxLanes;
      overflow = true;
    }
    lanes[index] = lane;
  }
  return { lanes, laneCount: overflow ? maxLanes + 1 : laneRight.length };
}

/** What a layout already on screen says about where each interval should go. */
export interface LaneHints {
  /** The lane each interval had on screen (undefined: none, or one no longer shown). */
  had: readonly (number | undefined)[];
  /** An interval placed before every other (the event being shown or selected): in the lane it had, else the top one. */
  first?: number;
}

/**
 * `assignLanes` for a layout that replaces one on screen at the same scale (new events
 * arrived, a pan ended): each interval keeps the lane it had when that lane is still free
 * for it, so a label does not jump under the pointer; the others take the first lane free
 * for them. `hints.first` goes before all, so it is never the one crowded out. Lanes had at
 * or beyond `maxLanes` are not kept, and overflow is marked as `assignLanes` marks it.
 */
export function assignLanesKeeping(
  intervals: readonly Interval[],
  hints: LaneHints,
  padding = 8,
  maxLanes = Number.POSITIVE_INFINITY,
): LaneAssignment {
  const order = byLeft(intervals);
  const rows: Interval[][] = [];
  const lanes = new Array<number>(intervals.length).fill(-1);
  const put = (index: number, lane: number): void => {
    while (rows.length <= lane) rows.push([]);
    insertSorted(rows[lane] as Interval[], intervals[index] as Interval);
    lanes[index] = lane;
  };
  const fits = (index: number, lane: number): boolean => {
    const interval = intervals[index] as Interval;
    return isFree(rows[lane] ?? [], interval.left - padding, interval.right + padding);
  };
  const kept = (lane: number | undefined): lane is number => lane !== undefined && lane < maxLanes;
  let overflow = false;
  if (hints.first !== undefined && hints.first < intervals.length) {
    const had = hints.had[hints.first];
    put(hints.first, kept(had) ? had : 0);
  }
  for (const index of order) {
    const had = hints.had[index];
    if (lanes[index] === -1 && kept(had) && fits(index, had)) put(index, had);
  }
  for (const index of order) {
    if (lanes[index] !== -1) continue;
    const lane = rows.findIndex((_, candidate) => fits(index, candidate));
    if (lane !== -1) put(index, lane);
    else if (rows.length < maxLanes) put(index, rows.length);
    else {
      lanes[index] = maxLanes;
      overflow = true;
    }
  }
  return { lanes, laneCount: overflow ? maxLanes + 1 : rows.length };
}

/** Index of the first interval whose left is at or after `left` (row sorted by left). */
function lowerBound(row: readonly Interval[], left: number): number {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((row[mid] as Interval).left < left) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when [left, right] touches no interval of the row (sorted by left, none overlapping),
 * with at least `padding` pixels to spare on each side.
 */
export function isFree(row: readonly Interval[], left: number, right: number, padding = 0): boolean {
  const index = lowerBound(row, left);
  const before = row[index - 1];
  const after = row[index];
  return (before === undefined || before.right + padding < left) && (after === undefined || after.left > right + padding);
}

/** Adds an interval to a row sorted by left, keeping it sorted. */
export function insertSorted(row: Interval[], interval: Interval): void {
  row.splice(lowerBound(row, interval.left), 0, interval);
}
