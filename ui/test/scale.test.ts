import { describe, expect, it } from "vitest";
import { DAY_MS, parsePartialDate } from "../src/format/partial-date";
import {
  clampDomain,
  domainDays,
  domainFor,
  fitDomain,
  jumpDomain,
  jumpView,
  REVEAL_MIN_SPAN_MS,
  MAX_SPAN_MS,
  MIN_SPAN_MS,
  panToShow,
  queryRange,
  scaleExtentFor,
  span,
  transformFor,
  YEAR_MS,
  zoomDomain,
  zoomLimits,
  type Domain,
} from "../src/timeline/scale";

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);
const NOW = day(2025, 6, 1);
const fit = fitDomain("1971", "2024-12-31");
const limits = zoomLimits(fit, NOW);

describe("fit all", () => {
  it("covers the first and last event with some air", () => {
    expect(fit[0], "the first year must be fully in view").toBeLessThan(day(1971, 1, 1));
    expect(fit[1], "the last day must be fully in view").toBeGreaterThan(day(2025, 1, 1));
    expect(span(fit)).toBeLessThan(60 * YEAR_MS);
  });
  it("a single day still gives a readable view", () => {
    const one = fitDomain("2023-11-15", "2023-11-15");
    expect(span(one)).toBeGreaterThanOrEqual(30 * DAY_MS - 1);
    expect(one[0]).toBeLessThan(day(2023, 11, 15));
    expect(one[1]).toBeGreaterThan(day(2023, 11, 16));
  });
});

describe("zoom clamping", () => {
  it("cannot zoom in past about a week", () => {
    const zoomed = zoomDomain([day(2023, 11, 1), day(2023, 11, 15)], 100, 0.5, limits);
    expect(span(zoomed), "the narrowest view is a week").toBeCloseTo(MIN_SPAN_MS, -3);
    expect((zoomed[0] + zoomed[1]) / 2, "zooming at the centre keeps the centre").toBeCloseTo(day(2023, 11, 8), -3);
  });
  it("cannot zoom out past about 60 years", () => {
    const zoomed = zoomDomain([day(1990, 1, 1), day(2000, 1, 1)], 1 / 100, 0.5, limits);
    expect(span(zoomed), "the widest view is 60 years").toBeCloseTo(MAX_SPAN_MS, -3);
  });
  it("allows the whole dataset even when it spans more than 60 years", () => {
    const wide = fitDomain("1900", "2024");
    expect(zoomLimits(wide, NOW).maxSpan).toBeGreaterThanOrEqual(span(wide));
    expect(clampDomain(wide, zoomLimits(wide, NOW))).toEqual(wide);
  });
  it("zooming at an anchor keeps the time under the pointer in place", () => {
    const domain: Domain = [day(2000, 1, 1), day(2010, 1, 1)];
    const anchor = 0.25;
    const pivot = domain[0] + span(domain) * anchor;
    const zoomed = zoomDomain(domain, 2, anchor, limits);
    expect(zoomed[0] + span(zoomed) * anchor).toBeCloseTo(pivot, -2);
    expect(span(zoomed)).toBeCloseTo(span(domain) / 2, -2);
  });
  it("pans no further than the bounds", () => {
    const far: Domain = [day(2200, 1, 1), day(2210, 1, 1)];
    const clamped = clampDomain(far, limits);
    expect(clamped[1]).toBe(limits.bounds[1]);
    expect(span(clamped), "panning must not change the zoom").toBeCloseTo(span(far), -3);
  });
  it("leaves an allowed view untouched", () => {
    const domain: Domain = [day(2000, 1, 1), day(2001, 1, 1)];
    expect(clampDomain(domain, limits)).toEqual(domain);
  });
});

describe("jump to date", () => {
  const view = (text: string): Domain => {
    const parts = parsePartialDate(text);
    if (!parts) throw new Error(`${text} is not a date`);
    const target = jumpView(parts);
    return jumpDomain(target.time, limits, target.width);
  };
  it("centres a day in about three months", () => {
    const domain = view("2023-11-15");
    expect((domain[0] + domain[1]) / 2, "the day is in the middle").toBe(day(2023, 11, 15) + DAY_MS / 2);
    expect(span(domain), "about three months are in view").toBe(REVEAL_MIN_SPAN_MS);
    expect(domainDays(domain)).toEqual({ from: "2023-10-01", to: "2023-12-30" });
  });
  it("shows a month or a year whole, and nothing else", () => {
    expect(domainDays(view("1972-02")), "February 1972").toEqual({ from: "1972-02-01", to: "1972-02-29" });
    expect(domainDays(view("1972")), "the year 1972").toEqual({ from: "1972-01-01", to: "1972-12-31" });
  });
  it("the default jump still centres about a year", () => {
    expect(span(jumpDomain(day(2000, 7, 1), limits)) / YEAR_MS).toBeCloseTo(1, 5);
  });
});

describe("zoom transforms", () => {
  it("transformFor and domainFor are inverse", () => {
    const base: Domain = fit;
    const target: Domain = [day(2001, 3, 1), day(2002, 3, 1)];
    const t = transformFor(base, 1000, target);
    const back = domainFor(base, 1000, t);
    expect(back[0]).toBeCloseTo(target[0], -1);
    expect(back[1]).toBeCloseTo(target[1], -1);
  });
  it("the scale extent matches the span limits", () => {
    const [kMin, kMax] = scaleExtentFor(fit, limits);
    expect(span(fit) / kMin).toBeCloseTo(limits.maxSpan, -3);
    expect(span(fit) / kMax).toBeCloseTo(limits.minSpan, -3);
  });
});

describe("window queries", () => {
  it("ask for the visible days plus a margin", () => {
    const range = queryRange([day(2020, 1, 1), day(2021, 1, 1)], 0.25);
    expect(range.from < "2020-01-01", "the margin reaches before the view").toBe(true);
    expect(range.to > "2021-01-01", "the margin reaches after the view").toBe(true);
    expect(range.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("bringing a selected event into view", () => {
  it("does not move the view when the event is visible", () => {
    expect(panToShow(100, 100, 1000)).toBe(0);
    expect(panToShow(-500, 2000, 1000), "a long span across the view is visible").toBe(0);
  });
  it("pans as little as needed to bring an event in from either side", () => {
    expect(panToShow(990, 990, 1000), "an event under the right edge comes to 3/4 across").toBe(990 - 750);
    expect(panToShow(-300, -300, 1000), "an event left of the view comes to 1/4 across").toBe(-300 - 250);
  });
});
