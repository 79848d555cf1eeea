// The filter the user has set, as chips and as the backend's `Filter`; saved in localStorage
// so it survives a restart. Pure functions: the filter bar and popover only render them.
import type { Filter, Kind, Origin, Side, Verification } from "../api/types";
import { formatPartialDate } from "../format/date";
import { KINDS, SIDES, VERIFICATIONS, kindLabel, sideLabel, verificationLabel } from "../format/labels";
import { parsePartialDate, partialDateSpan } from "../format/partial-date";

export type ListField = "kinds" | "sides" | "actors" | "tags";
export type DateField = "from" | "to";
export type FilterField = ListField | DateField | "origins" | "verification" | "thread";

export interface FilterChip {
  field: FilterField;
  value: string;
  /** What the chip says, e.g. "Kind: Summit", "From: Nov 2023". */
  label: string;
}

export const STORAGE_KEY = "bilateral.filter.v1";

/** Every origin but GDELT's: the events people chose, shipped or their own. */
const CURATED_ORIGINS: Origin[] = ["dataset", "user"];
const ORIGINS: readonly Origin[] = [...CURATED_ORIGINS, "gdelt"];

/** Whether events imported from GDELT are shown (no origin filter, or one that names gdelt). */
export function includesGdelt(filter: Filter): boolean {
  return filter.origins === undefined || filter.origins.length === 0 || filter.origins.includes("gdelt");
}

/** Whether the filter keeps events of every origin (none named, or all of them). */
function everyOrigin(filter: Filter): boolean {
  return filter.origins === undefined || ORIGINS.every((origin) => filter.origins?.includes(origin));
}

/** Shows or hides events imported from GDELT: one origin filter. */
export function setIncludeGdelt(filter: Filter, on: boolean): Filter {
  const next = copy(filter);
  if (on) delete next.origins;
  else next.origins = [...CURATED_ORIGINS];
  return next;
}

/** Whether only events imported from GDELT are shown: to look at an import of them, or to select it all. */
export function onlyGdelt(filter: Filter): boolean {
  return filter.origins !== undefined && filter.origins.length === 1 && filter.origins[0] === "gdelt";
}

/** Shows only the events imported from GDELT, or every origin again. */
export function setOnlyGdelt(filter: Filter, on: boolean): Filter {
  const next = copy(filter);
  if (on) next.origins = ["gdelt"];
  else delete next.origins;
  return next;
}

export function emptyFilter(): Filter {
  return { kinds: [], sides: [], actors: [], tags: [] };
}

export function isEmptyFilter(filter: Filter): boolean {
  return (
    filter.kinds.length === 0 &&
    filter.sides.length === 0 &&
    filter.actors.length === 0 &&
    filter.tags.length === 0 &&
    everyOrigin(filter) &&
    (filter.verification === undefined || filter.verification.length === 0) &&
    filter.from === undefined &&
    filter.to === undefined &&
    filter.thread === undefined
  );
}

const FIELD_NAMES: Record<FilterField, string> = {
  kinds: "Kind",
  sides: "Side",
  actors: "Actor",
  tags: "Tag",
  origins: "Hidden",
  verification: "Sources",
  from: "From",
  to: "To",
  thread: "Thread of",
};

export function fieldName(field: FilterField): string {
  return FIELD_NAMES[field];
}

function valueLabel(field: FilterField, value: string): string {
  switch (field) {
    case "kinds":
      return kindLabel(value);
    case "sides":
      return sideLabel(value);
    case "from":
    case "to":
      return formatPartialDate(value);
    case "origins":
      return "GDELT events";
    case "verification":
      return verificationLabel(value as Verification);
    default:
      return value;
  }
}

/**
 * One chip per value, in a fixed order of fields: kinds, sides, actors, tags, from, to, and
 * last the thread ("Thread of <title>"; its id until the title is known).
 */
export function filterChips(filter: Filter, threadTitle: (id: string) => string | null = () => null): FilterChip[] {
  const chips: FilterChip[] = [];
  const push = (field: FilterField, value: string): void => {
    chips.push({ field, value, label: `${fieldName(field)}: ${valueLabel(field, value)}` });
  };
  for (const kind of filter.kinds) push("kinds", kind);
  for (const side of filter.sides) push("sides", side);
  for (const actor of filter.actors) push("actors", actor);
  for (const tag of filter.tags) push("tags", tag);
  if (!includesGdelt(filter)) push("origins", "gdelt");
  if (onlyGdelt(filter)) chips.push({ field: "origins", value: "gdelt-only", label: "Only: GDELT events" });
  for (const state of filter.verification ?? []) push("verification", state);
  if (filter.from !== undefined) push("from", filter.from);
  if (filter.to !== undefined) push("to", filter.to);
  if (filter.thread !== undefined) {
    chips.push({ field: "thread", value: filter.thread, label: `Thread of ${threadTitle(filter.thread) ?? filter.thread}` });
  }
  return chips;
}

function copy(filter: Filter): Filter {
  const next: Filter = {
    kinds: [...filter.kinds],
    sides: [...filter.sides],
    actors: [...filter.actors],
    tags: [...filter.tags],
  };
  if (filter.origins !== undefined && filter.origins.length > 0) next.origins = [...filter.origins];
  if (filter.verification !== undefined && filter.verification.length > 0) next.verification = [...filter.verification];
  if (filter.from !== undefined) next.from = filter.from;
  if (filter.to !== undefined) next.to = filter.to;
  if (filter.thread !== undefined) next.thread = filter.thread;
  return next;
}

/** The filter narrowed to the thread of event `id`; the other choices stay. */
export function showThread(filter: Filter, id: string): Filter {
  const next = copy(filter);
  next.thread = id;
  return next;
}

export function removeChip(filter: Filter, chip: Pick<FilterChip, "field" | "value">): Filter {
  const next = copy(filter);
  switch (chip.field) {
    case "kinds":
      next.kinds = next.kinds.filter((kind) => kind !== chip.value);
      break;
    case "sides":
      next.sides = next.sides.filter((side) => side !== chip.value);
      break;
    case "actors":
      next.actors = next.actors.filter((actor) => actor !== chip.value);
      break;
    case "tags":
      next.tags = next.tags.filter((tag) => tag !== chip.value);
      break;
    case "origins":
      delete next.origins;
      break;
    case "verification": {
      const rest = (next.verification ?? []).filter((state) => state !== chip.value);
      if (rest.length > 0) next.verification = rest;
      else delete next.verification;
      break;
    }
    case "from":
      delete next.from;
      break;
    case "to":
      delete next.to;
      break;
    case "thread":
      delete next.thread;
      break;
  }
  return next;
}

function isOrigin(value: unknown): value is Origin {
  return typeof value === "string" && (ORIGINS as readonly string[]).includes(value);
}

function isKind(value: unknown): value is Kind {
  return typeof value === "string" && (KINDS as readonly string[]).includes(value);
}

function isVerification(value: unknown): value is Verification {
  return typeof value === "string" && (VERIFICATIONS as readonly string[]).includes(value);
}

/** Adds or removes one verification state. */
export function toggleVerification(filter: Filter, state: Verification, on: boolean): Filter {
  if (!on) return removeChip(filter, { field: "verification", value: state });
  const next = copy(filter);
  const states = next.verification ?? [];
  if (!states.includes(state)) next.verification = [...states, state];
  return next;
}

function isSide(value: unknown): value is Side {
  return typeof value === "string" && (SIDES as readonly string[]).includes(value);
}

/** Adds one value to a list field (no duplicates, blank text ignored). */
export function addValue(filter: Filter, field: ListField, value: string): Filter {
  const next = copy(filter);
  const text = field === "actors" || field === "tags" ? value.trim() : value;
  if (text === "") return next;
  switch (field) {
    case "kinds":
      if (isKind(text) && !next.kinds.includes(text)) next.kinds.push(text);
      break;
    case "sides":
      if (isSide(text) && !next.sides.includes(text)) next.sides.push(text);
      break;
    case "actors":
      if (!next.actors.includes(text)) next.actors.push(text);
      break;
    case "tags":
      if (!next.tags.includes(text)) next.tags.push(text);
      break;
  }
  return next;
}

export function toggleValue(filter: Filter, field: "kinds" | "sides", value: string, on: boolean): Filter {
  return on ? addValue(filter, field, value) : removeChip(filter, { field, value });
}

/**
 * Sets or clears the from / to bound. Text that is not a partial date ("2023", "2023-11",
 * "2023-11-15") gives an error message and leaves the filter as it was.
 */
export function setDate(filter: Filter, field: DateField, text: string): { filter: Filter; error: string | null } {
  const value = text.trim();
  const next = copy(filter);
  if (value === "") {
    delete next[field];
    return { filter: next, error: null };
  }
  if (!parsePartialDate(value) || /[T ]/.test(value)) {
    return { filter, error: "Write a year, a month or a day: 2023, 2023-11 or 2023-11-15." };
  }
  next[field] = value;
  const from = next.from === undefined ? null : partialDateSpan(next.from);
  const to = next.to === undefined ? null : partialDateSpan(next.to);
  if (from && to && to.end <= from.start) {
    return { filter, error: "“To” is before “From”." };
  }
  return { filter: next, error: null };
}

/** The filter without one field's constraint: facet counts for that field ignore its own choices. */
export function withoutField(filter: Filter, field: ListField): Filter {
  const next = copy(filter);
  next[field] = [];
  return next;
}

/** What is saved for the next start: everything but the thread, a look at one event's chain for now. */
export function serialiseFilter(filter: Filter): string {
  const saved = copy(filter);
  delete saved.thread;
  return JSON.stringify({ version: 1, filter: saved });
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    if (typeof item === "string" && item.trim() !== "" && !out.includes(item.trim())) out.push(item.trim());
  }
  return out;
}

function dateOrUndefined(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return parsePartialDate(text) && !/[T ]/.test(text) ? text : undefined;
}

/** Reads what serialiseFilter wrote; anything unreadable or unknown is dropped, never thrown. */
export function parseFilter(text: string | null | undefined): Filter {
  if (!text) return emptyFilter();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return emptyFilter();
  }
  if (typeof data !== "object" || data === null) return emptyFilter();
  const record = data as { version?: unknown; filter?: unknown };
  if (record.version !== 1 || typeof record.filter !== "object" || record.filter === null) return emptyFilter();
  const raw = record.filter as Record<string, unknown>;
  const filter: Filter = {
    kinds: strings(raw.kinds).filter(isKind),
    sides: strings(raw.sides).filter(isSide),
    actors: strings(raw.actors),
    tags: strings(raw.tags),
  };
  const origins = strings(raw.origins).filter(isOrigin);
  if (origins.length > 0) filter.origins = origins;
  const verification = strings(raw.verification).filter(isVerification);
  if (verification.length > 0) filter.verification = verification;
  const from = dateOrUndefined(raw.from);
  const to = dateOrUndefined(raw.to);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  return filter;
}

/** The subset of Storage the app uses, so tests can pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadFilter(store: KeyValueStore | null): Filter {
  try {
    return parseFilter(store?.getItem(STORAGE_KEY));
  } catch {
    return emptyFilter();
  }
}

export function saveFilter(store: KeyValueStore | null, filter: Filter): void {
  try {
    store?.setItem(STORAGE_KEY, serialiseFilter(filter));
  } catch {
    // Storage full or disabled: the filter still applies for this session.
  }
}
