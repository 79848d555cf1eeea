// Where each visible item and its label go on screen: x positions from the time scale,
// labels beside their shape (flipped or cut so they stay inside the view), then lanes.
import type { TimelineItem } from "./items";
import { growLabels, relocateCutLabels } from "./label-room";
import { assignLanes, assignLanesKeeping, insertSorted, isFree, type Interval, type LaneHints } from "./layout";
import type { TextMeasurer } from "./measure";
import { displayTitle } from "../format/title-language";

export interface PlacementOptions {
  /** Width of the view in pixels; only items touching [0, width] are placed. */
  width: number;
  maxLabelWidth: number;
  pointRadius: number;
  /** Space between a shape and its label. */
  labelGap: number;
  /** Horizontal space kept free between neighbours in a lane. */
  lanePadding: number;
  /** Bars and spans are never drawn narrower than this. */
  minShapeWidth: number;
  /** A bar or span at least this wide (on screen) carries its label inside. */
  minInsideWidth: number;
  /**
   * Lanes that carry labels (about what the view shows). Events that find no place in them
   * with their label are drawn as marks only, in a gap of those lanes, or else counted in the
   * density heat row below them ("crowded").
   */
  maxLabelLanes: number;
  /** Space kept free around a mark drawn without its label. */
  markPadding: number;
  /**
   * What the layout on screen asks of this one: the lane of each event it labelled (by id;
   * none when the scale has changed), kept where still free, and the event to place first.
   */
  shown?: ShownLanes;
}

export interface ShownLanes {
  lanes: ReadonlyMap<string, number>;
  first: string | null;
}

/**
 * `maxLabelWidth` is the room a label reserves when lanes are assigned, not a cut: afterwards
 * each label grows into the free room of its row (label-room.ts).
 */
export const DEFAULT_PLACEMENT: Omit<PlacementOptions, "width"> = {
  maxLabelWidth: 260,
  pointRadius: 5,
  labelGap: 5,
  lanePadding: 10,
  minShapeWidth: 4,
  minInsideWidth: 48,
  maxLabelLanes: Number.POSITIVE_INFINITY,
  markPadding: 2,
};

export interface PlacedItem {
  item: TimelineItem;
  /** Shape extent: for a point, its centre ± radius. */
  x0: number;
  x1: number;
  label: string;
  labelWidth: number;
  /** With anchor "start" the label begins at labelX; with "end" it ends there. */
  labelX: number;
  labelAnchor: "start" | "end";
  /** What the item occupies in its lane, shape and label together. */
  left: number;
  right: number;
  lane: number;
}

export interface Placement {
  placed: PlacedItem[];
  laneCount: number;
  /** Events too close to others to be drawn apart in the label lanes: the heat row shows them. */
  crowded: PlacedItem[];
}

const EDGE = 2;
const MIN_CUT_LABEL = 48;

/** Where an item's shape lies: a point's centre ± radius, a bar or span never too narrow. */
function shapeExtent(
  item: TimelineItem,
  x: (time: number) => number,
  options: Pick<PlacementOptions, "pointRadius" | "minShapeWidth">,
): { x0: number; x1: number } {
  if (item.shape === "point") {
    const cx = x((item.start + item.end) / 2);
    return { x0: cx - options.pointRadius, x1: cx + options.pointRadius };
  }
  let x0 = x(item.start);
  let x1 = x(item.end);
  if (x1 - x0 < options.minShapeWidth) {
    const centre = (x0 + x1) / 2;
    x0 = centre - options.minShapeWidth / 2;
    x1 = centre + options.minShapeWidth / 2;
  }
  return { x0, x1 };
}

/** Whether any part of a shape is drawn in [from, to]. */
function touches(shape: { x0: number; x1: number }, from: number, to: number): boolean {
  return shape.x1 >= from && shape.x0 <= to;
}

export function placeItems(
  items: readonly TimelineItem[],
  x: (time: number) => number,
  measurer: TextMeasurer,
  options: PlacementOptions,
): Placement {
  const { width, labelGap: gap } = options;
  const maxLabel = Math.max(MIN_CUT_LABEL, Math.min(options.maxLabelWidth, width * 0.6));
  const placed: PlacedItem[] = [];

  for (const item of items) {
    const shape = shapeExtent(item, x, options);
    if (!touches(shape, 0, width)) continue;
    const { x0, x1 } = shape;

    const title = displayTitle(item.event);
    let fitted = measurer.fit(title, maxLabel);
    // Points and narrow bars or spans: label right of the shape. Wide bars and spans: label
    // inside, at their visible start.
    const inside = item.shape !== "point" && Math.min(x1, width) - Math.max(x0, 0) >= options.minInsideWidth;
    const preferred = inside ? Math.max(x0, 0) + gap + 1 : x1 + gap;
    let labelX = preferred;
    let anchor: "start" | "end" = "start";
    if (preferred + fitted.width > width - EDGE) {
      const flippedEnd = x0 - gap;
      if (flippedEnd - fitted.width >= EDGE) {
        labelX = flippedEnd;
        anchor = "end";
      } else {
        const room = width - EDGE - preferred;
        fitted = measurer.fit(title, Math.max(MIN_CUT_LABEL, room));
      }
    }
    const labelLeft = anchor === "start" ? labelX : labelX - fitted.width;
    const labelRight = anchor === "start" ? labelX + fitted.width : labelX;
    placed.push({
      item,
      x0,
      x1,
      label: fitted.text,
      labelWidth: fitted.width,
      labelX,
      labelAnchor: anchor,
      left: Math.min(x0, labelLeft),
      right: Math.max(x1, labelRight),
      lane: 0,
    });
  }

  const cap = Math.max(1, options.maxLabelLanes);
  const { lanes, laneCount } = options.shown
    ? assignLanesKeeping(placed, hints(placed, options.shown), options.lanePadding, cap)
    : assignLanes(placed, options.lanePadding, cap);
  placed.forEach((p, index) => {
    p.lane = lanes[index] ?? 0;
  });
  if (laneCount <= cap) {
    growLabels(placed, measurer, width, options.lanePadding);
    // A label still cut may find whole room in a lane the view shows but no one uses yet.
    const lanesNow = relocateCutLabels(placed, measurer, { width, padding: options.lanePadding, gap, lanes: Math.min(cap, laneCount + 1) });
    return { placed, laneCount: Math.max(laneCount, lanesNow), crowded: [] };
  }

  // Too many for the label lanes: the overflow loses its label and is fitted, as a bare mark,
  // into a gap of those lanes; what still finds no room goes to the heat row.
  const kept = placed.filter((p) => p.lane < cap);
  const overflow = placed.filter((p) => p.lane >= cap).sort((a, b) => a.x0 - b.x0);
  const rows: Interval[][] = Array.from({ length: cap }, () => []);
  for (const p of kept) rows[p.lane]?.push({ left: p.left, right: p.right });
  for (const row of rows) row.sort((a, b) => a.left - b.left);
  const crowded: PlacedItem[] = [];
  const pad = options.markPadding;
  for (const p of overflow) {
    p.label = "";
    p.labelWidth = 0;
    p.left = p.x0;
    p.right = p.x1;
    const lane = rows.findIndex((row) => isFree(row, p.x0 - pad, p.x1 + pad));
    if (lane === -1) {
      crowded.push(p);
      continue;
    }
    p.lane = lane;
    insertSorted(rows[lane] as Interval[], { left: p.left, right: p.right });
    kept.push(p);
  }
  growLabels(kept, measurer, width, options.lanePadding);
  relocateCutLabels(kept, measurer, { width, padding: options.lanePadding, gap, lanes: cap });
  return { placed: kept, laneCount: cap, crowded };
}

/** The lanes the events had on screen. */
function hints(placed: readonly PlacedItem[], shown: ShownLanes): LaneHints {
  const had = placed.map((p) => shown.lanes.get(p.item.id));
  const first = shown.first === null ? -1 : placed.findIndex((p) => p.item.id === shown.first);
  return first === -1 ? { had } : { had, first };
}

/**
 * The events just beyond the view (within `margin` px of either side, not drawn in it) as bare
 * marks, so that a zoom out or a slide shows them before the next layout: each goes into the
 * first gap of the view's lanes (`view`, `laneCount` of them) that holds it, else it is crowded
 * into the heat row. The view's own placement is left exactly as it is.
 */
export function placeMargins(
  items: readonly TimelineItem[],
  x: (time: number) => number,
  view: Pick<Placement, "placed" | "laneCount">,
  options: Pick<PlacementOptions, "width" | "pointRadius" | "minShapeWidth" | "markPadding"> & { margin: number },
): { placed: PlacedItem[]; crowded: PlacedItem[] } {
  const { width, margin } = options;
  const rows: Interval[][] = Array.from({ length: view.laneCount }, () => []);
  for (const p of view.placed) rows[p.lane]?.push({ left: p.left, right: p.right });
  for (const row of rows) row.sort((a, b) => a.left - b.left);
  const placed: PlacedItem[] = [];
  const crowded: PlacedItem[] = [];
  const pad = options.markPadding;
  if (!(margin > 0)) return { placed, crowded };
  for (const item of items) {
    const { x0, x1 } = shapeExtent(item, x, options);
    if (touches({ x0, x1 }, 0, width) || !touches({ x0, x1 }, -margin, width + margin)) continue;
    const mark: PlacedItem = { item, x0, x1, label: "", labelWidth: 0, labelX: x1, labelAnchor: "start", left: x0, right: x1, lane: 0 };
    const lane = rows.findIndex((row) => isFree(row, x0 - pad, x1 + pad));
    if (lane === -1) {
      crowded.push(mark);
      continue;
    }
    mark.lane = lane;
    insertSorted(rows[lane] as Interval[], { left: x0, right: x1 });
    placed.push(mark);
  }
  return { placed, crowded };
}
