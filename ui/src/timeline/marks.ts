// What the canvas draws and what a pointer over it hits: each event's mark (dot, bar or
// month / year span) in its row, and the heat row's cells, where events too close to tell
// apart (or held back by the backend) are counted. Pure: no DOM, so it is tested in node.
import type { Shape, TimelineItem } from "./items";
import type { PlacedItem } from "./placement";

export const LANE_HEIGHT = 26;
const ROW_MID = LANE_HEIGHT / 2;
const BAR_HEIGHT = 14;
const SPAN_HEIGHT = 20;

/** A mark at its place in the lanes (content coordinates: y grows down the scrolled lanes). */
export interface Mark {
  key: string;
  item: TimelineItem;
  x0: number;
  x1: number;
  /** Top of its row. */
  y: number;
  /** True when a label (and its focusable element, labels.ts) goes with it. */
  labelled: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box a shape fills in its row: a dot's square, a bar's or span's rectangle. */
export function shapeBox(shape: Shape, x0: number, x1: number, rowTop: number): Box {
  if (shape === "point") {
    const r = (x1 - x0) / 2;
    return { x: x0, y: rowTop + ROW_MID - r, width: 2 * r, height: 2 * r };
  }
  const height = shape === "span" ? SPAN_HEIGHT : BAR_HEIGHT;
  return { x: x0, y: rowTop + ROW_MID - height / 2, width: Math.max(0, x1 - x0), height };
}

/** Where the "added or edited by you" diamond sits: the shape's top right. */
export function userMarkAt(shape: Shape, x0: number, x1: number, rowTop: number): { x: number; y: number } {
  if (shape === "point") {
    const r = (x1 - x0) / 2;
    return { x: (x0 + x1) / 2 + r, y: rowTop + ROW_MID - r };
  }
  const height = shape === "span" ? SPAN_HEIGHT : BAR_HEIGHT;
  return { x: Math.max(x0 + 3, x1), y: rowTop + ROW_MID - height / 2 };
}

export function toMark(p: PlacedItem, key: string, y: number): Mark {
  return { key, item: p.item, x0: p.x0, x1: p.x1, y, labelled: p.label !== "" };
}

/** A slice of the heat row: how many events it stands for, and those of them we hold. */
export interface HeatCell {
  x0: number;
  x1: number;
  /** Top of the heat row. */
  y: number;
  count: number;
  items: TimelineItem[];
}

/**
 * Bins crowded events by the pixel column of their mark's centre (`binPx` wide), and adds the
 * events the backend held back (`heldBack`: counts over pixel ranges), within `[from, to]` px
 * (the view, or a margin beside it). Cells never overlap: a held-back range is spread over the
 * bins it covers there.
 */
export function heatCells(
  crowded: readonly PlacedItem[],
  heldBack: readonly { x0: number; x1: number; count: number }[],
  rowTop: number,
  [from, to]: readonly [number, number],
  binPx = 4,
): HeatCell[] {
  const bins = new Map<number, HeatCell>();
  const cell = (bin: number): HeatCell => {
    let found = bins.get(bin);
    if (!found) {
      found = { x0: bin * binPx, x1: (bin + 1) * binPx, y: rowTop, count: 0, items: [] };
      bins.set(bin, found);
    }
    return found;
  };
  for (const p of crowded) {
    const centre = (p.x0 + p.x1) / 2;
    if (centre < from || centre > to) continue;
    const c = cell(Math.floor(centre / binPx));
    c.count += 1;
    c.items.push(p.item);
  }
  for (const range of heldBack) {
    if (range.count <= 0 || range.x1 < from || range.x0 > to) continue;
    const first = Math.floor(Math.max(from, range.x0) / binPx);
    const last = Math.max(first, Math.ceil(Math.min(to, range.x1) / binPx) - 1);
    const share = range.count / (last - first + 1);
    for (let bin = first; bin <= last; bin++) cell(bin).count += share;
  }
  return [...bins.values()].filter((c) => c.count > 0).sort((a, b) => a.x0 - b.x0);
}

export type Hit = { type: "mark"; mark: Mark } | { type: "heat"; cell: HeatCell };

/** How far (px) from a small mark a pointer still hits it. */
const SLOP = 3;

/**
 * Hit-testing over the canvas: rows found by binary search on their tops, then the marks of a
 * row (sorted by left edge) by binary search and a short scan back. Cost: O(log n) a query.
 */
export class MarkIndex {
  private readonly rowTops: { x0: number }[];
  private readonly rows: Map<number, Mark[]>;
  private readonly heat: Map<number, HeatCell[]>;
  /** Widest mark of each row, so the scan back knows when to stop. */
  private readonly widest: Map<number, number>;

  constructor(marks: readonly Mark[], cells: readonly HeatCell[] = []) {
    this.rows = new Map();
    this.heat = new Map();
    this.widest = new Map();
    for (const mark of marks) {
      const row = this.rows.get(mark.y);
      if (row) row.push(mark);
      else this.rows.set(mark.y, [mark]);
      this.widest.set(mark.y, Math.max(this.widest.get(mark.y) ?? 0, mark.x1 - mark.x0));
    }
    for (const row of this.rows.values()) row.sort((a, b) => a.x0 - b.x0);
    for (const c of cells) {
      const row = this.heat.get(c.y);
      if (row) row.push(c);
      else this.heat.set(c.y, [c]);
    }
    for (const row of this.heat.values()) row.sort((a, b) => a.x0 - b.x0);
    this.rowTops = [...new Set([...this.rows.keys(), ...this.heat.keys()])].sort((a, b) => a - b).map((t) => ({ x0: t }));
  }

  /** The mark or heat cell under (x, y), in content coordinates; the nearest mark wins a tie. */
  hit(x: number, y: number): Hit | null {
    const top = this.rowAt(y);
    if (top === null) return null;
    const marks = this.rows.get(top);
    if (marks) {
      const widest = (this.widest.get(top) ?? 0) + 2 * SLOP;
      let index = upperBound(marks, x + SLOP) - 1;
      let best: Mark | null = null;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (; index >= 0; index--) {
        const mark = marks[index] as Mark;
        if (mark.x0 < x - widest) break;
        const distance = x < mark.x0 ? mark.x0 - x : x > mark.x1 ? x - mark.x1 : 0;
        if (distance <= SLOP && distance < bestDistance) {
          best = mark;
          bestDistance = distance;
        }
      }
      if (best) return { type: "mark", mark: best };
    }
    const cells = this.heat.get(top);
    if (cells) {
      const index = upperBound(cells, x) - 1;
      const c = cells[index];
      if (c && x <= c.x1) return { type: "heat", cell: c };
    }
    return null;
  }

  private rowAt(y: number): number | null {
    const top = this.rowTops[upperBound(this.rowTops, y) - 1]?.x0;
    return top !== undefined && y < top + LANE_HEIGHT ? top : null;
  }
}

/** Index of the first element whose x0 is greater than `x` (array sorted by x0). */
function upperBound(sorted: readonly { x0: number }[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as { x0: number }).x0 <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
