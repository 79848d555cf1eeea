// Zoom and pan: d3-zoom on the timeline (x only) and the extra wheel gestures. Keys: src/keyboard.ts.
import { select } from "d3-selection";
import { zoom, zoomIdentity, zoomTransform, type ZoomTransform } from "d3-zoom";
import {
  clampDomain,
  domainFor,
  scaleExtentFor,
  transformFor,
  type Domain,
  type ZoomLimits,
} from "./scale";
import { EVENT_SELECTOR } from "./labels";
import { wheelZoomFactor } from "./wheel-zoom";

export interface Viewport {
  /** Sets the view the zoom is relative to (the "fit all" view) and shows it. */
  reset(base: Domain, limits: ZoomLimits): void;
  /** Shows a time range (clamped to the zoom limits). */
  show(domain: Domain): void;
  /** Zooms by a factor (> 1 zooms in) around the centre of the view. */
  zoomBy(factor: number): void;
  /** Moves the view by a number of pixels (positive: later in time). */
  panBy(pixels: number): void;
  /** Adapts to a new size, keeping the visible range. */
  resize(width: number, height: number): void;
  domain(): Domain;
  limits(): ZoomLimits;
  width(): number;
  height(): number;
}

export interface ViewportOptions {
  /** The element zoomed (receives wheel and drag). */
  surface: HTMLElement;
  /** The vertically scrolling lanes area inside it. */
  scrollArea: HTMLElement;
  width: number;
  height: number;
  /** The view changed; `gesture` when a wheel, drag or pinch did it (many per frame). */
  onChange(domain: Domain, gesture: boolean): void;
  /** A gesture (drag, wheel) begins. */
  onGesture(): void;
}

function toXTransform(t: ZoomTransform): { k: number; x: number } {
  return { k: t.k, x: t.x };
}

function wheelPixels(event: WheelEvent, delta: number): number {
  if (event.deltaMode === 1) return delta * 16;
  if (event.deltaMode === 2) return delta * 400;
  return delta;
}

export function createViewport(options: ViewportOptions): Viewport {
  const { surface, scrollArea } = options;
  const selection = select<HTMLElement, unknown>(surface);
  let width = Math.max(1, options.width);
  let height = Math.max(1, options.height);
  let base: Domain = [Date.UTC(1970, 0, 1), Date.now()];
  let gesturePan = false;
  let limits: ZoomLimits = { minSpan: 1, maxSpan: Number.MAX_VALUE, bounds: [-8.64e15, 8.64e15] };

  const behaviour = zoom<HTMLElement, unknown>()
    // d3-zoom's default moves about 13% a notch; ours covers a decade in a few notches and
    // keeps trackpads smooth (see wheel-zoom.ts). d3 wants log2 of the factor.
    .wheelDelta((event: WheelEvent) => Math.log2(wheelZoomFactor(event)))
    .extent(() => [
      [0, 0],
      [width, height],
    ])
    .constrain((t) => {
      const wanted = domainFor(base, width, toXTransform(t));
      const allowed = clampDomain(wanted, limits);
      const x = transformFor(base, width, allowed);
      return zoomIdentity.translate(x.x, 0).scale(x.k);
    })
    .filter((event: Event) => {
      const target = event.target instanceof Element ? event.target : null;
      // Band headers and other controls over the lanes are clicked, not dragged.
      if (target?.closest("button, input, select, textarea, a")) return false;
      if (event.type === "wheel") {
        const wheel = event as WheelEvent;
        return !wheel.shiftKey && Math.abs(wheel.deltaY) >= Math.abs(wheel.deltaX);
      }
      if (event.type === "dblclick") return !target?.closest(EVENT_SELECTOR);
      if (event.type === "mousedown" && target === scrollArea) {
        // A press on the lanes' scrollbar scrolls; it does not pan.
        const mouse = event as MouseEvent;
        if (mouse.offsetX >= scrollArea.clientWidth) return false;
      }
      const mouse = event as MouseEvent;
      return !mouse.ctrlKey && !mouse.button;
    })
    .on("start", (event: { sourceEvent: Event | null }) => {
      if (event.sourceEvent) options.onGesture();
    })
    .on("zoom", (event: { sourceEvent: Event | null }) => {
      options.onChange(current(), gesturePan || (event.sourceEvent !== null && event.sourceEvent !== undefined));
    });

  // No d3-transition here: double-click zooms at once (Shift + double-click zooms out).
  behaviour.duration(0);
  selection.call(behaviour);

  // Trackpad swipes sideways pan; Shift + wheel scrolls the lanes vertically.
  surface.addEventListener(
    "wheel",
    (event) => {
      if (event.shiftKey) {
        event.preventDefault();
        scrollArea.scrollTop += wheelPixels(event, event.deltaY || event.deltaX);
      } else if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        options.onGesture();
        gesturePan = true;
        panBy(wheelPixels(event, event.deltaX));
        gesturePan = false;
      }
    },
    { passive: false },
  );

  function current(): Domain {
    return domainFor(base, width, toXTransform(zoomTransform(surface)));
  }

  function show(domain: Domain): void {
    const x = transformFor(base, width, clampDomain(domain, limits));
    selection.call(behaviour.transform, zoomIdentity.translate(x.x, 0).scale(x.k));
  }

  function panBy(pixels: number): void {
    const t = zoomTransform(surface);
    behaviour.translateBy(selection, -pixels / t.k, 0);
  }

  return {
    reset(newBase, newLimits) {
      base = newBase;
      limits = newLimits;
      behaviour.scaleExtent(scaleExtentFor(base, limits));
      show(base);
    },
    show,
    zoomBy(factor) {
      behaviour.scaleBy(selection, factor);
    },
    panBy,
    resize(newWidth, newHeight) {
      const before = current();
      width = Math.max(1, newWidth);
      height = Math.max(1, newHeight);
      show(before);
    },
    domain: current,
    limits: () => limits,
    width: () => width,
    height: () => height,
  };
}
