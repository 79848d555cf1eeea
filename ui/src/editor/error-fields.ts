// Which input an error from the backend belongs to. The backend names fields by their path in
// the Event it received ("sources[1].url"); the Event's lists skip the form's blank rows, so
// the path's index is mapped back to the form row through the RowMaps of the conversion.
import type { FieldKey, RowMaps } from "./event-form";

const SIMPLE: Record<string, FieldKey> = {
  title: "title",
  title_zh: "title_zh",
  summary: "summary",
  start: "start",
  end: "end",
  kind: "kind",
  location: "location",
  tags: "tags",
  actors: "actors",
  sources: "sources",
};

/** The form's name for each field of an actor or source the backend may name. */
const ACTOR_FIELDS: Record<string, string> = { name: "name", side: "side", name_zh: "name_zh", pinyin: "pinyin" };
const SOURCE_FIELDS: Record<string, string> = {
  url: "url",
  title: "title",
  publisher: "publisher",
  published: "published",
  quote: "quote",
  reported_date: "reportedDate",
  reported_place: "reportedPlace",
  archived_url: "archivedUrl",
  archived_at: "archivedAt",
};

/**
 * The form field for a backend error path, or null when no single input is to blame (the
 * dialog then shows the message above the buttons).
 *
 *   "title"            → "title"
 *   "sources[1].url"   → "sources.<row>.url"
 *   "sources[1]"       → "sources.<row>"      (the source as a whole)
 *   "actors[0].name"   → "actors.<row>.name"
 *   "tags[2]"          → "tags"
 *   "start.year"       → "start"              (anything below a date is the date)
 */
export function fieldKeyForError(path: string | null | undefined, rows: RowMaps): FieldKey | null {
  if (!path) return null;
  const match = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?/.exec(path.trim());
  if (!match) return null;
  const [, head = "", indexText, child] = match;
  if (head === "actors" || head === "sources") {
    if (indexText === undefined) return head;
    const index = Number(indexText);
    const row = rows[head][index] ?? index;
    if (child === undefined) return `${head}.${row}`;
    const known = head === "actors" ? ACTOR_FIELDS : SOURCE_FIELDS;
    const field = known[child];
    return field !== undefined ? `${head}.${row}.${field}` : `${head}.${row}`;
  }
  return SIMPLE[head] ?? null;
}
