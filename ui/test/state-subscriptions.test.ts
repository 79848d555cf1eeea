import { describe, expect, it } from "vitest";
import type { Facets, Filter, StoredEvent } from "../src/api/types";
import { emptyFilter } from "../src/panels/filter-model";
import { createAppState } from "../src/state/app-state";
import { followState, type StateViews } from "../src/state/subscriptions";
import { storedEvent } from "./support/stored-event";

function stored(id: string, title = `Event ${id}`): StoredEvent {
  return storedEvent({ id, title });
}

const facets: Facets = { total: 19, kinds: [], actors: [{ name: "Xi Jinping", side: "china", count: 3 }], tags: [], sides: [], verifications: [] };

/** Views that write down every call they get. */
function recordingViews(): { views: StateViews; calls: string[] } {
  const calls: string[] = [];
  const note =
    (name: string) =>
    (...args: unknown[]): void => {
      calls.push(args.length > 0 && args[0] !== undefined ? `${name} ${JSON.stringify(args[0])}` : name);
    };
  const views: StateViews = {
    timeline: {
      setFilter: note("timeline.setFilter"),
      setSelected: note("timeline.setSelected"),
      syncSize: note("timeline.syncSize"),
      reload: note("timeline.reload"),
      setActorRank: (rank) => calls.push(`timeline.setActorRank ${[...rank.keys()].join()}`),
    },
    table: { setFilter: note("table.setFilter"), setSelected: note("table.setSelected"), reload: note("table.reload") },
    detail: { show: (event) => calls.push(`detail.show ${event.title}`), hide: note("detail.hide") },
    filters: { set: note("filters.set") },
    search: { refresh: note("search.refresh") },
    arrows: { forget: note("arrows.forget") },
    links: note("links"),
    count: (text) => calls.push(`count ${text.count}`),
    history: note("history"),
    viewMode: note("viewMode"),
    saveFilter: note("saveFilter"),
  };
  return { views, calls };
}

const summits: Filter = { kinds: ["summit"], sides: [], actors: [], tags: [] };
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("the views follow the store", () => {
  it("an edit's answer updates the panel and buttons and reloads each view once, with no other request", async () => {
    const asked: string[] = [];
    const state = createAppState(
      { filter: summits },
      {
        facets: (filter) => {
          asked.push(`facets ${JSON.stringify(filter.kinds)}`);
          return Promise.resolve(facets);
        },
        getEvent: (id) => {
          asked.push(`getEvent ${id}`);
          return Promise.resolve(stored(id));
        },
        error: (error) => {
          throw error;
        },
      },
    );
    const { views, calls } = recordingViews();
    followState(state, views);
    state.select(stored("a"));
    calls.length = 0;

    state.apply({
      kind: "edit",
      events: [{ id: "a", effect: "updated", event: stored("a", "Renamed") }],
      periods: 0,
      history: { can_undo: true, can_redo: false },
    });
    await settle();
    expect(calls).toEqual([
      "detail.show Renamed",
      'timeline.setSelected "a"',
      'table.setSelected "a"',
      'links "a"',
      "arrows.forget",
      "timeline.reload",
      "table.reload",
      "search.refresh",
      'history {"can_undo":true,"can_redo":false}',
      "timeline.setActorRank Xi Jinping",
    ]);
    expect(asked, "the facets once each (all, within the filter); no history, no event re-read").toEqual(["facets []", 'facets ["summit"]']);
  });

  it("a filter change reaches the bar, the views and search, and the count waits for its own facets", async () => {
    const state = createAppState(
      { filter: emptyFilter() },
      { facets: () => Promise.resolve(facets), getEvent: (id) => Promise.resolve(stored(id)), error: () => undefined },
    );
    const { views, calls } = recordingViews();
    followState(state, views);
    state.setViewStatus({ visible: 4, summarised: false, loaded: 4 });
    state.setFilter(summits);
    await settle();
    expect(calls).toEqual([
      "count 4 events in view",
      `saveFilter ${JSON.stringify(summits)}`,
      `filters.set ${JSON.stringify(summits)}`,
      `timeline.setFilter ${JSON.stringify(summits)}`,
      `table.setFilter ${JSON.stringify(summits)}`,
      "search.refresh",
      "count 4 events in view",
      "timeline.setActorRank Xi Jinping",
      "count 19 match · 4 in view",
    ]);
  });

  it("closing the panel clears the selection everywhere and gives the timeline its width back", () => {
    const state = createAppState(
      { filter: emptyFilter() },
      { facets: () => Promise.resolve(facets), getEvent: (id) => Promise.resolve(stored(id)), error: () => undefined },
    );
    const { views, calls } = recordingViews();
    followState(state, views);
    state.select(stored("a"));
    calls.length = 0;
    state.select(null);
    expect(calls).toEqual(["detail.hide", "timeline.setSelected null", "table.setSelected null", "timeline.syncSize"]);
  });
});
