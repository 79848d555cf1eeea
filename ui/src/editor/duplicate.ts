// "Duplicate": a new event filled from a stored one — same dates, kind, actors, location, tags,
// sources and summary — titled "… (copy)" so the two are told apart. It has no id (the store
// gives it one when it is saved) and no links: those relate the original to other events.
import type { Event, StoredEvent } from "../api/types";

export const COPY_SUFFIX = " (copy)";

export function duplicateOf(event: StoredEvent | Event): Event {
  const copy: Event = {
    id: "",
    title: `${event.title}${COPY_SUFFIX}`,
    summary: event.summary,
    start: event.start,
    kind: event.kind,
    actors: event.actors.map((actor) => ({ ...actor })),
    tags: [...event.tags],
    sources: event.sources.map((source) => ({ ...source })),
  };
  if (event.end !== undefined) copy.end = event.end;
  if (event.title_zh !== undefined) copy.title_zh = event.title_zh;
  if (event.location !== undefined) copy.location = event.location;
  return copy;
}
