// The only module that talks to the Rust backend. Argument names match the
// #[tauri::command] signatures in src-tauri/src/commands.rs exactly.
import { invoke } from "@tauri-apps/api/core";
import { BackendError, toErrorPayload } from "./errors";
import type {
  Event,
  Extent,
  Facets,
  Filter,
  Replayed,
  SearchHit,
  SearchQuery,
  StoredEvent,
  Window,
  WindowQuery,
} from "./types";

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw new BackendError(toErrorPayload(error, command));
  }
}

/** Events overlapping [query.from, query.to] (and matching query.filter), with density buckets when there are too many. */
export function windowEvents(query: WindowQuery): Promise<Window> {
  return call<Window>("window_events", { query });
}

/** The span of all events, or null when the store is empty. */
export function extent(): Promise<Extent | null> {
  return call<Extent | null>("extent", {});
}

export function getEvent(id: string): Promise<StoredEvent> {
  return call<StoredEvent>("get_event", { id });
}

/** Ranked full-text hits; matched terms in `snippet` sit between U+0002 and U+0003. */
export function search(query: SearchQuery): Promise<SearchHit[]> {
  return call<SearchHit[]>("search", { query });
}

/** Kinds, actors and tags of the events matching `filter`, with counts. */
export function facets(filter: Filter): Promise<Facets> {
  return call<Facets>("facets", { filter });
}

/** Stores a new event; send `id: ""` and the backend assigns a UUID v7. */
export function createEvent(event: Event): Promise<StoredEvent> {
  return call<StoredEvent>("create_event", { event });
}

/** Replaces an event (a shipped one becomes `edited`). */
export function updateEvent(event: Event): Promise<StoredEvent> {
  return call<StoredEvent>("update_event", { event });
}

export function deleteEvent(id: string): Promise<null> {
  return call<null>("delete_event", { id });
}

/** Undoes the last write of this session; null when there is nothing to undo. */
export function undo(): Promise<Replayed | null> {
  return call<Replayed | null>("undo", {});
}

/** Redoes the last undone write; null when there is nothing to redo. */
export function redo(): Promise<Replayed | null> {
  return call<Replayed | null>("redo", {});
}

/** Opens an http(s) URL in the system browser; the backend refuses anything else. */
export function openSource(url: string): Promise<void> {
  return call<void>("open_source", { url });
}
