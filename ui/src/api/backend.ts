// The only module that talks to the Rust backend. Argument names match the
// #[tauri::command] signatures in src-tauri/src/commands.rs exactly.
import { invoke } from "@tauri-apps/api/core";
import { BackendError, toErrorPayload } from "./errors";
import type { Extent, StoredEvent, Window, WindowQuery } from "./types";

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw new BackendError(toErrorPayload(error, command));
  }
}

/** Events overlapping [query.from, query.to], with density buckets when there are too many. */
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

/** Opens an http(s) URL in the system browser; the backend refuses anything else. */
export function openSource(url: string): Promise<void> {
  return call<void>("open_source", { url });
}
