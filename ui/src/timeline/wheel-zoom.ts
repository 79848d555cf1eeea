// How far one wheel event zooms. A mouse wheel moves in notches and should cover a lot of time
// per notch (55 years to about a decade in four); a trackpad scroll or pinch sends many small
// deltas and must stay smooth and proportional to the finger's travel.

/** What a wheel event tells us; a subset of WheelEvent so the maths is testable. */
export interface WheelDelta {
  deltaY: number;
  /** 0: pixels, 1: lines, 2: pages (WheelEvent.DOM_DELTA_*). */
  deltaMode: number;
  ctrlKey: boolean;
}

/** One mouse-wheel notch makes the view this much narrower (or wider). */
export const NOTCH_ZOOM = 1.5;
/** Pixels one notch reports: WebView2 / Chrome say 100, WebKitGTK 86 (measured under Xvfb). */
const NOTCH_PIXELS = 100;
/**
 * A pixel delta at least this large is a notch (or, accelerated, several): trackpads report
 * a swipe as a stream of small deltas, mice report each notch at once.
 */
export const NOTCH_MIN_PIXELS = 50;
/** Firefox reports a notch as 3 lines. */
const LINES_PER_NOTCH = 3;
/** Trackpad scroll: d3-zoom's own rate, 2× per 500 px of travel. */
const SMOOTH_RATE = 0.002;
/** Trackpad pinch arrives as Ctrl + wheel with small, often fractional deltas: 2× per 50 px. */
const PINCH_RATE = 0.02;

/** The zoom factor for one wheel event: > 1 zooms in (wheel up / away), < 1 zooms out, 1 for none. */
export function wheelZoomFactor(event: WheelDelta): number {
  const { deltaY, deltaMode } = event;
  if (!Number.isFinite(deltaY) || deltaY === 0) return 1;
  const direction = -Math.sign(deltaY);
  const size = Math.abs(deltaY);
  if (deltaMode === 2) return NOTCH_ZOOM ** (direction * size);
  if (deltaMode === 1) return NOTCH_ZOOM ** ((direction * size) / LINES_PER_NOTCH);
  if (size >= NOTCH_MIN_PIXELS) return NOTCH_ZOOM ** (direction * Math.max(1, size / NOTCH_PIXELS));
  return 2 ** (direction * size * (event.ctrlKey ? PINCH_RATE : SMOOTH_RATE));
}
