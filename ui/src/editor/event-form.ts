// The event editor's state and its conversion to and from the backend's `Event`. Pure: the
// dialog renders a form state and calls these; tests cover them without a DOM.
//
// Conventions: dates are typed as year / month / day with an explicit precision; an actor or
// source row left wholly blank is not sent; optional fields left blank (end, location, a
// source's published date and quote) are omitted from the Event, never sent as "".
import type { Actor, Event, Kind, Link, Precision, Relation, Side, Source, StoredEvent } from "../api/types";
import { KINDS } from "../format/labels";
import { MONTH_NAMES } from "../format/date";
import { daysInMonth, parsePartialDate } from "../format/partial-date";

export type EndPrecision = Precision | "none";

export interface DateInput<P extends string = Precision> {
  precision: P;
  /** Four digits. */
  year: string;
  /** "1".."12", or "" when not chosen. */
  month: string;
  /** "1".."31", or "". */
  day: string;
  /** The stored text this was read from; sent back unchanged when the parts were not touched (keeps a time of day). */
  original?: string;
}

export interface ActorRow {
  name: string;
  side: Side;
  /** Chinese name and pinyin: kept as they were unless edited. */
  nameZh: string;
  pinyin: string;
}

export interface SourceRow {
  url: string;
  title: string;
  publisher: string;
  published: string;
  quote: string;
  /** The date this source gives for the event, and the place whose calendar it uses. */
  reportedDate: string;
  reportedPlace: string;
  archivedUrl: string;
  archivedAt: string;
  /** The publisher was filled from the URL (so a new URL may replace it). */
  publisherGuessed: boolean;
}

/** A link to another event; `title` is for showing it ("" until known, or when it is gone). */
export interface LinkRow {
  relation: Relation;
  target: string;
  title: string;
}

export interface EventForm {
  /** "" for a new event. */
  id: string;
  title: string;
  titleZh: string;
  start: DateInput;
  end: DateInput<EndPrecision>;
  kind: Kind | "";
  actors: ActorRow[];
  location: string;
  tags: string[];
  /** Text typed in the tag input and not yet turned into a chip; saved as a tag too. */
  tagDraft: string;
  summary: string;
  sources: SourceRow[];
  /** Links to other events, kept in their order and sent back whole. */
  links: LinkRow[];
}

/** Where an input lives: "title", "start", "actors.0.name", "sources.1.url", "sources.1" … */
export type FieldKey = string;

export type FieldErrors = Map<FieldKey, string>;

/** For each item of the Event's lists, the form row it came from (blank rows are skipped). */
export interface RowMaps {
  actors: number[];
  sources: number[];
}

export function emptyActor(): ActorRow {
  return { name: "", side: "us", nameZh: "", pinyin: "" };
}

export function emptySource(): SourceRow {
  return {
    url: "",
    title: "",
    publisher: "",
    published: "",
    quote: "",
    reportedDate: "",
    reportedPlace: "",
    archivedUrl: "",
    archivedAt: "",
    publisherGuessed: false,
  };
}

export function emptyDate<P extends string>(precision: P): DateInput<P> {
  return { precision, year: "", month: "", day: "" };
}

/** A new event's form: one blank actor row and one blank source row to fill in. */
export function newEventForm(): EventForm {
  return {
    id: "",
    title: "",
    titleZh: "",
    start: emptyDate<Precision>("day"),
    end: emptyDate<EndPrecision>("none"),
    kind: "",
    actors: [emptyActor()],
    location: "",
    tags: [],
    tagDraft: "",
    summary: "",
    sources: [emptySource()],
    links: [],
  };
}

function dateInput<P extends string>(text: string | undefined, none: P): DateInput<P | Precision> {
  const parts = text === undefined ? null : parsePartialDate(text);
  if (!parts || text === undefined) return emptyDate<P | Precision>(none);
  return {
    precision: parts.precision,
    year: String(parts.year).padStart(4, "0"),
    month: parts.precision === "year" ? "" : String(parts.month),
    day: parts.precision === "day" ? String(parts.day) : "",
    original: text,
  };
}

/** The form for editing a stored event. */
export function formFromEvent(event: StoredEvent | Event): EventForm {
  const start = dateInput<Precision>(event.start, "day");
  return {
    id: event.id,
    title: event.title,
    titleZh: event.title_zh ?? "",
    start: start as DateInput,
    end: dateInput<EndPrecision>(event.end, "none"),
    kind: event.kind,
    actors: event.actors.map((actor) => ({
      name: actor.name,
      side: actor.side,
      nameZh: actor.name_zh ?? "",
      pinyin: actor.pinyin ?? "",
    })),
    location: event.location ?? "",
    tags: [...event.tags],
    tagDraft: "",
    summary: event.summary,
    sources: event.sources.map((source) => ({
      url: source.url,
      title: source.title,
      publisher: source.publisher,
      published: source.published ?? "",
      quote: source.quote ?? "",
      reportedDate: source.reported_date ?? "",
      reportedPlace: source.reported_place ?? "",
      archivedUrl: source.archived_url ?? "",
      archivedAt: source.archived_at ?? "",
      publisherGuessed: false,
    })),
    links: (event.links ?? []).map((link) => ({ relation: link.relation, target: link.target, title: "" })),
  };
}

/**
 * Adds a link to the form, or says why not: an event cannot link to itself, and the same
 * link twice says nothing more.
 */
export function addLink(form: EventForm, relation: Relation, target: string, title: string): string | null {
  if (form.id !== "" && target === form.id) return "An event cannot be linked to itself.";
  if (form.links.some((link) => link.relation === relation && link.target === target)) return "This link is already there.";
  form.links.push({ relation, target, title });
  return null;
}

export function removeLink(form: EventForm, index: number): void {
  form.links.splice(index, 1);
}

/** Fills in the titles of the form's links from what the backend says of them (absent: gone). */
export function nameLinks(form: EventForm, titles: ReadonlyMap<string, string | null>): void {
  for (const link of form.links) link.title = titles.get(link.target) ?? "";
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/**
 * The partial date a DateInput stands for, or an error message. The parts beyond the
 * precision are ignored (a month typed, then precision set to "year", is dropped).
 */
export type DatePart = "year" | "month" | "day";

export interface DateTextResult {
  text: string | null;
  error: string | null;
  /** Which input the error is about. */
  part: DatePart | null;
}

export function dateText(input: DateInput<EndPrecision>): DateTextResult {
  const fail = (part: DatePart, error: string): DateTextResult => ({ text: null, error, part });
  if (input.precision === "none") return { text: null, error: null, part: null };
  const year = input.year.trim();
  if (year === "") return fail("year", "Enter the year.");
  if (!/^\d{4}$/.test(year)) return fail("year", "Write the year with four digits, e.g. 2023.");
  let text = year;
  if (input.precision !== "year") {
    const month = Number(input.month);
    if (input.month.trim() === "" || !Number.isInteger(month) || month < 1 || month > 12) {
      return fail("month", "Choose the month.");
    }
    text += `-${pad(month, 2)}`;
    if (input.precision === "day") {
      const dayText = input.day.trim();
      const day = Number(dayText);
      if (dayText === "") return fail("day", "Enter the day.");
      if (!/^\d{1,2}$/.test(dayText) || day < 1 || day > 31) return fail("day", "The day is a number from 1 to 31.");
      const days = daysInMonth(Number(year), month);
      if (day > days) return fail("day", `${MONTH_NAMES[month - 1] ?? ""} ${year} has ${days} days.`);
      text += `-${pad(day, 2)}`;
    }
  }
  // A date read from the store and left as it was goes back unchanged (it may carry a time).
  if (input.original !== undefined) {
    const original = parsePartialDate(input.original);
    const same = dateInput<Precision>(input.original, "day");
    if (
      original &&
      same.precision === input.precision &&
      same.year === year &&
      (input.precision === "year" || same.month === String(Number(input.month))) &&
      (input.precision !== "day" || same.day === String(Number(input.day)))
    ) {
      return { text: input.original, error: null, part: null };
    }
  }
  return { text, error: null, part: null };
}

function isBlankActor(row: ActorRow): boolean {
  return row.name.trim() === "";
}

function isBlankSource(row: SourceRow): boolean {
  return [
    row.url,
    row.title,
    row.publisher,
    row.published,
    row.quote,
    row.reportedDate,
    row.reportedPlace,
    row.archivedUrl,
    row.archivedAt,
  ].every((value) => value.trim() === "");
}

function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

/** The tags the form stands for: its chips plus a draft not yet turned into one, trimmed, without repeats. */
export function formTags(form: Pick<EventForm, "tags" | "tagDraft">): string[] {
  const out: string[] = [];
  for (const tag of [...form.tags, form.tagDraft]) {
    const text = tag.trim();
    if (text !== "" && !out.includes(text)) out.push(text);
  }
  return out;
}

export interface Conversion {
  /** Null when the form has errors the backend need not be asked about. */
  event: Event | null;
  errors: FieldErrors;
  rows: RowMaps;
}

/**
 * The Event to send, with exactly the backend's keys. Checks here only what the form alone
 * can tell (a title, a complete date, a kind, a readable published date); the backend checks
 * the rest (URLs, end before start, repeated sources) and names the field.
 */
export function eventFromForm(form: EventForm): Conversion {
  const errors: FieldErrors = new Map();
  const title = form.title.trim();
  if (title === "") errors.set("title", "Give the event a title.");

  const start = dateText(form.start);
  if (start.error) errors.set("start", start.error);
  const end = dateText(form.end);
  if (end.error) errors.set("end", end.error);

  if (!isKind(form.kind)) errors.set("kind", "Choose what kind of event this is.");

  const actors: Actor[] = [];
  const actorRows: number[] = [];
  form.actors.forEach((row, index) => {
    if (isBlankActor(row)) return;
    const actor: Actor = { name: row.name.trim(), side: row.side };
    if (row.nameZh.trim() !== "") actor.name_zh = row.nameZh.trim();
    if (row.pinyin.trim() !== "") actor.pinyin = row.pinyin.trim();
    actors.push(actor);
    actorRows.push(index);
  });

  const sources: Source[] = [];
  const sourceRows: number[] = [];
  form.sources.forEach((row, index) => {
    if (isBlankSource(row)) return;
    const source: Source = { url: row.url.trim(), title: row.title.trim(), publisher: row.publisher.trim() };
    const published = row.published.trim();
    if (published !== "") {
      if (!parsePartialDate(published)) {
        errors.set(`sources.${index}.published`, "Write a year, a month or a day: 2023, 2023-11 or 2023-11-15.");
      } else {
        source.published = published;
      }
    }
    const quote = row.quote.trim();
    if (quote !== "") source.quote = quote;
    for (const [key, field] of [
      ["reportedDate", "reported_date"],
      ["archivedAt", "archived_at"],
    ] as const) {
      const text = row[key].trim();
      if (text === "") continue;
      if (!parsePartialDate(text)) {
        errors.set(`sources.${index}.${key}`, "Write a year, a month or a day: 2023, 2023-11 or 2023-11-15.");
      } else {
        source[field] = text;
      }
    }
    const place = row.reportedPlace.trim();
    if (place !== "") source.reported_place = place;
    const archived = row.archivedUrl.trim();
    if (archived !== "") source.archived_url = archived;
    sources.push(source);
    sourceRows.push(index);
  });

  const rows: RowMaps = { actors: actorRows, sources: sourceRows };
  if (errors.size > 0 || start.text === null || !isKind(form.kind)) return { event: null, errors, rows };

  const event: Event = {
    id: form.id,
    title,
    summary: form.summary.trim(),
    start: start.text,
    kind: form.kind,
    actors,
    tags: formTags(form),
    sources,
  };
  if (end.text !== null) event.end = end.text;
  const titleZh = form.titleZh.trim();
  if (titleZh !== "") event.title_zh = titleZh;
  const location = form.location.trim();
  if (location !== "") event.location = location;
  if (form.links.length > 0) event.links = form.links.map(({ relation, target }): Link => ({ relation, target }));
  return { event, errors, rows };
}

/** Whether the user typed anything since the form was opened (the dialog asks before discarding). */
export function isDirty(initial: EventForm, current: EventForm): boolean {
  return comparable(initial) !== comparable(current);
}

function comparable(form: EventForm): string {
  return JSON.stringify({
    ...form,
    start: { ...form.start, original: undefined },
    end: { ...form.end, original: undefined },
    sources: form.sources.map((source) => ({ ...source, publisherGuessed: undefined })),
    links: form.links.map((link) => ({ ...link, title: undefined })),
  });
}
