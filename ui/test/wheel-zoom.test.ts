// Wheel zoom steps: a mouse notch covers a lot of time, a trackpad stays smooth.
import { describe, expect, it } from "vitest";
import { MAX_SPAN_MS, MIN_SPAN_MS, span, YEAR_MS, zoomDomain, type Domain, type ZoomLimits } from "../src/timeline/scale";
import { NOTCH_MIN_PIXELS, NOTCH_ZOOM, wheelZoomFactor } from "../src/timeline/wheel-zoom";

const PIXELS = 0;
const LINES = 1;
const PAGES = 2;
/** What one notch of a mouse wheel, rolled up (away), reports in WebKitGTK, WebView2 and Firefox. */
const WEBKITGTK_NOTCH = { deltaY: -86, deltaMode: PIXELS, ctrlKey: false };
const WEBVIEW2_NOTCH = { deltaY: -100, deltaMode: PIXELS, ctrlKey: false };
const FIREFOX_NOTCH = { deltaY: -3, deltaMode: LINES, ctrlKey: false };

const limits: ZoomLimits = { minSpan: MIN_SPAN_MS, maxSpan: MAX_SPAN_MS, bounds: [-1e13, 1e13] };

function years(domain: Domain): number {
  return span(domain) / YEAR_MS;
}

describe("wheel zoom", () => {
  it("zooms about a third per mouse notch in every engine", () => {
    for (const notch of [WEBKITGTK_NOTCH, WEBVIEW2_NOTCH, FIREFOX_NOTCH]) {
      expect(wheelZoomFactor(notch), `one notch (${notch.deltaY}, mode ${notch.deltaMode})`).toBeCloseTo(NOTCH_ZOOM, 6);
    }
    expect(NOTCH_ZOOM).toBeGreaterThanOrEqual(1.4);
    expect(NOTCH_ZOOM).toBeLessThanOrEqual(1.6);
    expect(wheelZoomFactor({ deltaY: -1, deltaMode: PAGES, ctrlKey: false })).toBeCloseTo(NOTCH_ZOOM, 6);
  });

  it("takes 55 years to about a decade in four notches, and back out in four", () => {
    let domain: Domain = [Date.UTC(1970, 0, 1), Date.UTC(1970, 0, 1) + 55 * YEAR_MS];
    for (let i = 0; i < 4; i++) domain = zoomDomain(domain, wheelZoomFactor(WEBKITGTK_NOTCH), 0.5, limits);
    expect(years(domain), "four notches in").toBeGreaterThan(9);
    expect(years(domain), "four notches in").toBeLessThan(12);
    for (let i = 0; i < 4; i++) domain = zoomDomain(domain, wheelZoomFactor({ ...WEBKITGTK_NOTCH, deltaY: 86 }), 0.5, limits);
    expect(years(domain), "four notches out return to where they started").toBeCloseTo(55, 6);
  });

  it("rolling down zooms out by the same step", () => {
    expect(wheelZoomFactor({ ...WEBVIEW2_NOTCH, deltaY: 100 })).toBeCloseTo(1 / NOTCH_ZOOM, 6);
    expect(wheelZoomFactor({ ...FIREFOX_NOTCH, deltaY: 3 })).toBeCloseTo(1 / NOTCH_ZOOM, 6);
  });

  it("counts an accelerated notch as several", () => {
    expect(wheelZoomFactor({ ...WEBVIEW2_NOTCH, deltaY: -200 })).toBeCloseTo(NOTCH_ZOOM ** 2, 6);
    expect(wheelZoomFactor({ ...FIREFOX_NOTCH, deltaY: -6 })).toBeCloseTo(NOTCH_ZOOM ** 2, 6);
  });

  it("keeps a trackpad swipe smooth: small steps, proportional to the distance", () => {
    const small = wheelZoomFactor({ deltaY: -4, deltaMode: PIXELS, ctrlKey: false });
    expect(small).toBeGreaterThan(1);
    expect(small, "a few pixels of swipe barely zoom").toBeLessThan(1.02);
    const a = wheelZoomFactor({ deltaY: -10, deltaMode: PIXELS, ctrlKey: false });
    const b = wheelZoomFactor({ deltaY: -20, deltaMode: PIXELS, ctrlKey: false });
    expect(a * a, "two 10 px steps zoom as far as one 20 px step").toBeCloseTo(b, 9);
    const below = wheelZoomFactor({ deltaY: -(NOTCH_MIN_PIXELS - 1), deltaMode: PIXELS, ctrlKey: false });
    expect(below, "even the largest smooth step is smaller than a notch").toBeLessThan(NOTCH_ZOOM);
  });

  it("keeps a pinch (Ctrl + small fractional deltas) smooth and proportional", () => {
    const pinch = wheelZoomFactor({ deltaY: -0.5, deltaMode: PIXELS, ctrlKey: true });
    expect(pinch).toBeGreaterThan(1);
    expect(pinch).toBeLessThan(1.01);
    const apart = wheelZoomFactor({ deltaY: 1.5, deltaMode: PIXELS, ctrlKey: true });
    expect(apart, "pinching in zooms out").toBeLessThan(1);
    expect(wheelZoomFactor({ deltaY: -3, deltaMode: PIXELS, ctrlKey: true }), "proportional").toBeCloseTo(pinch ** 6, 9);
  });

  it("does nothing for an empty or broken delta", () => {
    expect(wheelZoomFactor({ deltaY: 0, deltaMode: PIXELS, ctrlKey: false })).toBe(1);
    expect(wheelZoomFactor({ deltaY: Number.NaN, deltaMode: PIXELS, ctrlKey: false })).toBe(1);
  });
});
