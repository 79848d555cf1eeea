// Partial dates ("1979", "1979-01", "1979-01-01") as the backend stores them, and the
// span of time each one covers. All times are UTC milliseconds.
import type { Precision } from "../api/types";

export const DAY_MS = 86_400_000;

export interface PartialDateParts {
  year: number;
  /** 1–12; 1 when the precision is "year". */
  month: number;
  /** 1–31; 1 when the precision is coarser than "day". */
  day: number;
  precision: Precision;
}

/** [start, end): end is the first instant after the span. */
export interface TimeSpan {
  start: number;
  end: number;
}

// An optional time and zone may follow a full date; the timeline works in days.
const PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** UTC midnight of a calendar day; month may run past 12 (it carries into the next year). */
export function utcMs(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(0, 0, 0, 0);
  return date.getTime();
}

export function parsePartialDate(text: string | null | undefined): PartialDateParts | null {
  if (typeof text !== "string") return null;
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) return { year, month: 1, day: 1, precision: "year" };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  if (match[3] === undefined) return { year, month, day: 1, precision: "month" };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day, precision: "day" };
}

/** The whole stretch of time a partial date stands for: a day, a month or a year. */
export function spanOfParts(parts: PartialDateParts): TimeSpan {
  const { year, month, day } = parts;
  switch (parts.precision) {
    case "year":
      return { start: utcMs(year, 1, 1), end: utcMs(year + 1, 1, 1) };
    case "month":
      return { start: utcMs(year, month, 1), end: utcMs(year, month + 1, 1) };
    case "day": {
      const start = utcMs(year, month, day);
      return { start, end: start + DAY_MS };
    }
  }
}

export function partialDateSpan(text: string | null | undefined): TimeSpan | null {
  const parts = parsePartialDate(text);
  return parts ? spanOfParts(parts) : null;
}

/**
 * The time an event covers: from the start of its start date to the end of its end date
 * (or of its start date when it has no end, or an end that cannot be used).
 */
export function eventSpan(start: string, end?: string | null): TimeSpan | null {
  const first = partialDateSpan(start);
  if (!first) return null;
  const last = end ? partialDateSpan(end) : null;
  if (!last || last.end <= first.end) return first;
  return { start: first.start, end: last.end };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** "YYYY-MM-DD" of the UTC day containing `ms`. */
export function isoDay(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}
