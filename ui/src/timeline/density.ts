// The density strip: how many events fall in each slice of time, drawn on a canvas. When the
// backend holds back events (more than the limit), it sends the counts as buckets; otherwise
// the strip is computed from the events themselves, so it always shows the same thing.
import type { Bucket } from "../api/types";
import { partialDateSpan } from "../format/partial-date";
import type { TimelineItem } from "./items";

export interface DensityBar {
  x0: number;
  x1: number;
  count: number;
}

export function bucketBars(buckets: readonly Bucket[], x: (time: number) => number): DensityBar[] {
  const bars: DensityBar[] = [];
  for (const bucket of buckets) {
    const start = partialDateSpan(bucket.start);
    const end = partialDateSpan(bucket.end);
    if (!start || !end || bucket.count <= 0) continue;
    bars.push({ x0: x(start.start), x1: x(end.end), count: bucket.count });
  }
  return bars;
}

/** Counts items by where they start, in slices of `binPx` pixels across [0, width]. */
export function itemBars(
  items: readonly TimelineItem[],
  x: (time: number) => number,
  width: number,
  binPx = 4,
): DensityBar[] {
  const bins = new Map<number, number>();
  for (const item of items) {
    const px = x(item.start);
    if (px < 0 || px > width) continue;
    const bin = Math.floor(px / binPx);
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  return [...bins.entries()].map(([bin, count]) => ({ x0: bin * binPx, x1: (bin + 1) * binPx, count }));
}

/** Events overlapping the visible range according to the buckets (each counts where events start). */
export function bucketTotal(buckets: readonly Bucket[], from: number, to: number): number {
  let total = 0;
  for (const bucket of buckets) {
    const start = partialDateSpan(bucket.start);
    const end = partialDateSpan(bucket.end);
    if (!start || !end) continue;
    if (end.end > from && start.start < to) total += bucket.count;
  }
  return total;
}

/**
 * `size` is the canvas's CSS size, read by the caller when the layout is clean (a resize):
 * reading it here, after the frame's other writes, would force a synchronous layout.
 */
export function drawDensity(
  canvas: HTMLCanvasElement,
  bars: readonly DensityBar[],
  colour: string,
  size: { width: number; height: number },
): void {
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = size;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext("2d");
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const max = bars.reduce((m, bar) => Math.max(m, bar.count), 0);
  if (max === 0) return;
  context.fillStyle = colour;
  const usable = height - 3;
  for (const bar of bars) {
    if (bar.x1 < 0 || bar.x0 > width) continue;
    // Square root, so a slice with one event still shows next to one with hundreds.
    const h = Math.max(2, usable * Math.sqrt(bar.count / max));
    const w = Math.max(1, bar.x1 - bar.x0 - 0.5);
    context.fillRect(bar.x0, height - h, w, h);
  }
}

