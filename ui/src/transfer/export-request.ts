// What an export covers and in which format, as the backend's ExportRequest: the formats the
// dialog offers, the picture size, and "the current view" (the active filters within the
// visible date range), every event, or the selected event. Pure functions; the dialog only renders them.
import type { ExportRequest, Filter, TransferProgress } from "../api/types";
import { isoDay, partialDateSpan } from "../format/partial-date";
import { EXPORT_LIMITS } from "../generated/vocabulary";
import { emptyFilter } from "../panels/filter-model";
import type { Domain } from "../timeline/scale";

export type ExportFormat = "json" | "csv" | "md" | "ics" | "timelinejs" | "html" | "svg" | "png" | "pdf";

export interface FormatChoice {
  value: ExportFormat;
  label: string;
  /** One line under the label: what the file is for. */
  description: string;
  /** A picture of the timeline, drawn at a chosen width × height. */
  picture: boolean;
}

export const EXPORT_FORMATS: readonly FormatChoice[] = [
  { value: "json", label: "Bilateral JSON", description: "Lossless, for another Bilateral", picture: false },
  { value: "csv", label: "CSV", description: "For spreadsheets", picture: false },
  { value: "md", label: "Markdown", description: "A chronology for a report", picture: false },
  { value: "ics", label: "iCalendar", description: "The events in a calendar", picture: false },
  { value: "timelinejs", label: "TimelineJS", description: "For TimelineJS3", picture: false },
  { value: "html", label: "Web page", description: "One self-contained HTML file", picture: false },
  { value: "svg", label: "SVG picture", description: "The timeline as a scalable picture", picture: true },
  { value: "png", label: "PNG picture", description: "The timeline as an image", picture: true },
  { value: "pdf", label: "PDF document", description: "A printable chronology with sources", picture: false },
];

export function formatChoice(value: string): FormatChoice | undefined {
  return EXPORT_FORMATS.find((choice) => choice.value === value);
}

export const DEFAULT_SIZE = { width: 1600, height: 900 } as const;
/** What the backend accepts (it clamps to these; the dialog says so instead). */
export const SIZE_LIMITS = {
  width: { min: EXPORT_LIMITS.minImageWidth, max: EXPORT_LIMITS.maxImageSide },
  height: { min: EXPORT_LIMITS.minImageHeight, max: EXPORT_LIMITS.maxImageSide },
} as const;

/**
 * Why `count` events cannot be exported as `format` (a document laid out whole holds at most
 * so many), or null when they can. The backend refuses the same.
 */
export function tooManyFor(format: ExportFormat, count: number): string | null {
  const most = format === "pdf" ? EXPORT_LIMITS.mostEvents.pdf : format === "html" ? EXPORT_LIMITS.mostEvents.html : null;
  if (most === null || count <= most) return null;
  const what = format === "pdf" ? "A PDF" : "A web page";
  return `${what} holds at most ${most.toLocaleString("en-US")} events, and these are ${count.toLocaleString("en-US")}. Narrow the view or the filters, or choose JSON or CSV.`;
}

/** A typed picture dimension as pixels, or the sentence explaining what is wrong. */
export function parseSize(text: string, dimension: "width" | "height"): { value: number } | { error: string } {
  const { min, max } = SIZE_LIMITS[dimension];
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: `Write the ${dimension} in pixels, ${min} to ${max}.` };
  const value = Number(trimmed);
  if (value < min || value > max) return { error: `The ${dimension} must be ${min} to ${max} pixels.` };
  return { value };
}

/** "The current view", every event in the database, or the one selected event. */
export type ExportScope = "view" | "all" | "selected";

/**
 * The filter for "the current view": the user's filter with its date range narrowed to the
 * visible days (ISO "YYYY-MM-DD", inclusive, as the backend compares days). An event counts
 * when it overlaps both the filter's range and the view, which is what the timeline draws.
 * Null when no day lies in both.
 */
export function viewFilter(filter: Filter, domain: Domain): Filter | null {
  let from = isoDay(domain[0]);
  let to = isoDay(domain[1] - 1);
  const own = {
    from: filter.from === undefined ? null : partialDateSpan(filter.from),
    to: filter.to === undefined ? null : partialDateSpan(filter.to),
  };
  // ISO days of four-digit years sort as text.
  if (own.from) {
    const first = isoDay(own.from.start);
    if (first > from) from = first;
  }
  if (own.to) {
    const last = isoDay(own.to.end - 1);
    if (last < to) to = last;
  }
  if (from > to) return null;
  // Everything else the user chose (origins, verification, a thread) goes along: the export
  // holds what the timeline draws.
  return { ...filter, from, to };
}

export interface ExportChoice {
  format: ExportFormat;
  scope: ExportScope;
  /** Pixels; sent for pictures only. */
  width: number;
  height: number;
}

export interface ExportContext {
  filter: Filter;
  /** The visible time range of the timeline. */
  domain: Domain;
  /** The event open in the detail panel, if any. */
  selectedId: string | null;
}

/**
 * The request for the backend, or null when there is nothing to export (the selected event
 * was asked for but none is selected, or the view and the filter share no day).
 */
export function exportRequest(choice: ExportChoice, context: ExportContext): ExportRequest | null {
  const size = formatChoice(choice.format)?.picture ? { width: choice.width, height: choice.height } : {};
  if (choice.scope === "all") return { format: choice.format, ids: [], filter: emptyFilter(), ...size };
  if (choice.scope === "selected") {
    if (!context.selectedId) return null;
    return { format: choice.format, ids: [context.selectedId], filter: emptyFilter(), ...size };
  }
  const filter = viewFilter(context.filter, context.domain);
  if (!filter) return null;
  return { format: choice.format, ids: [], filter, ...size };
}

/** The last part of a path, whichever separator the system uses. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

export function eventCount(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "event" : "events"}`;
}

/** The toast after a successful export. */
export function exportedMessage(count: number, path: string): string {
  return `Exported ${eventCount(count)} to ${fileName(path)}`;
}

/** What the progress bar says while the file is written. */
export function exportProgressText(progress: TransferProgress): string {
  return `Exporting… ${progress.done.toLocaleString("en-US")} of ${eventCount(progress.total)}`;
}

export const EXPORT_CANCELLED_MESSAGE = "Export cancelled — no file was written";

/** What the export dialog remembers between runs (localStorage), read defensively. */
export const EXPORT_STORAGE_KEY = "bilateral.export.v1";

export interface RememberedExport {
  format: ExportFormat;
  width: number;
  height: number;
}

export function parseRemembered(text: string | null | undefined): RememberedExport {
  const fallback: RememberedExport = { format: "json", ...DEFAULT_SIZE };
  if (!text) return fallback;
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (typeof data !== "object" || data === null) return fallback;
    const format = typeof data.format === "string" ? formatChoice(data.format)?.value : undefined;
    const width = typeof data.width === "number" ? parseSize(String(data.width), "width") : null;
    const height = typeof data.height === "number" ? parseSize(String(data.height), "height") : null;
    return {
      format: format ?? fallback.format,
      width: width && "value" in width ? width.value : fallback.width,
      height: height && "value" in height ? height.value : fallback.height,
    };
  } catch {
    return fallback;
  }
}
