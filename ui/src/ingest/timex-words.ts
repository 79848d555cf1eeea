// TIMEX3 values in words, for the highlighted time expressions and the anchor line:
// "2024-01-29" → "Mon 29 Jan 2024", "2023-11" → "Nov 2023", "2024-W04" → "week of 22 Jan 2024",
// "2024-FA" → "Fall 2024", "P3M" → "3 months", "PAST_REF" → "the past". A value this does not
// know is shown as it is, never guessed at.
import type { TimexType } from "../api/types";
import { MONTH_NAMES, MONTH_SHORT } from "../format/date";
import { daysInMonth, utcMs } from "../format/partial-date";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

const SEASONS: Record<string, string> = { SP: "Spring", SU: "Summer", FA: "Fall", WI: "Winter" };
const PARTS_OF_DAY: Record<string, string> = { MO: "morning", MI: "midday", AF: "afternoon", EV: "evening", NI: "night", DT: "daytime" };
const REFERENCES: Record<string, string> = { PAST_REF: "the past", PRESENT_REF: "now", FUTURE_REF: "the future" };

/** "Mon 29 Jan 2024" for a real calendar day, else null. */
export function dayWords(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const weekday = new Date(utcMs(year, month, day)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${day} ${MONTH_SHORT[month - 1]} ${year}`;
}

/** "Mon 29 Jan 2024" for an ISO day ("2024-01-29"), else null. */
export function isoDayWords(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return match ? dayWords(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** The Monday that starts ISO week `week` of `year`, as UTC milliseconds. */
export function isoWeekMonday(year: number, week: number): number {
  // Week 1 is the week holding 4 January.
  const jan4 = utcMs(year, 1, 4);
  const fromMonday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - fromMonday * 86_400_000 + (week - 1) * 7 * 86_400_000;
}

/** "22 Jan 2024": a day without its weekday (a week starts on a Monday anyway). */
function dayOf(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCDate()} ${MONTH_SHORT[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function timeWords(time: string): string | null {
  const part = PARTS_OF_DAY[time];
  if (part) return part;
  const match = /^(\d{2}):(\d{2})/.exec(time);
  return match ? `${match[1]}:${match[2]}` : null;
}

const DURATION_UNITS: Record<string, [string, string]> = {
  Y: ["year", "years"],
  M: ["month", "months"],
  W: ["week", "weeks"],
  D: ["day", "days"],
  DE: ["decade", "decades"],
  CE: ["century", "centuries"],
  H: ["hour", "hours"],
  TM: ["minute", "minutes"],
  S: ["second", "seconds"],
};

/** "P3M" → [["3", "M"]]; "P1DT2H" → [["1","D"],["2","H"]]; null when it is not a duration. */
function durationParts(value: string): [string, string][] | null {
  const match = /^P((?:[\d.]+|X)(?:Y|M|W|D|DE|CE))*(?:T((?:[\d.]+|X)(?:H|M|S))*)?$/.exec(value);
  if (!match || value === "P" || value === "PT") return null;
  const [date, time = ""] = value.slice(1).split("T") as [string, string?];
  const parts: [string, string][] = [];
  for (const m of date.matchAll(/([\d.]+|X)(DE|CE|Y|M|W|D)/g)) parts.push([m[1] as string, m[2] as string]);
  for (const m of time.matchAll(/([\d.]+|X)(H|M|S)/g)) parts.push([m[1] as string, m[2] === "M" ? "TM" : (m[2] as string)]);
  return parts.length > 0 ? parts : null;
}

/** "3 months", "1 year 6 months", "some weeks" (PXW); null when it is not a duration. */
export function durationWords(value: string): string | null {
  const parts = durationParts(value);
  if (!parts) return null;
  return parts
    .map(([amount, unit]) => {
      const [one, many] = DURATION_UNITS[unit] ?? [unit, unit];
      if (amount === "X") return `some ${many}`;
      return `${amount} ${Number(amount) === 1 ? one : many}`;
    })
    .join(" ");
}

/** A SET value: "every week" (P1W), "every 2 days", "every Monday" (XXXX-WXX-1). */
function setWords(value: string): string | null {
  const parts = durationParts(value);
  if (parts && parts.length === 1) {
    const [amount, unit] = parts[0] as [string, string];
    const [one, many] = DURATION_UNITS[unit] ?? [unit, unit];
    return amount === "1" ? `every ${one}` : amount === "X" ? `every few ${many}` : `every ${amount} ${many}`;
  }
  const weekday = /^XXXX-WXX-([1-7])$/.exec(value);
  if (weekday) return `every ${WEEKDAY_NAMES[Number(weekday[1]) % 7]}`;
  return null;
}

/** Any TIMEX3 value in words; the value itself when it is of a shape not known here. */
export function timexWords(value: string, type: TimexType = "DATE"): string {
  const text = value.trim();
  if (type === "SET") return setWords(text) ?? text;
  if (type === "DURATION") return durationWords(text) ?? text;
  const reference = REFERENCES[text];
  if (reference) return reference;

  let match = /^(\d{4})-(\d{2})-(\d{2})(?:T(.+))?$/.exec(text);
  if (match) {
    const day = dayWords(Number(match[1]), Number(match[2]), Number(match[3]));
    if (!day) return text;
    const time = match[4] ? timeWords(match[4]) : null;
    return time ? `${day}, ${time}` : day;
  }
  match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match) {
    const month = Number(match[2]);
    return month >= 1 && month <= 12 ? `${MONTH_SHORT[month - 1]} ${match[1]}` : text;
  }
  match = /^(\d{4})-W(\d{2})(-WE)?$/.exec(text);
  if (match) {
    const week = Number(match[2]);
    if (week < 1 || week > 53) return text;
    const monday = isoWeekMonday(Number(match[1]), week);
    return match[3] ? `weekend of ${dayOf(monday + 5 * 86_400_000)}` : `week of ${dayOf(monday)}`;
  }
  match = /^(\d{4})-(SP|SU|FA|WI)$/.exec(text);
  if (match) return `${SEASONS[match[2] as string]} ${match[1]}`;
  match = /^(\d{4})-Q([1-4])$/.exec(text);
  if (match) return `Q${match[2]} ${match[1]}`;
  match = /^(\d{4})-H([12])$/.exec(text);
  if (match) return `${match[2] === "1" ? "first" : "second"} half of ${match[1]}`;
  match = /^XXXX-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (match) {
    const month = MONTH_NAMES[Number(match[1]) - 1];
    if (!month) return text;
    return match[2] ? `${Number(match[2])} ${month}, year unknown` : `${month}, year unknown`;
  }
  if (/^\d{4}$/.test(text)) return text;
  if (/^\d{3}$/.test(text)) return `the ${text}0s`;
  if (/^\d{2}$/.test(text)) return `the ${text}00s`;
  return durationWords(text) ?? text;
}

/** "on Monday → Mon 29 Jan 2024": what a highlighted expression shows on hover or focus. */
export function timexTip(expression: string, value: string, type: TimexType): string {
  return `${expression.trim()} → ${timexWords(value, type)}`;
}
