// Where each visible item and its label go on screen: x positions from the time scale,
// labels beside their shape (flipped or cut so they stay inside the view), then lanes.
import type { TimelineItem } from "./items";
import { assignLanes } from "./layout";
import type { TextMeasurer } from "./measure";

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
}

export const DEFAULT_PLACEMENT: Omit<PlacementOptions, "width"> = {
  maxLabelWidth: 260,
  pointRadius: 5,
  labelGap: 5,
  lanePadding: 10,
  minShapeWidth: 4,
  minInsideWidth: 48,
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

const EDGE = 2;
const MIN_CUT_LABEL = 48;

export function placeItems(
  items: readonly TimelineItem[],
  x: (time: number) => number,
  measurer: TextMeasurer,
  options: PlacementOptions,
): { placed: PlacedItem[]; laneCount: number } {
  const { width, pointRadius: r, labelGap: gap } = options;
  const maxLabel = Math.max(MIN_CUT_LABEL, Math.min(options.maxLabelWidth, width * 0.6));
  const placed: PlacedItem[] = [];

  for (const item of items) {
    let x0: number;
    let x1: number;
    if (item.shape === "point") {
      const cx = x((item.start + item.end) / 2);
      if (cx < -r || cx > width + r) continue;
      x0 = cx - r;
      x1 = cx + r;
    } else {
      x0 = x(item.start);
      x1 = x(item.end);
      if (x1 - x0 < options.minShapeWidth) {
        const centre = (x0 + x1) / 2;
        x0 = centre - options.minShapeWidth / 2;
        x1 = centre + options.minShapeWidth / 2;
      }
      if (x1 < 0 || x0 > width) continue;
    }

    const title = item.event.title;
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

  const { lanes, laneCount } = assignLanes(placed, options.lanePadding);
  placed.forEach((p, index) => {
    p.lane = lanes[index] ?? 0;
  });
  return { placed, laneCount };
}
