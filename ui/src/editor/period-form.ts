// The period editor's form state and its checks, kept apart from the dialog so they are tested
// as plain functions. Dates are typed as people write them ("1972", "Feb 1972", "21 Feb 1972")
// and stored at the precision typed; the backend checks the whole period again.
import type { Colour, Period } from "../api/types";
import { formatPartialDate } from "../format/date";
import { parsePartialDate, spanOfParts, type PartialDateParts } from "../format/partial-date";
import { parseTypedDate } from "../format/typed-date";
import { PERIOD_COLOURS, PERIOD_COLOUR_LABELS } from "../generated/vocabulary";

export type PeriodField = "name" | "start" | "end" | "colour" | "note";

export interface PeriodForm {
  /** Empty for a new period. */
  id: string;
  name: string;
  start: string;
  /** Empty: the period is still going on. */
  end: string;
  colour: Colour;
  note: string;
}

export type PeriodErrors = Partial<Record<PeriodField, string>>;

/** The palette, in the order offered: generated from the core's `periods::Colour`. */
export const COLOURS: readonly { value: Colour; label: string }[] = PERIOD_COLOURS.map((value) => ({
  value,
  label: PERIOD_COLOUR_LABELS[value],
}));

export function newPeriodForm(): PeriodForm {
  return { id: "", name: "", start: "", end: "", colour: "teal", note: "" };
}

/** A stored date as the form shows it: in words ("Feb 1972"), which the form reads back the same. */
function shownDate(iso: string | undefined): string {
  if (!iso) return "";
  return parsePartialDate(iso) ? formatPartialDate(iso) : iso;
}

export function formFromPeriod(period: Period): PeriodForm {
  return {
    id: period.id,
    name: period.name,
    start: shownDate(period.start),
    end: shownDate(period.end),
    colour: period.colour,
    note: period.note ?? "",
  };
}

/** A typed date's parts as the ISO text the backend takes, at the precision typed. */
export function isoOfParts(parts: PartialDateParts): string {
  const year = String(parts.year).padStart(4, "0");
  const month = String(parts.month).padStart(2, "0");
  const day = String(parts.day).padStart(2, "0");
  if (parts.precision === "year") return year;
  if (parts.precision === "month") return `${year}-${month}`;
  return `${year}-${month}-${day}`;
}

/** The period the form describes, or what is wrong, field by field. */
export function periodFromForm(form: PeriodForm): { period: Period; errors: null } | { period: null; errors: PeriodErrors } {
  const errors: PeriodErrors = {};
  const name = form.name.trim();
  if (name === "") errors.name = "Give the period a name.";
  const start = parseTypedDate(form.start);
  if (start === null) errors.start = "Type when the period starts, such as 1972 or Feb 1972.";
  else if (!start.ok) errors.start = start.message;
  const end = parseTypedDate(form.end);
  if (end && !end.ok) errors.end = end.message;
  // Compared as spans: "1972" to "1972" is one year; an end before the start is refused.
  if (start?.ok && end?.ok && spanOfParts(end.parts).end <= spanOfParts(start.parts).start) {
    errors.end = `The end (${formatPartialDate(isoOfParts(end.parts))}) is before the start (${formatPartialDate(isoOfParts(start.parts))}).`;
  }
  if (Object.keys(errors).length > 0 || !start?.ok) return { period: null, errors };
  const period: Period = { id: form.id, name, start: isoOfParts(start.parts), colour: form.colour };
  if (end?.ok) period.end = isoOfParts(end.parts);
  const note = form.note.trim();
  if (note !== "") period.note = note;
  return { period, errors: null };
}

/** The form field a backend error names (`name`, `end`, `periods[0].colour`), or null. */
export function periodFieldOfError(path: string | null | undefined): PeriodField | null {
  const head = /([a-z_]+)$/.exec(path ?? "")?.[1] ?? "";
  const fields: readonly PeriodField[] = ["name", "start", "end", "colour", "note"];
  return (fields as readonly string[]).includes(head) ? (head as PeriodField) : null;
}

export function isDirty(initial: PeriodForm, form: PeriodForm): boolean {
  return (Object.keys(initial) as (keyof PeriodForm)[]).some((key) => initial[key] !== form[key]);
}
