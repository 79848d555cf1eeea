// Which ticks the time axis shows at a zoom level, and how each is labelled: decades,
// years, months or days, whichever is the finest that leaves room for its labels.
import { scaleUtc } from "d3-scale";
import { utcDay, utcMonday, utcMonth, utcYear, type CountableTimeInterval, type TimeInterval } from "d3-time";
import { MONTH_SHORT } from "../format/date";
import { DAY_MS } from "../format/partial-date";
import { YEAR_MS, type Domain } from "./scale";

export type TickLevel = "decade" | "year" | "month" | "day";

export interface Tick {
  time: number;
  label: string;
}

export interface AxisTicks {
  level: TickLevel;
  major: Tick[];
  /** Unlabelled finer ticks between the major ones; empty when they would be too dense. */
  minor: number[];
  /** The period at the left edge, e.g. "1970s" or "Sep 1972", shown until a tick names it. */
  context: string;
}

interface Step {
  level: TickLevel;
  interval: TimeInterval;
  /** Rough length of one step, to judge its spacing in pixels. */
  ms: number;
  /** The smallest spacing, in pixels, that leaves room for this level's labels. */
  minSpacing: number;
  minor: TimeInterval | null;
}

function every(interval: CountableTimeInterval, step: number): TimeInterval {
  return interval.every(step) ?? interval;
}

const MONTH_MS = 30.44 * DAY_MS;

const STEPS: readonly Step[] = [
  { level: "day", interval: utcDay, ms: DAY_MS, minSpacing: 80, minor: null },
  { level: "day", interval: every(utcDay, 2), ms: 2 * DAY_MS, minSpacing: 80, minor: utcDay },
  { level: "day", interval: utcMonday, ms: 7 * DAY_MS, minSpacing: 80, minor: utcDay },
  { level: "month", interval: utcMonth, ms: MONTH_MS, minSpacing: 70, minor: utcMonday },
  { level: "month", interval: every(utcMonth, 3), ms: 3 * MONTH_MS, minSpacing: 70, minor: utcMonth },
  { level: "year", interval: utcYear, ms: YEAR_MS, minSpacing: 56, minor: utcMonth },
  { level: "year", interval: every(utcYear, 2), ms: 2 * YEAR_MS, minSpacing: 56, minor: utcYear },
  { level: "decade", interval: every(utcYear, 10), ms: 10 * YEAR_MS, minSpacing: 64, minor: utcYear },
  { level: "decade", interval: every(utcYear, 20), ms: 20 * YEAR_MS, minSpacing: 64, minor: every(utcYear, 5) },
  { level: "decade", interval: every(utcYear, 50), ms: 50 * YEAR_MS, minSpacing: 64, minor: every(utcYear, 10) },
];

/** Minor ticks closer than this many pixels are left out. */
const MINOR_MIN_SPACING = 7;

/** The step the axis uses for a view of `domain` drawn across `width` pixels. */
function chooseStep(domain: Domain, width: number): Step {
  const pxPerMs = width / Math.max(1, domain[1] - domain[0]);
  for (const step of STEPS) {
    if (step.ms * pxPerMs >= step.minSpacing) return step;
  }
  return STEPS[STEPS.length - 1] as Step;
}

/**
 * A tick's label. The first tick and each change of year carry the year, so the reader
 * always knows where they are without a second axis row.
 */
export function formatTick(time: number, level: TickLevel, first: boolean): string {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const monthShort = MONTH_SHORT[month] ?? "";
  switch (level) {
    case "decade":
      return `${year}s`;
    case "year":
      return `${year}`;
    case "month":
      return first || month === 0 ? `${monthShort} ${year}` : monthShort;
    case "day":
      return first || (month === 0 && day === 1) ? `${day} ${monthShort} ${year}` : `${day} ${monthShort}`;
  }
}

export function axisTicks(domain: Domain, width: number): AxisTicks {
  const step = chooseStep(domain, width);
  const scale = scaleUtc().domain([new Date(domain[0]), new Date(domain[1])]).range([0, width]);
  const major = scale.ticks(step.interval).map((date, index) => ({
    time: date.getTime(),
    label: formatTick(date.getTime(), step.level, index === 0),
  }));
  let minor: number[] = [];
  if (step.minor) {
    const minorMs = estimateMs(step.minor);
    if (minorMs * (width / (domain[1] - domain[0])) >= MINOR_MIN_SPACING) {
      const majorTimes = new Set(major.map((tick) => tick.time));
      minor = scale
        .ticks(step.minor)
        .map((date) => date.getTime())
        .filter((time) => !majorTimes.has(time));
    }
  }
  return { level: step.level, major, minor, context: formatTick(periodStart(domain[0], step.level), step.level, true) };
}

/** Rough length of one step of a minor interval. */
function estimateMs(interval: TimeInterval): number {
  const start = Date.UTC(2001, 0, 1);
  const next = interval.offset(new Date(start), 1).getTime();
  return next - start;
}

/** The start of the decade, year, month or day containing `time`. */
function periodStart(time: number, level: TickLevel): number {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  switch (level) {
    case "decade":
      return utcYear.floor(new Date(Date.UTC(year - (((year % 10) + 10) % 10), 0, 1))).getTime();
    case "year":
      return utcYear.floor(date).getTime();
    case "month":
      return utcMonth.floor(date).getTime();
    case "day":
      return utcDay.floor(date).getTime();
  }
}
