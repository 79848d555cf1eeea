import { describe, expect, it } from "vitest";
import { movedMark, onCanvas } from "../src/timeline/canvas-marks";
import {
  GESTURE_LIMITS,
  GestureFrames,
  freshPart,
  gestureFrame,
  motionBetween,
  moveX,
  unmoveX,
  type FrameClock,
  type Motion,
} from "../src/timeline/gesture-frames";
import { toItem, type TimelineItem } from "../src/timeline/items";
import { createMeasurer } from "../src/timeline/measure";
import { DEFAULT_PLACEMENT, placeItems } from "../src/timeline/placement";
import { FETCH_MARGIN, widen, type Domain } from "../src/timeline/scale";
import { storedEvent } from "./support/stored-event";

const DAY = 86_400_000;
const WIDTH = 1000;
const measurer = createMeasurer((text) => text.length * 7);

function item(id: string, start: string, end?: string): TimelineItem {
  const result = toItem(storedEvent({ id, start, ...(end ? { end } : {}) }));
  if (!result) throw new Error(`test event ${id} has unreadable dates`);
  return result;
}

function scaleFor(domain: Domain): (time: number) => number {
  return (time) => ((time - domain[0]) / (domain[1] - domain[0])) * WIDTH;
}

const year2023: Domain = [Date.UTC(2023, 0, 1), Date.UTC(2024, 0, 1)];

describe("moving the last layout during a gesture", () => {
  const items = [item("a", "2023-03-10"), item("b", "2023-06-01", "2023-06-20"), item("c", "2023-07-04"), item("d", "2023-09")];

  it("puts every mark where a layout of the new view puts it", () => {
    // Zoomed in 1.5× around mid-June, then slid a little: what a wheel notch and a drag do.
    const centre = Date.UTC(2023, 5, 15);
    const half = (year2023[1] - year2023[0]) / 3;
    const after: Domain = [centre - half + 5 * DAY, centre + half + 5 * DAY];
    const motion = motionBetween(year2023, after, WIDTH);
    const before = placeItems(items, scaleFor(year2023), measurer, { ...DEFAULT_PLACEMENT, width: WIDTH }).placed;
    const direct = placeItems(items, scaleFor(after), measurer, { ...DEFAULT_PLACEMENT, width: WIDTH }).placed;
    for (const placed of before) {
      const fresh = direct.find((p) => p.item.id === placed.item.id);
      if (!fresh) continue;
      const moved = movedMark(placed, motion);
      expect(moved.x0, `left of ${placed.item.id}`).toBeCloseTo(fresh.x0, 6);
      expect(moved.x1, `right of ${placed.item.id}`).toBeCloseTo(fresh.x1, 6);
    }
    expect(direct.length, "the comparison covered the events still in view").toBeGreaterThanOrEqual(3);
  });

  it("maps a pointer on the moved view back to the layout it hit-tests", () => {
    const motion: Motion = { scale: 2.25, shift: -640 };
    for (const x of [0, 17.5, 500, 999]) expect(unmoveX(motion, moveX(motion, x))).toBeCloseTo(x, 9);
  });

  it("slides at the same zoom, and lays out once the slide brings in too much new room", () => {
    const at = { domain: year2023, movedSince: null };
    const span = year2023[1] - year2023[0];
    const little: Domain = [year2023[0] + span * 0.1, year2023[1] + span * 0.1];
    expect(gestureFrame(at, little, WIDTH, 500)).toEqual({ type: "move", motion: { scale: 1, shift: -100 }, labels: true });
    const far: Domain = [year2023[0] + span * 0.3, year2023[1] + span * 0.3];
    expect(gestureFrame(at, far, WIDTH, 10)).toEqual({ type: "layout" });
  });

  it("zooms by moving for a while, hides labels it would stretch, then lays out", () => {
    const at = { domain: year2023, movedSince: 1000 };
    const span = year2023[1] - year2023[0];
    const pinch: Domain = [year2023[0] + span * 0.04, year2023[1] - span * 0.04]; // 1.087×
    const notch: Domain = [year2023[0] + span / 6, year2023[1] - span / 6]; // 1.5×
    const pinchFrame = gestureFrame(at, pinch, WIDTH, 1050);
    expect(pinchFrame.type === "move" && pinchFrame.labels, "a small pinch keeps its labels").toBe(true);
    const notchFrame = gestureFrame(at, notch, WIDTH, 1050);
    expect(notchFrame.type === "move" && !notchFrame.labels, "a wheel notch hides them until the layout").toBe(true);
    expect(gestureFrame(at, notch, WIDTH, 1000 + GESTURE_LIMITS.zoomDeferMs + 1)).toEqual({ type: "layout" });
    const idle = { domain: year2023, movedSince: null };
    expect(gestureFrame(idle, notch, WIDTH, 99_000).type, "the first zoom frame after a still view moves").toBe("move");
    expect(gestureFrame(null, notch, WIDTH, 0), "nothing laid out yet").toEqual({ type: "layout" });
  });

  it("lays out a zoom out that would leave much of the view empty, and moves a small one", () => {
    const at = { domain: year2023, movedSince: null };
    const span = year2023[1] - year2023[0];
    const notchOut: Domain = [year2023[0] - span / 4, year2023[1] + span / 4]; // the layout covers 2/3
    const pinchOut: Domain = [year2023[0] - span * 0.04, year2023[1] + span * 0.04];
    expect(gestureFrame(at, notchOut, WIDTH, 10)).toEqual({ type: "layout" });
    const small = gestureFrame(at, pinchOut, WIDTH, 10);
    expect(small.type === "move" && small.labels, "a small pinch out moves, labels kept").toBe(true);
  });
});

describe("a layout placed beyond its view, with the events loaded for it", () => {
  const span = year2023[1] - year2023[0];
  // As the timeline lays out: marks a quarter of the view beyond each side, where the window was asked for.
  const laidOut = { domain: year2023, movedSince: null, covers: widen(year2023, FETCH_MARGIN), loaded: widen(year2023, FETCH_MARGIN) };
  const out = (factor: number): Domain => {
    const centre = (year2023[0] + year2023[1]) / 2;
    return [centre - (span * factor) / 2, centre + (span * factor) / 2];
  };

  it("moves a wheel notch out: the margins hold what it reveals", () => {
    expect(freshPart(out(1.5), laidOut)).toBe(0);
    const frame = gestureFrame(laidOut, out(1.5), WIDTH, 10);
    expect(frame.type === "move" && !frame.labels, "moved, the squeezed labels waiting for the layout").toBe(true);
  });

  it("keeps moving a zoom out past what was loaded, however long: a layout would draw nothing more", () => {
    const at = { ...laidOut, movedSince: 1000 };
    expect(freshPart(out(40), at)).toBe(0);
    expect(gestureFrame(at, out(40), WIDTH, 1000 + GESTURE_LIMITS.zoomDeferMs + 500).type).toBe("move");
  });

  it("still lays out a zoom in put off long enough (it opens room for labels)", () => {
    const at = { ...laidOut, movedSince: 1000 };
    expect(gestureFrame(at, out(1 / 1.5), WIDTH, 1000 + GESTURE_LIMITS.zoomDeferMs + 1)).toEqual({ type: "layout" });
  });

  it("lays out a zoom out or a slide into events loaded but not placed", () => {
    // Events arrived for a wide range while the layout placed only its view and its margins.
    const wider = { ...laidOut, loaded: widen(year2023, 2) };
    expect(freshPart(out(2), wider)).toBeCloseTo(0.25, 9);
    expect(gestureFrame(wider, out(2), WIDTH, 10)).toEqual({ type: "layout" });
    const slid: Domain = [year2023[0] + span * 0.5, year2023[1] + span * 0.5];
    expect(freshPart(slid, wider)).toBeCloseTo(0.25, 9);
    expect(gestureFrame(wider, slid, WIDTH, 10)).toEqual({ type: "layout" });
    expect(gestureFrame(laidOut, slid, WIDTH, 10).type, "nothing loaded there: moved").toBe("move");
  });

  it("counts the whole uncovered view as fresh when it knows nothing of what was loaded", () => {
    const plain = { domain: year2023, movedSince: null };
    expect(freshPart(out(1.5), plain)).toBeCloseTo(1 / 3, 9);
  });
});

describe("bars and spans cut to the canvas", () => {
  it("keep their dashes in place: each end moves by whole dash periods, and stays a little off the canvas", () => {
    for (const [x0, x1] of [
      [-4321.3, 5678.9],
      [-9.5, 2000],
      [10, 20],
    ] as const) {
      const cut = onCanvas(x0, x1, WIDTH);
      expect(((cut.x0 - x0) / 5) % 1, "the left end by whole periods").toBeCloseTo(0, 9);
      expect(((x1 - cut.x1) / 5) % 1, "the right end by whole periods").toBeCloseTo(0, 9);
      expect(cut.x0).toBeGreaterThan(-8 - 5);
      expect(cut.x0).toBeLessThanOrEqual(Math.max(x0, 0));
      expect(cut.x1).toBeLessThan(WIDTH + 8 + 5);
      expect(cut.x1).toBeGreaterThanOrEqual(Math.min(x1, WIDTH));
    }
    expect(onCanvas(10, 20, WIDTH), "one inside the canvas is left alone").toEqual({ x0: 10, x1: 20 });
  });
});

/** Animation frames every 16 ms and timers, run by hand. */
class ManualClock implements FrameClock {
  time = 0;
  private frames = new Map<number, () => void>();
  private timers = new Map<number, { at: number; callback: () => void }>();
  private ids = 0;

  now(): number {
    return this.time;
  }
  requestFrame(callback: () => void): number {
    this.frames.set(++this.ids, callback);
    return this.ids;
  }
  cancelFrame(id: number): void {
    this.frames.delete(id);
  }
  setTimer(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
    this.timers.set(++this.ids, { at: this.time + ms, callback });
    return this.ids as unknown as ReturnType<typeof setTimeout>;
  }
  clearTimer(id: ReturnType<typeof setTimeout>): void {
    this.timers.delete(id as unknown as number);
  }
  /** Moves time on by one frame: due timers, then the frame's callbacks. */
  frame(): void {
    this.advance(16);
    const due = [...this.frames.values()];
    this.frames.clear();
    for (const callback of due) callback();
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
    }
    this.time = end;
  }
}

/** A view zoomed or panned by hand, and a record of what each frame drew. */
function scene(clock: ManualClock) {
  const state = { domain: year2023 as Domain };
  const drawn: { type: "layout" | "move"; domain: Domain; labels?: boolean }[] = [];
  const frames: GestureFrames = new GestureFrames(
    {
      view: () => ({ domain: state.domain, width: WIDTH }),
      layout: () => {
        drawn.push({ type: "layout", domain: state.domain });
        frames.laidOut(state.domain);
      },
      move: (_motion, labels) => drawn.push({ type: "move", domain: state.domain, labels }),
    },
    clock,
  );
  return { state, drawn, frames };
}

describe("a gesture's frames", () => {
  it("draw once per frame however many changes arrive, and lay out once after the burst", () => {
    const clock = new ManualClock();
    const { state, drawn, frames } = scene(clock);
    frames.laidOut(state.domain);
    const span = year2023[1] - year2023[0];
    for (let i = 1; i <= 8; i++) {
      // Three drag events within one frame.
      for (let k = 0; k < 3; k++) {
        state.domain = [year2023[0] + (span * (3 * i + k)) / 1000, year2023[1] + (span * (3 * i + k)) / 1000];
        frames.changed();
      }
      clock.frame();
    }
    expect(drawn.length, "one drawing per frame").toBe(8);
    expect(drawn.every((d) => d.type === "move"), "the burst only moves what was laid out").toBe(true);
    clock.advance(GESTURE_LIMITS.settleMs + 1);
    expect(drawn.filter((d) => d.type === "layout")).toEqual([{ type: "layout", domain: state.domain }]);
    clock.advance(1000);
    expect(drawn.length, "nothing more once settled").toBe(9);
  });

  it("lay out mid-zoom once the layout has been put off long enough, and again when it settles", () => {
    const clock = new ManualClock();
    const { state, drawn, frames } = scene(clock);
    frames.laidOut(state.domain);
    // The view was still a while before the wheel turned.
    clock.advance(5000);
    for (let i = 1; i <= 24; i++) {
      const [d0, d1] = state.domain;
      const centre = (d0 + d1) / 2;
      const half = (d1 - d0) / 2 / 1.05;
      state.domain = [centre - half, centre + half];
      frames.changed();
      clock.frame();
    }
    clock.advance(GESTURE_LIMITS.settleMs + 1);
    const layouts = drawn.filter((d) => d.type === "layout");
    // 24 frames of 16 ms: one layout once it had been put off 200 ms, then the settle.
    expect(layouts.length).toBe(2);
    expect(drawn[0]?.type, "the first frame moves what was laid out").toBe("move");
    expect(layouts.at(-1)?.domain, "the last layout is of the view the gesture ended on").toEqual(state.domain);
    expect(drawn.length).toBe(25);
  });

  it("drop a pending frame and settle when something else lays out (new data, a button)", () => {
    const clock = new ManualClock();
    const { state, drawn, frames } = scene(clock);
    frames.laidOut(state.domain);
    state.domain = [year2023[0] + DAY, year2023[1] + DAY];
    frames.changed();
    clock.frame();
    frames.changed();
    frames.laidOut(state.domain);
    clock.frame();
    clock.advance(1000);
    expect(drawn.map((d) => d.type)).toEqual(["move"]);
  });

  it("hand the settle to the view when it says how (it may wait for the window on its way)", () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    let domain: Domain = year2023;
    const frames: GestureFrames = new GestureFrames(
      {
        view: () => ({ domain, width: WIDTH }),
        layout: () => calls.push("layout"),
        move: () => calls.push("move"),
        settled: () => calls.push("settled"),
      },
      clock,
    );
    frames.laidOut(domain);
    domain = [year2023[0] + DAY, year2023[1] + DAY];
    frames.changed();
    clock.frame();
    clock.advance(GESTURE_LIMITS.settleMs + 1);
    expect(calls).toEqual(["move", "settled"]);
  });
});
