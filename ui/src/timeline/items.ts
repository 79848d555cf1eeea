// How an event is drawn, decided from its dates alone: a point for a day, a bar for a
// stretch of known days, a soft span for a date known only to the month or year.
import type { Precision, TimelineEvent } from "../api/types";
import { formatDateRange } from "../format/date";
import { eventSpan, parsePartialDate } from "../format/partial-date";

export type Shape = "point" | "bar" | "span";

export interface TimelineItem {
  id: string;
  event: TimelineEvent;
  /** [start, end) in UTC ms: the whole day, days, month or year the event covers. */
  start: number;
  end: number;
  shape: Shape;
  precision: Precision;
  /** The date at its real precision, e.g. "November 2023". */
  dateText: string;
}

export function shapeFor(start: Precision, hasUsableEnd: boolean): Shape {
  if (start !== "day") return "span";
  return hasUsableEnd ? "bar" : "point";
}

export function toItem(event: TimelineEvent): TimelineItem | null {
  const startParts = parsePartialDate(event.start);
  const covered = eventSpan(event.start, event.end);
  if (!startParts || !covered) return null;
  const endParts = event.end ? parsePartialDate(event.end) : null;
  const hasUsableEnd = endParts !== null && covered.end - covered.start > 86_400_000;
  return {
    id: event.id,
    event,
    start: covered.start,
    end: covered.end,
    shape: shapeFor(startParts.precision, hasUsableEnd),
    precision: startParts.precision,
    dateText: formatDateRange(event.start, event.end),
  };
}

/** The items for a list of events; events whose dates cannot be read are reported, not drawn. */
export function toItems(events: readonly TimelineEvent[]): { items: TimelineItem[]; unreadable: string[] } {
  const items: TimelineItem[] = [];
  const unreadable: string[] = [];
  for (const event of events) {
    const item = toItem(event);
    if (item) items.push(item);
    else unreadable.push(event.id);
  }
  return { items, unreadable };
}
