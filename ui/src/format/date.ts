// Dates as people read them, at the precision they are known: "15 November 2023",
// "November 2023", "2023", and ranges such as "15–16 November 2023". The wording is the
// core's (formats/labels.rs): test/date.test.ts checks this against the examples the core
// generates into ../generated/vocabulary.ts.
import { MONTH_NAMES } from "../generated/vocabulary";
import { parsePartialDate, type PartialDateParts } from "./partial-date";

export { MONTH_NAMES, MONTH_SHORT } from "../generated/vocabulary";

const EN_DASH = "\u2013";
const SPACED_DASH = ` ${EN_DASH} `;

function monthName(parts: PartialDateParts): string {
  return MONTH_NAMES[parts.month - 1] ?? "";
}

export function formatParts(parts: PartialDateParts): string {
  switch (parts.precision) {
    case "year":
      return `${parts.year}`;
    case "month":
      return `${monthName(parts)} ${parts.year}`;
    case "day":
      return `${parts.day} ${monthName(parts)} ${parts.year}`;
  }
}

/** A stored date that cannot be read is shown as it is, never hidden or guessed at. */
function fallback(text: string | null | undefined): string {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? "Unknown date" : trimmed;
}

export function formatPartialDate(text: string | null | undefined): string {
  const parts = parsePartialDate(text);
  return parts ? formatParts(parts) : fallback(text);
}

function sameDate(a: PartialDateParts, b: PartialDateParts): boolean {
  return a.precision === b.precision && a.year === b.year && a.month === b.month && a.day === b.day;
}

/** A start date and optional end date as one phrase, sharing what both have in common. */
export function formatDateRange(start: string, end?: string | null): string {
  const s = parsePartialDate(start);
  if (end === undefined || end === null || end.trim() === "") return formatPartialDate(start);
  const e = parsePartialDate(end);
  if (!s || !e) return `${formatPartialDate(start)}${SPACED_DASH}${formatPartialDate(end)}`;
  if (sameDate(s, e)) return formatParts(s);
  if (s.precision === e.precision) {
    const sameYear = s.year === e.year;
    switch (s.precision) {
      case "year":
        return `${s.year}${EN_DASH}${e.year}`;
      case "month":
        return sameYear
          ? `${monthName(s)}${EN_DASH}${monthName(e)} ${s.year}`
          : `${formatParts(s)}${SPACED_DASH}${formatParts(e)}`;
      case "day":
        if (sameYear && s.month === e.month) {
          return `${s.day}${EN_DASH}${e.day} ${monthName(s)} ${s.year}`;
        }
        if (sameYear) {
          return `${s.day} ${monthName(s)}${SPACED_DASH}${e.day} ${monthName(e)} ${s.year}`;
        }
        return `${formatParts(s)}${SPACED_DASH}${formatParts(e)}`;
    }
  }
  return `${formatParts(s)}${SPACED_DASH}${formatParts(e)}`;
}

/** "142 events", "1 event". */
export function formatEventCount(count: number): string {
  return `${count} ${count === 1 ? "event" : "events"}`;
}
