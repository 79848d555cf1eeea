// Labels use the room they have: lanes are assigned with each label at most its reserved
// width (so a lane holds a fair number of events), then every label grows, up to its full
// text, into the free space before the next mark or label in its row, or the view's edge.
// A label still cut then moves, whole, to where its full title fits: the other side of its
// mark, or another label lane with that stretch free. An ellipsis is left only where the
// full title fits nowhere the view shows.
import { insertSorted, isFree, type Interval } from "./layout";
import type { TextMeasurer } from "./measure";
import type { PlacedItem } from "./placement";
import { displayTitle } from "../format/title-language";

const EDGE = 2;

/**
 * Widens the labels of `placed` (in place) into their row's free room. Items are compared
 * only with others in the same lane; `padding` stays free between neighbours, as in the
 * lane assignment, so the result never overlaps where the input did not.
 */
export function growLabels(placed: PlacedItem[], measurer: TextMeasurer, width: number, padding: number): void {
  // Every mark blocks the room in its lane, labelled or not.
  const lanes = new Map<number, PlacedItem[]>();
  for (const p of placed) {
    const row = lanes.get(p.lane);
    if (row) row.push(p);
    else lanes.set(p.lane, [p]);
  }
  for (const row of lanes.values()) {
    // Left to right, so a label that grows leftwards sees its neighbour's final extent.
    const all = row.sort((a, b) => a.left - b.left);
    all.forEach((p, index) => {
      if (p.label === "") return;
      const title = displayTitle(p.item.event);
      if (p.label === title) return;
      if (p.labelAnchor === "start") {
        const next = all[index + 1];
        const limit = Math.min(width - EDGE, next ? next.left - padding : Number.POSITIVE_INFINITY);
        const room = limit - p.labelX;
        if (room <= p.labelWidth) return;
        const fitted = measurer.fit(title, room);
        if (fitted.width <= p.labelWidth) return;
        p.label = fitted.text;
        p.labelWidth = fitted.width;
        p.right = Math.max(p.x1, p.labelX + fitted.width);
      } else {
        const previous = all[index - 1];
        const limit = Math.max(EDGE, previous ? previous.right + padding : Number.NEGATIVE_INFINITY);
        const room = p.labelX - limit;
        if (room <= p.labelWidth) return;
        const fitted = measurer.fit(title, room);
        if (fitted.width <= p.labelWidth) return;
        p.label = fitted.text;
        p.labelWidth = fitted.width;
        p.left = Math.min(p.x0, p.labelX - fitted.width);
      }
    });
  }
}

export interface RelocateOptions {
  width: number;
  /** Free space kept between neighbours in a lane. */
  padding: number;
  /** Space between a shape and its label. */
  gap: number;
  /** Lanes labels may use (0 .. lanes - 1): those the view shows. */
  lanes: number;
}

/**
 * Moves each cut label (in place) to the nearest lane, its own first, where its full title
 * fits beside its mark (after it, else before it) without touching a neighbour or the
 * view's edges; then lets the labels left behind grow into the room it freed. Returns the
 * number of lanes now used.
 */
export function relocateCutLabels(placed: PlacedItem[], measurer: TextMeasurer, options: RelocateOptions): number {
  const { width, padding, gap } = options;
  const rows: Interval[][] = [];
  const row = (lane: number): Interval[] => {
    while (rows.length <= lane) rows.push([]);
    return rows[lane] as Interval[];
  };
  const extents = new Map<PlacedItem, Interval>();
  for (const p of placed) {
    const extent = { left: p.left, right: p.right };
    extents.set(p, extent);
    row(p.lane).push(extent);
  }
  for (const r of rows) r.sort((a, b) => a.left - b.left);
  let moved = false;
  const cut = placed.filter((p) => p.label !== "" && p.label !== displayTitle(p.item.event)).sort((a, b) => a.x0 - b.x0);
  for (const p of cut) {
    const title = displayTitle(p.item.event);
    const full = { text: title, width: measurer.width(title) };
    if (full.width > width - 2 * EDGE) continue;
    const startX = p.labelAnchor === "start" ? p.labelX : p.x1 + gap;
    const endX = p.x0 - gap;
    const sides = [
      { anchor: "start" as const, labelX: startX, left: Math.min(p.x0, startX), right: Math.max(p.x1, startX + full.width) },
      { anchor: "end" as const, labelX: endX, left: Math.min(p.x0, endX - full.width), right: Math.max(p.x1, endX) },
    ].filter((side) => side.left >= EDGE && side.right <= width - EDGE);
    if (sides.length === 0) continue;
    const own = row(p.lane);
    const extent = extents.get(p) as Interval;
    own.splice(own.indexOf(extent), 1);
    const lanes = Array.from({ length: Math.max(options.lanes, p.lane + 1) }, (_, lane) => lane).sort(
      (a, b) => Math.abs(a - p.lane) - Math.abs(b - p.lane) || a - b,
    );
    let placedAt: { lane: number; side: (typeof sides)[number] } | null = null;
    for (const lane of lanes) {
      const side = sides.find((candidate) => isFree(row(lane), candidate.left, candidate.right, padding));
      if (side) {
        placedAt = { lane, side };
        break;
      }
    }
    if (!placedAt) {
      insertSorted(own, extent);
      continue;
    }
    const { lane, side } = placedAt;
    p.lane = lane;
    p.label = full.text;
    p.labelWidth = full.width;
    p.labelX = side.labelX;
    p.labelAnchor = side.anchor;
    p.left = side.left;
    p.right = side.right;
    const next = { left: side.left, right: side.right };
    extents.set(p, next);
    insertSorted(row(lane), next);
    moved = true;
  }
  if (moved) growLabels(placed, measurer, width, padding);
  return placed.reduce((most, p) => Math.max(most, p.lane + 1), 0);
}
