// What each frame of a gesture (wheel zoom, drag, sideways swipe) draws. A full layout — lanes
// assigned, labels measured and placed and written, the canvas repainted — costs more than a
// frame's worth of time; during a gesture the last layout is moved instead. Every x of that layout maps to the current view by x' = scale·x + shift (the time
// scale is linear), so the marks are redrawn at their new places on the canvas and the labels'
// layer follows with a CSS transform. The full layout runs when the gesture settles, once it
// has been put off for long enough, or when a slide or zoom out would bring in too much the last
// layout did not place and could. A layout places marks a margin beyond each side of its view
// (the span the window was fetched for), so a wheel notch out or a slide reveals marks already
// placed; and where no events are loaded a layout would draw nothing more than moving does.
// `GestureFrames` schedules this, at most one drawing per animation frame.
import { span, type Domain } from "./scale";

/** How an x of the last layout maps to the current view: x' = scale·x + shift. */
export interface Motion {
  scale: number;
  shift: number;
}

export const STILL: Motion = { scale: 1, shift: 0 };

export function motionBetween(laidOut: Domain, now: Domain, width: number): Motion {
  return {
    scale: span(laidOut) / span(now),
    shift: ((laidOut[0] - now[0]) / span(now)) * width,
  };
}

/** Where an x of the last layout is now. */
export function moveX(motion: Motion, x: number): number {
  return motion.scale * x + motion.shift;
}

/** The x of the last layout that is now at `x` (for hit-testing while moved). */
export function unmoveX(motion: Motion, x: number): number {
  return (x - motion.shift) / motion.scale;
}

export interface GestureLimits {
  /**
   * A slide or zoom out that brings in more than this part of the view where events are loaded
   * but the last layout placed none is laid out afresh.
   */
  slide: number;
  /** A zoom in is drawn by moving the last layout for at most this long (ms) from its first move, then laid out. */
  zoomDeferMs: number;
  /** Labels stretched by more than this factor (either way) are hidden until the layout. */
  labelStretch: number;
  /** The layout runs once the view has been still this long (ms). */
  settleMs: number;
}

export const GESTURE_LIMITS: GestureLimits = { slide: 0.2, zoomDeferMs: 200, labelStretch: 1.2, settleMs: 120 };

export type GestureFrame =
  | { type: "layout" }
  | {
      type: "move";
      motion: Motion;
      /** False when the labels would be stretched past legibility: they wait for the layout. */
      labels: boolean;
    };

/** The last layout: the view it was made for, and since when (ms) it has been moved, if it has. */
export interface LaidOut {
  domain: Domain;
  movedSince: number | null;
  /** The time it placed marks for (default: its view). */
  covers?: Domain;
  /** The time its events were loaded for; a layout can draw nothing beyond (default: any). */
  loaded?: Domain;
}

function overlap(a: Domain, b: Domain): number {
  return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
}

/**
 * The part of the view (0..1) a fresh layout would fill and the last one does not: inside the
 * loaded events' time, outside what the last layout placed.
 */
export function freshPart(view: Domain, laidOut: Pick<LaidOut, "domain" | "covers" | "loaded">): number {
  const covers = laidOut.covers ?? laidOut.domain;
  const fillable: Domain = laidOut.loaded
    ? [Math.max(view[0], laidOut.loaded[0]), Math.min(view[1], laidOut.loaded[1])]
    : view;
  if (!(fillable[1] > fillable[0])) return 0;
  return (span(fillable) - overlap(fillable, covers)) / span(view);
}

/** What a gesture frame at `now` (ms) draws, given the last layout. */
export function gestureFrame(
  laidOut: LaidOut | null,
  domain: Domain,
  width: number,
  now: number,
  limits: GestureLimits = GESTURE_LIMITS,
): GestureFrame {
  if (laidOut === null || !(width > 0) || !(span(domain) > 0)) return { type: "layout" };
  const motion = motionBetween(laidOut.domain, domain, width);
  // A slide or a zoom out may bring in room the last layout left empty, which may last only a
  // little; past a part of the view, a layout that can fill it is drawn instead.
  if (freshPart(domain, laidOut) > limits.slide) return { type: "layout" };
  if (Math.abs(motion.scale - 1) <= 1e-9) return { type: "move", motion: { scale: 1, shift: motion.shift }, labels: true };
  // A zoom in opens room for more labels, which a layout shows once the zoom has gone on for a
  // while; a zoom out brings no room a layout would fill with more than moving draws (above).
  if (motion.scale > 1 && laidOut.movedSince !== null && now - laidOut.movedSince > limits.zoomDeferMs) return { type: "layout" };
  const stretch = Math.max(motion.scale, 1 / motion.scale);
  return { type: "move", motion, labels: stretch <= limits.labelStretch };
}

export interface FrameClock {
  now(): number;
  requestFrame(callback: () => void): number;
  cancelFrame(id: number): void;
  setTimer(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimer(id: ReturnType<typeof setTimeout>): void;
}

export const BROWSER_CLOCK: FrameClock = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(() => callback()),
  cancelFrame: (id) => cancelAnimationFrame(id),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (id) => clearTimeout(id),
};

export interface GestureDrawing {
  /** The view now (its time range and width in px). */
  view(): { domain: Domain; width: number };
  /** Lays out and draws everything afresh for the current view. */
  layout(): void;
  /** Moves the last layout to the current view. */
  move(motion: Motion, labels: boolean): void;
  /** The gesture settled: lay out, now or once the data the view asked for arrives (default: now). */
  settled?(): void;
}

/**
 * Coalesces a gesture's view changes to one drawing per animation frame, moves the last layout
 * while it may, and lays out once when the gesture settles. `laidOut()` is told of every full
 * layout, whoever asked for it (a button, new data), so a pending frame or settle is dropped.
 */
export class GestureFrames {
  private frame: number | null = null;
  private settle: ReturnType<typeof setTimeout> | null = null;
  private last: LaidOut | null = null;

  constructor(
    private readonly drawing: GestureDrawing,
    private readonly clock: FrameClock = BROWSER_CLOCK,
    private readonly limits: GestureLimits = GESTURE_LIMITS,
  ) {}

  /** A gesture changed the view: draw it at the next animation frame. */
  changed(): void {
    if (this.frame !== null) return;
    this.frame = this.clock.requestFrame(() => {
      this.frame = null;
      this.drawFrame();
    });
  }

  /**
   * A full layout was drawn for `domain` (placing marks over `covers`, with the events loaded
   * for `loaded`): nothing is pending any more.
   */
  laidOut(domain: Domain, extent: { covers?: Domain; loaded?: Domain } = {}): void {
    this.last = { domain, movedSince: null, ...extent };
    if (this.frame !== null) {
      this.clock.cancelFrame(this.frame);
      this.frame = null;
    }
    if (this.settle !== null) {
      this.clock.clearTimer(this.settle);
      this.settle = null;
    }
  }

  private drawFrame(): void {
    const { domain, width } = this.drawing.view();
    const decision = gestureFrame(this.last, domain, width, this.clock.now(), this.limits);
    if (decision.type === "layout") {
      this.drawing.layout();
      return;
    }
    if (this.last && this.last.movedSince === null) this.last.movedSince = this.clock.now();
    this.drawing.move(decision.motion, decision.labels);
    if (this.settle !== null) this.clock.clearTimer(this.settle);
    this.settle = this.clock.setTimer(() => {
      this.settle = null;
      if (this.drawing.settled) this.drawing.settled();
      else this.drawing.layout();
    }, this.limits.settleMs);
  }
}
