// A date as people type it into "Jump to date": "1972", "Feb 1972", "February 1972", "1972-02",
// "1972-02-21", "21 Feb 1972", "Feb 21, 1972", "21/2/1972". It keeps the precision typed (a
// year, a month or a day) and never guesses: "2/3/1972" (2 March or 3 February?), "30 Feb
// 1972" and "21/2/72" are refused with a message that says what to type instead.
import { MONTH_NAMES } from "./date";
import { daysInMonth, parsePartialDate, type PartialDateParts } from "./partial-date";

export type TypedDate = { ok: true; parts: PartialDateParts } | { ok: false; message: string };

export const TYPED_DATE_EXAMPLE = "Type a date such as 1972, Feb 1972, 21 Feb 1972 or 1972-02-21.";

function refuse(message: string): TypedDate {
  return { ok: false, message };
}

/** Checks the month and day and builds the parts; a month or day that does not exist is refused by name. */
function build(year: number, month: number | null, day: number | null): TypedDate {
  if (year < 1000) return refuse("Type the year in full, such as 1972.");
  if (month === null) return { ok: true, parts: { year, month: 1, day: 1, precision: "year" } };
  if (month < 1 || month > 12) return refuse(`There is no month ${month}: months run from 1 to 12.`);
  if (day === null) return { ok: true, parts: { year, month, day: 1, precision: "month" } };
  const name = MONTH_NAMES[month - 1] ?? "";
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return refuse(`${name} ${year} has ${days} days: there is no ${day} ${name}.`);
  }
  return { ok: true, parts: { year, month, day, precision: "day" } };
}

/** A month's name or its abbreviation of at least three letters ("sep", "sept", "september"); 0 when none. */
function monthNumber(word: string): number {
  if (word.length < 3) return 0;
  const index = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(word));
  return index + 1;
}

// Digits only, with a separator: year first is ISO order and unambiguous.
const YEAR_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const YEAR_MONTH_DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})[-/.](\d{4})$/;
const SHORT_YEAR = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}$/;
const NUMERIC_DAY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/** "21/2/1972" (only one reading), "2/3/1972" (two readings: refused), "5/5/1972" (the same either way). */
function numericDay(first: number, second: number, year: number, typed: string): TypedDate {
  if (first > 12 && second <= 12) return build(year, second, first);
  if (second > 12 && first <= 12) return build(year, first, second);
  if (first === second || first === 0 || second === 0) return build(year, second, first);
  if (first > 12 && second > 12) return refuse(`“${typed}” has no month: neither ${first} nor ${second} is 1 to 12.`);
  const short = (month: number): string => MONTH_NAMES[month - 1]?.slice(0, 3) ?? "";
  return refuse(
    `“${typed}” could be ${first} ${MONTH_NAMES[second - 1]} or ${second} ${MONTH_NAMES[first - 1]} ${year}: type ${first} ${short(second)} ${year} or ${second} ${short(first)} ${year}.`,
  );
}

type Token = { type: "year"; value: number } | { type: "number"; value: number } | { type: "month"; value: number };

/** Dates with a month name: day, month and year in the orders people write them. */
function wordedDate(text: string): TypedDate {
  const words = text
    .split(/[\s,./-]+/)
    .filter((word) => word !== "")
    // Ordinals: "21st", "2nd", "3rd", "4th".
    .map((word) => word.replace(/^(\d{1,2})(?:st|nd|rd|th)$/, "$1"));
  const tokens: Token[] = [];
  for (const word of words) {
    if (/^\d{4}$/.test(word)) tokens.push({ type: "year", value: Number(word) });
    else if (/^\d{1,2}$/.test(word)) tokens.push({ type: "number", value: Number(word) });
    else if (/^\p{L}+$/u.test(word)) {
      const month = monthNumber(word);
      if (month === 0) return refuse(`“${word}” is not a month. ${TYPED_DATE_EXAMPLE}`);
      tokens.push({ type: "month", value: month });
    } else return refuse(TYPED_DATE_EXAMPLE);
  }
  const shape = tokens.map((token) => token.type).join(" ");
  const value = (index: number): number => tokens[index]?.value ?? 0;
  switch (shape) {
    case "month year":
      return build(value(1), value(0), null);
    case "year month":
      return build(value(0), value(1), null);
    case "number month year":
      return build(value(2), value(1), value(0));
    case "month number year":
      return build(value(2), value(0), value(1));
    case "year month number":
      return build(value(0), value(1), value(2));
    case "number month number":
    case "month number number":
      return refuse(`Type the year in full, such as ${MONTH_NAMES[(tokens.find((t) => t.type === "month")?.value ?? 1) - 1]?.slice(0, 3)} 1972.`);
    case "month":
    case "number month":
    case "month number":
      return refuse("Add the year, such as Feb 1972 or 21 Feb 1972.");
    default:
      return refuse(TYPED_DATE_EXAMPLE);
  }
}

/** What the user typed as a date, or why it cannot be one; null when nothing was typed. */
export function parseTypedDate(input: string): TypedDate | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "") return null;
  // The stored forms ("1972", "1972-02", "1972-02-21", with an optional time) as the backend reads them.
  const stored = parsePartialDate(input.trim());
  if (stored) return build(stored.year, stored.precision === "year" ? null : stored.month, stored.precision === "day" ? stored.day : null);

  let match = YEAR_MONTH_DAY.exec(text);
  if (match) return build(Number(match[1]), Number(match[2]), Number(match[3]));
  match = YEAR_MONTH.exec(text);
  if (match) return build(Number(match[1]), Number(match[2]), null);
  match = MONTH_YEAR.exec(text);
  if (match) return build(Number(match[2]), Number(match[1]), null);
  match = NUMERIC_DAY.exec(text);
  if (match) return numericDay(Number(match[1]), Number(match[2]), Number(match[3]), input.trim());
  if (SHORT_YEAR.test(text) || /^\d{1,3}$/.test(text)) return refuse("Type the year in full, such as 1972.");
  if (/\p{L}/u.test(text)) return wordedDate(text);
  return refuse(TYPED_DATE_EXAMPLE);
}
