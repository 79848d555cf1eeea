// Domain maths for the timeline view: what time range is visible, how far one may zoom,
// and the d3-zoom transform that shows a given range. Pure functions over UTC milliseconds.
import { DAY_MS, isoDay, partialDateSpan, spanOfParts, type PartialDateParts } from "../format/partial-date";

export const YEAR_MS = 365.2425 * DAY_MS;

/** [start, end] of the visible time range, in UTC milliseconds. */
export type Domain = readonly [number, number];

export interface ZoomLimits {
  /** The narrowest view: about a week. */
  minSpan: number;
  /** The widest view: about 60 years, or the whole dataset when that is wider. */
  maxSpan: number;
  /** How far one may pan, so that the view never drifts into meaningless years. */
  bounds: Domain;
}

/** A d3-zoom transform restricted to x: screen x = k * baseX + x. */
export interface XTransform {
  k: number;
  x: number;
}

export const MIN_SPAN_MS = 7 * DAY_MS;
export const MAX_SPAN_MS = 60 * YEAR_MS;
export const JUMP_SPAN_MS = YEAR_MS;
const PAN_BOUNDS_MARGIN_MS = 50 * YEAR_MS;

export function span(domain: Domain): number {
  return domain[1] - domain[0];
}

/**
 * The view that shows every event: from the start of the first date to the end of the last,
 * with a little air on both sides so items at the ends are not cut by the window edge.
 */
export function fitDomain(first: string, last: string, padFraction = 0.04): Domain {
  const a = partialDateSpan(first);
  const b = partialDateSpan(last);
  const now = Date.now();
  const start = a?.start ?? b?.start ?? now - 10 * YEAR_MS;
  const end = Math.max(b?.end ?? a?.end ?? now, start + DAY_MS);
  let pad = (end - start) * padFraction;
  // A single event, or a few days of events, still gets a readable view.
  const minimum = 30 * DAY_MS;
  if (end - start + 2 * pad < minimum) pad = (minimum - (end - start)) / 2;
  return [start - pad, end + pad];
}

export function zoomLimits(fit: Domain, now: number = Date.now()): ZoomLimits {
  return {
    minSpan: MIN_SPAN_MS,
    maxSpan: Math.max(MAX_SPAN_MS, span(fit)),
    bounds: [fit[0] - PAN_BOUNDS_MARGIN_MS, Math.max(fit[1], now) + PAN_BOUNDS_MARGIN_MS],
  };
}

/**
 * The nearest allowed view: its width kept between minSpan and maxSpan (around the same
 * centre), then shifted to lie inside the pan bounds.
 */
export function clampDomain(domain: Domain, limits: ZoomLimits): Domain {
  let [start, end] = domain;
  const width = end - start;
  const tolerance = 1e-9 * Math.max(1, Math.abs(width));
  const clampedWidth = Math.min(limits.maxSpan, Math.max(limits.minSpan, width));
  if (Math.abs(clampedWidth - width) > tolerance) {
    const centre = (start + end) / 2;
    start = centre - clampedWidth / 2;
    end = centre + clampedWidth / 2;
  }
  const [lo, hi] = limits.bounds;
  if (end - start >= hi - lo) {
    const centre = (lo + hi) / 2;
    const half = (end - start) / 2;
    return [centre - half, centre + half];
  }
  if (start < lo) return [lo, lo + (end - start)];
  if (end > hi) return [hi - (end - start), hi];
  return [start, end];
}

/** Zoom by `factor` (> 1 zooms in) keeping the time under `anchor` (0..1 across) in place. */
export function zoomDomain(domain: Domain, factor: number, anchor: number, limits: ZoomLimits): Domain {
  const width = span(domain);
  const newWidth = Math.min(limits.maxSpan, Math.max(limits.minSpan, width / factor));
  const pivot = domain[0] + width * anchor;
  return clampDomain([pivot - newWidth * anchor, pivot - newWidth * anchor + newWidth], limits);
}

/** The view a "jump to date" shows: that date in the centre, about a year across. */
export function jumpDomain(date: number, limits: ZoomLimits, width: number = JUMP_SPAN_MS): Domain {
  return clampDomain([date - width / 2, date + width / 2], limits);
}

/** The visible domain under a zoom transform of a base view drawn across `width` pixels. */
export function domainFor(base: Domain, width: number, t: XTransform): Domain {
  const msPerPx = span(base) / width;
  const left = (0 - t.x) / t.k;
  const right = (width - t.x) / t.k;
  return [base[0] + left * msPerPx, base[0] + right * msPerPx];
}

/** The zoom transform that shows `target` when `base` spans `width` pixels at k = 1. */
export function transformFor(base: Domain, width: number, target: Domain): XTransform {
  const k = span(base) / span(target);
  const pxPerMs = width / span(base);
  return { k, x: -k * (target[0] - base[0]) * pxPerMs };
}

/** The zoom scale range matching the span limits, for d3-zoom's scaleExtent. */
export function scaleExtentFor(base: Domain, limits: ZoomLimits): [number, number] {
  return [span(base) / limits.maxSpan, span(base) / limits.minSpan];
}

/**
 * The part of the view's span asked for beyond each side of it, and laid out there as marks:
 * a wheel notch out (1.5×) or a slide of a quarter of the view shows events already placed.
 */
export const FETCH_MARGIN = 0.25;

/** A range widened by `fraction` of its span on both sides. */
export function widen(domain: Domain, fraction: number): Domain {
  const margin = span(domain) * fraction;
  return [domain[0] - margin, domain[1] + margin];
}

/** The days to ask the backend for: the visible range plus a margin on both sides. */
export function queryRange(domain: Domain, marginFraction = FETCH_MARGIN): { from: string; to: string } {
  const [from, to] = widen(domain, marginFraction);
  return { from: isoDay(from), to: isoDay(to) };
}

/** The visible range as ISO days, for the data-from / data-to attributes. */
export function domainDays(domain: Domain): { from: string; to: string } {
  return { from: isoDay(domain[0]), to: isoDay(domain[1] - 1) };
}

/**
 * The view "jump to date" shows for what the user typed: a year or a month exactly, a day in
 * the middle of about three months (as a search result is shown, with its neighbours).
 */
export function jumpView(parts: PartialDateParts): { time: number; width: number } {
  const covered = spanOfParts(parts);
  const width = parts.precision === "day" ? REVEAL_MIN_SPAN_MS : covered.end - covered.start;
  return { time: (covered.start + covered.end) / 2, width };
}

/**
 * How many pixels to pan so that an item drawn over [x0, x1] is comfortably in a view of
 * `width` pixels: 0 when it already is, otherwise just enough to bring it a quarter in.
 */
export function panToShow(x0: number, x1: number, width: number, margin = 40): number {
  if (x1 < margin) return x1 - width * 0.25;
  if (x0 > width - margin) return x0 - width * 0.75;
  return 0;
}

/** The narrowest view a search result or a new event is shown in: about three months. */
export const REVEAL_MIN_SPAN_MS = 90 * DAY_MS;

/**
 * The view that shows an event comfortably: centred on it, three times as wide as it lasts,
 * and never narrower than about three months (so its neighbours give it context).
 */
export function revealDomain(start: number, end: number, limits: ZoomLimits, minSpan = REVEAL_MIN_SPAN_MS): Domain {
  const width = Math.max(minSpan, (end - start) * 3);
  const centre = (start + end) / 2;
  return clampDomain([centre - width / 2, centre + width / 2], limits);
}
