import { describe, expect, it } from "vitest";
import { axisTicks, formatTick } from "../src/timeline/axis";
import type { Domain } from "../src/timeline/scale";

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);
const WIDTH = 1200;

function labels(domain: Domain, width = WIDTH): { level: string; labels: string[] } {
  const ticks = axisTicks(domain, width);
  return { level: ticks.level, labels: ticks.major.map((t) => t.label) };
}

describe("axis ticks adapt to the zoom", () => {
  it("60 years shows decades", () => {
    const result = labels([day(1965, 1, 1), day(2025, 1, 1)]);
    expect(result.level, "a 60-year view is labelled by decade").toBe("decade");
    expect(result.labels).toEqual(["1970s", "1980s", "1990s", "2000s", "2010s", "2020s"]);
  });
  it("5 years shows years", () => {
    const result = labels([day(2019, 7, 1), day(2024, 7, 1)]);
    expect(result.level, "a 5-year view is labelled by year").toBe("year");
    expect(result.labels).toEqual(["2020", "2021", "2022", "2023", "2024"]);
  });
  it("8 months shows months, with the year where it changes", () => {
    const result = labels([day(2023, 6, 15), day(2024, 2, 15)]);
    expect(result.level, "an 8-month view is labelled by month").toBe("month");
    expect(result.labels).toEqual(["Jul 2023", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan 2024", "Feb"]);
  });
  it("10 days shows days", () => {
    const result = labels([day(2023, 11, 10), day(2023, 11, 20)]);
    expect(result.level, "a 10-day view is labelled by day").toBe("day");
    expect(result.labels[0], "the first day carries month and year").toBe("10 Nov 2023");
    expect(result.labels[1]).toBe("11 Nov");
    expect(result.labels.length, "one tick per day, both ends included").toBe(11);
  });
  it("never puts major ticks closer than their labels need", () => {
    for (const [from, to] of [
      [day(1960, 1, 1), day(2020, 1, 1)],
      [day(2000, 1, 1), day(2003, 1, 1)],
      [day(2023, 1, 1), day(2023, 3, 1)],
      [day(2023, 1, 1), day(2023, 1, 8)],
    ] as const) {
      for (const width of [480, 900, 1440]) {
        const { major } = axisTicks([from, to], width);
        const px = major.map((t) => ((t.time - from) / (to - from)) * width);
        for (let i = 1; i < px.length; i++) {
          expect((px[i] ?? 0) - (px[i - 1] ?? 0), `ticks too close at width ${width}`).toBeGreaterThanOrEqual(50);
        }
      }
    }
  });
  it("minor ticks fall between majors, never on them", () => {
    const ticks = axisTicks([day(1965, 1, 1), day(2025, 1, 1)], WIDTH);
    const majors = new Set(ticks.major.map((t) => t.time));
    expect(ticks.minor.length, "a decade axis shows the years between").toBeGreaterThan(0);
    expect(ticks.minor.some((t) => majors.has(t))).toBe(false);
  });
  it("day labels carry the year on 1 January", () => {
    expect(formatTick(day(2024, 1, 1), "day", false)).toBe("1 Jan 2024");
    expect(formatTick(day(2024, 3, 5), "day", false)).toBe("5 Mar");
  });
});

describe("the axis names the period at its left edge", () => {
  it("at each level", () => {
    expect(axisTicks([day(1972, 9, 30), day(2031, 9, 13)], WIDTH).context).toBe("1970s");
    expect(axisTicks([day(2019, 7, 1), day(2024, 7, 1)], WIDTH).context).toBe("2019");
    expect(axisTicks([day(2023, 6, 15), day(2024, 2, 15)], WIDTH).context).toBe("Jun 2023");
    expect(axisTicks([day(2023, 11, 10), day(2023, 11, 20)], WIDTH).context).toBe("10 Nov 2023");
  });
});
