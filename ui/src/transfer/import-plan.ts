// An import as the user sees it before and while it is written: the file and its format, the
// counts, every rejected row with its place, field and reason, and the progress bar's share.
// Pure functions; the import dialog only renders them.
import type { Field, FilePlace, ImportPlan, ImportReading, TransferProgress, ImportReport, Rejected } from "../api/types";
import { eventCount } from "./export-request";

const FORMAT_NAMES: Record<string, string> = {
  json: "Bilateral JSON",
  csv: "CSV",
  ics: "iCalendar",
  timelinejs: "TimelineJS",
  "timelinejs-csv": "TimelineJS sheet (CSV)",
  gdelt: "GDELT events",
};

export function importFormatName(format: string): string {
  return FORMAT_NAMES[format] ?? format;
}

/**
 * "line 12" for text formats (1-based, from the backend), "item 3" for a list (0-based there, counted from 1 here);
 * "1979.csv, line 12" when one import reads several files.
 */
export function rejectionPlace(at: FilePlace, file?: string): string {
  const place = "line" in at ? `line ${at.line}` : `item ${at.item + 1}`;
  return file ? `${file}, ${place}` : place;
}

/** The field at fault; `event` stands for the row or item as a whole. */
export function rejectionField(field: string): string {
  return field === "event" || field === "" ? "whole event" : field;
}

export interface RejectionRow {
  /** Where, whole: "1979.csv, line 4" or "line 4". */
  place: string;
  /** The file, when one import reads several, and where in it: shown on two lines. */
  file?: string;
  within: string;
  field: string;
  message: string;
}

/**
 * The rejections in the order of the file (line or item), as the table shows them; with several files, file by
 * file in the order they were read, since line 3 of one is not near line 3 of another.
 */
export function rejectionRows(rejected: readonly Rejected[]): RejectionRow[] {
  const files = new Map<string, number>();
  for (const { file } of rejected) if (file !== undefined && !files.has(file)) files.set(file, files.size);
  const fileOrder = (entry: Rejected): number => (entry.file === undefined ? -1 : (files.get(entry.file) ?? 0));
  const order = (at: FilePlace): number => ("line" in at ? at.line : at.item);
  return [...rejected]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => fileOrder(a.entry) - fileOrder(b.entry) || order(a.entry.at) - order(b.entry.at) || a.index - b.index)
    .map(({ entry }) => ({
      place: rejectionPlace(entry.at, entry.file),
      ...(entry.file === undefined ? {} : { file: entry.file }),
      within: rejectionPlace(entry.at),
      field: rejectionField(entry.field),
      message: entry.message,
    }));
}

/** Events the import would write or keep: everything read that was not rejected. */
export function importableCount(plan: ImportPlan): number {
  return plan.new + plan.updated + plan.unchanged;
}

/**
 * Why the Import button is disabled, or null when the import may go ahead: with rows rejected, only once the user
 * chose to leave them out (`skipRejected`).
 */
export function blockedReason(plan: ImportPlan, skipRejected = false): string | null {
  const rejected = plan.rejected_count;
  if (rejected > 0 && !skipRejected) {
    const rows = rejected === 1 ? "One row has a problem" : `${rejected.toLocaleString("en-US")} rows have problems`;
    const them = rejected === 1 ? "it" : "them";
    const rest = canLeaveOut(plan) ? `, or leave ${them} out and import the rest` : "";
    return `${rows}. Nothing will be written until the file is fixed: correct ${them} and import the file again${rest}.`;
  }
  // A file may carry only periods of yours, or unchanged events and periods.
  if (plan.periods > 0) return null;
  if (importableCount(plan) === 0) return "The file holds no events.";
  if (plan.new + plan.updated === 0) return "Every event in the file is already in the timeline, unchanged.";
  return null;
}

export function importButtonLabel(plan: ImportPlan): string {
  if (plan.periods === 0) return `Import ${eventCount(importableCount(plan))}`;
  const periods = `${plan.periods.toLocaleString("en-US")} ${plan.periods === 1 ? "period" : "periods"}`;
  return importableCount(plan) === 0 ? `Import ${periods}` : `Import ${eventCount(importableCount(plan))} and ${periods}`;
}

/**
 * Whether every event is written and the import is finishing: filling the search index,
 * building indexes and recounting before it commits (half a minute at a million events; a
 * cancel still writes nothing).
 */
export function isFinishing(progress: TransferProgress | null): boolean {
  return progress !== null && progress.total > 0 && progress.done >= progress.total;
}

/**
 * What the progress bar says to a screen reader and under the bar: "Importing… 1,200 of
 * 20,000 events", then "Finishing… indexing 20,000 events for search".
 */
export function progressText(progress: TransferProgress | null, total: number): string {
  const done = progress?.done ?? 0;
  const of = progress?.total ?? total;
  if (isFinishing(progress)) return `Finishing… indexing ${eventCount(of)} for search`;
  return `Importing… ${done.toLocaleString("en-US")} of ${eventCount(of)}`;
}

/** What the dialog says while the chosen file (or files) is read, before the preview. */
export function readingText(reading: ImportReading, cancelling: boolean): string {
  if (cancelling) return "Cancelling… nothing will be written";
  if (reading.files > 1) return `Reading… ${reading.files_done.toLocaleString("en-US")} of ${reading.files.toLocaleString("en-US")} files`;
  if (reading.items === 0) return "Reading…";
  // GDELT exports count rows: most are between other countries and left out.
  if (reading.unit === "rows") return `Reading… ${counted(reading.items, "row", "rows")} so far`;
  return `Reading… ${eventCount(reading.items)} so far`;
}

/** Whether rejected rows can be left out: something else in the file would be imported. */
export function canLeaveOut(plan: ImportPlan): boolean {
  return plan.rejected_count > 0 && importableCount(plan) + plan.periods > 0;
}

/** What the choice to import the rest says: "Leave out the row listed below…". */
export function skipLabel(plan: ImportPlan): string {
  const rejected = plan.rejected_count;
  const rows = rejected === 1 ? "the row" : `the ${rejected.toLocaleString("en-US")} rows`;
  const where = plan.rejected.length < rejected ? "with problems" : "listed below";
  return `Leave out ${rows} ${where} and import the rest`;
}

/** Above the table when it lists only the first of the rejected rows; null when it lists them all. */
export function unlistedNote(plan: ImportPlan): string | null {
  const listed = plan.rejected.length;
  if (listed >= plan.rejected_count) return null;
  return `The first ${listed.toLocaleString("en-US")} of ${plan.rejected_count.toLocaleString("en-US")} rows with problems are listed.`;
}

/** The toast after a successful import; says whether one Undo takes it all back. */
export function importedMessage(report: ImportReport): string {
  const unchanged = report.unchanged > 0 ? `, ${report.unchanged.toLocaleString("en-US")} unchanged` : "";
  const changed = report.created + report.updated + report.periods > 0;
  const periods = report.periods > 0 ? `, ${report.periods.toLocaleString("en-US")} ${report.periods === 1 ? "period" : "periods"}` : "";
  const undo = !changed ? "" : report.undoable ? " · Undo takes it all back" : " · too large to undo in one step";
  const skipped = report.skipped > 0 ? `, ${counted(report.skipped, "row", "rows")} left out` : "";
  return `Imported: ${report.created.toLocaleString("en-US")} new, ${report.updated.toLocaleString("en-US")} updated${unchanged}${periods}${skipped}${undo}`;
}

const FIELD_NAMES: Record<Field, string> = {
  title: "titles",
  chinese_title: "Chinese titles",
  summary: "summaries",
  dates: "dates",
  kind: "kinds",
  actors: "actors",
  location: "locations",
  tags: "tags",
  sources: "sources",
  source_links: "links (added as sources)",
  links: "links between events",
};

/** Every field of an event; a format that carries them all replaces what it updates. */
const ALL_FIELDS: readonly Field[] = [
  "title",
  "chinese_title",
  "summary",
  "dates",
  "kind",
  "actors",
  "location",
  "tags",
  "sources",
  "links",
];

function listed(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * What a lossy format will change in events already stored, and what it keeps; null for a
 * format that carries every field.
 */
export function fieldsNote(plan: ImportPlan): string | null {
  const missing = ALL_FIELDS.filter((f) => !plan.fields.includes(f));
  if (missing.length === 0) return null;
  const kept = missing.map((f) => (f === "sources" && plan.fields.includes("source_links") ? "source details" : FIELD_NAMES[f]));
  return `${importFormatName(plan.format)} can set ${listed(plan.fields.map((f) => FIELD_NAMES[f]))}. Events already in the timeline keep their ${listed(kept)}.`;
}

function counted(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/**
 * What became of the rows of GDELT exports, which the event counts cannot say: most rows are
 * between other countries and left out. Null for other formats.
 */
export function gdeltNote(plan: ImportPlan): string | null {
  const t = plan.gdelt;
  if (!t) return null;
  const from = t.files > 1 ? ` from ${counted(t.files, "file", "files")}` : "";
  const parts = [
    `${counted(t.kept, "row", "rows")} between the US and China kept`,
    `${counted(t.elsewhere, "row", "rows")} between other actors left out`,
  ];
  if (t.sources_left_out > 0) parts.push(`${t.sources_left_out.toLocaleString("en-US")} kept without a source (not a web link)`);
  if (t.from_backfile > 0) {
    parts.push(`${t.from_backfile.toLocaleString("en-US")} from GDELT 1.0 historical files kept without a source (those files name none)`);
  }
  if (t.repeated > 0) parts.push(`${counted(t.repeated, "row", "rows")} already read from another file, kept once`);
  return `Read ${counted(t.rows, "row", "rows")}${from}: ${listed(parts)}.`;
}

export interface DuplicateRow {
  place: string;
  title: string;
  existing: string;
}

/** New events that look like ones already stored, in file order. */
export function duplicateRows(plan: ImportPlan): DuplicateRow[] {
  return plan.duplicates.map((d) => ({ place: rejectionPlace(d.at), title: d.title, existing: d.existing_title }));
}

export const CANCELLED_MESSAGE = "Import cancelled — nothing was written";

/** Before the usual toast when a cancel came too late: the import was already committing. */
export const TOO_LATE_PREFIX = "Too late to cancel, the import had finished. ";
