import { describe, expect, it } from "vitest";
import type { Change, Facets, Filter, StoredEvent } from "../src/api/types";
import { createAppState, sameMembers, type AppStateDeps } from "../src/state/app-state";
import { storedEvent } from "./support/stored-event";

function stored(id: string, title = `Event ${id}`): StoredEvent {
  return storedEvent({ id, title });
}

function facets(total: number): Facets {
  return { total, kinds: [], actors: [], tags: [], sides: [], verifications: [] };
}

/** Backend reads whose answers the test releases by hand, in any order. */
function pending(): AppStateDeps & {
  asked: { filter: Filter; answer: (value: Facets) => void }[];
  events: Map<string, (event: StoredEvent) => void>;
  errors: unknown[];
} {
  const asked: { filter: Filter; answer: (value: Facets) => void }[] = [];
  const events = new Map<string, (event: StoredEvent) => void>();
  const errors: unknown[] = [];
  return {
    asked,
    events,
    errors,
    facets: (filter) => new Promise((resolve) => asked.push({ filter, answer: resolve })),
    getEvent: (id) => new Promise((resolve) => events.set(id, resolve)),
    error: (error) => errors.push(error),
  };
}

const summits: Filter = { kinds: ["summit"], sides: [], actors: [], tags: [] };
const calls: Filter = { kinds: ["call"], sides: [], actors: [], tags: [] };
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function change(overrides: Partial<Change>): Change {
  return { kind: "edit", events: [], periods: 0, history: { can_undo: true, can_redo: false }, ...overrides };
}

describe("app state", () => {
  it("tells a subscriber when its part changes, and only then", () => {
    const state = createAppState({ filter: summits }, pending());
    const seen: (string | null)[] = [];
    state.watch(
      (s) => s.selected?.id ?? null,
      (id) => seen.push(id),
    );
    state.setViewMode("table");
    state.setHistory({ can_undo: true, can_redo: false });
    expect(seen, "changes elsewhere do not call the panel").toEqual([]);
    state.select(stored("a"));
    state.select(null);
    expect(seen).toEqual(["a", null]);
  });

  it("a tuple selector fires once for an update that changes several members", () => {
    const state = createAppState({ filter: summits }, pending());
    state.select(stored("a"));
    let calls = 0;
    state.watch((s) => [s.selected, s.revision] as const, () => (calls += 1), sameMembers);
    state.apply(change({ events: [{ id: "a", effect: "updated", event: stored("a", "Renamed") }] }));
    expect(calls, "one update, one reload of the links").toBe(1);
  });

  it("stops calling a subscriber once it unsubscribes", () => {
    const state = createAppState({ filter: summits }, pending());
    let calls = 0;
    const stop = state.watch(
      (s) => s.viewMode,
      () => (calls += 1),
    );
    state.setViewMode("table");
    stop();
    state.setViewMode("timeline");
    expect(calls).toBe(1);
  });

  it("drops the facets of a filter that was changed before they arrived", async () => {
    const deps = pending();
    const state = createAppState({ filter: summits }, deps);
    state.refreshFacets();
    state.setFilter(calls);
    const within = deps.asked.filter((ask) => ask.filter.kinds?.length);
    expect(within.map((ask) => ask.filter.kinds)).toEqual([["summit"], ["call"]]);
    within[1]?.answer(facets(7));
    await settle();
    within[0]?.answer(facets(19));
    await settle();
    expect(state.get().facets?.total, "the header counts calls, not the late answer for summits").toBe(7);
  });

  it("forgets the matching count as soon as the filter changes", async () => {
    const deps = pending();
    const state = createAppState({ filter: summits }, deps);
    state.refreshFacets();
    for (const ask of deps.asked) ask.answer(facets(19));
    await settle();
    expect(state.get().facets?.total).toBe(19);
    state.setFilter(calls);
    expect(state.get().facets, "no stale count while the new one is asked for").toBeNull();
  });

  it("a later selection wins over an earlier one still being fetched", async () => {
    const deps = pending();
    const state = createAppState({ filter: summits }, deps);
    const first = state.selectById("a");
    const second = state.selectById("b");
    deps.events.get("b")?.(stored("b"));
    await second;
    deps.events.get("a")?.(stored("a"));
    expect(await first, "the earlier answer is dropped").toBeNull();
    expect(state.get().selected?.id).toBe("b");
  });

  it("applies an edit's answer: the panel shows the stored event, the buttons the history", () => {
    const deps = pending();
    const state = createAppState({ filter: summits }, deps);
    state.select(stored("a"));
    const revision = state.get().revision;
    state.apply(
      change({
        events: [{ id: "a", effect: "updated", event: stored("a", "Renamed") }],
        history: { can_undo: true, can_redo: false },
      }),
    );
    expect(state.get().selected?.title).toBe("Renamed");
    expect(state.get().history).toEqual({ can_undo: true, can_redo: false });
    expect(state.get().revision, "what shows events reads them again, once").toBe(revision + 1);
    expect(deps.asked.length, "the facets are asked for once: all events and within the filter").toBe(2);
  });

  it("closes the panel when the open event is deleted, and leaves it for another event", () => {
    const state = createAppState({ filter: summits }, pending());
    state.select(stored("a"));
    state.apply(change({ events: [{ id: "b", effect: "deleted", event: null }] }));
    expect(state.get().selected?.id, "another event's delete keeps the panel").toBe("a");
    state.apply(change({ events: [{ id: "a", effect: "deleted", event: null }], history: { can_undo: true, can_redo: true } }));
    expect(state.get().selected).toBeNull();
    expect(state.get().history.can_redo).toBe(true);
  });

  it("reads the open event again when a bulk step changed it without carrying it", () => {
    const deps = pending();
    const state = createAppState({ filter: summits }, deps);
    state.select(stored("a"));
    state.apply(change({ kind: "import", events: [{ id: "a", effect: "updated", event: null }] }));
    expect(deps.events.has("a"), "the panel's event is fetched again").toBe(true);
  });
});
