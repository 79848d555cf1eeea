// A stored event for tests: a user's summit on 15 November 2023 with nothing else, and
// whatever the test gives in place of that.
import type { StoredEvent } from "../../src/api/types";

export function storedEvent(given: Partial<StoredEvent> & { id: string }): StoredEvent {
  return {
    title: `Event ${given.id}`,
    summary: "",
    start: "2023-11-15",
    kind: "summit",
    actors: [],
    tags: [],
    sources: [],
    origin: "user",
    edited: false,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...given,
  };
}
