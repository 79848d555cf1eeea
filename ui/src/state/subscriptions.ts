// Which part of the screen follows which part of the UI store. Each view subscribes to what it
// shows; nothing calls a view by hand after a filter change, a selection or a write.
import type { Filter, HistoryState, StoredEvent } from "../api/types";
import type { DetailPanel } from "../panels/detail";
import type { Filters } from "../panels/filters";
import { headerCount } from "../panels/header-count";
import { isEmptyFilter } from "../panels/filter-model";
import type { SearchBox } from "../panels/search";
import type { TableView } from "../table/table-view";
import type { ViewMode } from "../table/table-model";
import type { LinkArrows } from "../timeline/link-arrows";
import type { Timeline } from "../timeline/timeline";
import { sameMembers, type AppState } from "./app-state";

export interface StateViews {
  timeline: Pick<Timeline, "setFilter" | "setSelected" | "syncSize" | "reload" | "setActorRank">;
  table: Pick<TableView, "setFilter" | "setSelected" | "reload">;
  detail: Pick<DetailPanel, "show" | "hide">;
  filters: Pick<Filters, "set">;
  search: Pick<SearchBox, "refresh">;
  arrows: Pick<LinkArrows, "forget">;
  /** Asks for the links of the event shown; the panel draws them if it still shows it. */
  links(id: string): void;
  /** The header count's two lines. */
  count(text: { count: string; note: string }): void;
  /** The undo and redo buttons. */
  history(history: HistoryState): void;
  /** Shows the timeline or the table, and the controls that belong to it. */
  viewMode(mode: ViewMode): void;
  /** Keeps the filter for the next start. */
  saveFilter(filter: Filter): void;
}

/** Subscribes every view to its part of the state; returns the function that stops them all. */
export function followState(state: AppState, views: StateViews): () => void {
  const stops = [
    state.watch(
      (s) => s.filter,
      (filter) => {
        views.saveFilter(filter);
        views.filters.set(filter);
        views.timeline.setFilter(filter);
        views.table.setFilter(filter);
        views.search.refresh();
      },
    ),

    state.watch(
      (s) => s.selected,
      (event: StoredEvent | null, previous: StoredEvent | null) => {
        if (event) views.detail.show(event);
        else views.detail.hide();
        views.timeline.setSelected(event?.id ?? null);
        views.table.setSelected(event?.id ?? null);
        // The panel narrows the timeline (a hidden one catches up when shown again).
        if ((event === null) !== (previous === null) && state.get().viewMode === "timeline") views.timeline.syncSize();
      },
    ),

    // The links of the open event: when another event opens, and after any write (a linked
    // event may be gone), asked once when both happen together.
    state.watch(
      (s) => [s.selected, s.revision] as const,
      ([event]) => {
        if (event) views.links(event.id);
      },
      sameMembers,
    ),

    // Writes: what shows stored events reads its window again (the store refreshes the facets).
    state.watch(
      (s) => s.revision,
      () => {
        views.arrows.forget();
        views.timeline.reload();
        views.table.reload();
        views.search.refresh();
      },
    ),

    state.watch(
      (s) => s.facets,
      (facets) => {
        if (facets) views.timeline.setActorRank(new Map(facets.actors.map((actor, index) => [actor.name, index])));
      },
    ),

    state.watch(
      (s) => [s.viewStatus, s.facets, s.filter] as const,
      ([status, facets, filter]) => {
        if (!status) return;
        views.count(headerCount({ ...status, matching: facets?.total ?? null, filtered: !isEmptyFilter(filter) }));
      },
      sameMembers,
    ),

    state.watch((s) => s.history, views.history),
    state.watch((s) => s.viewMode, views.viewMode),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
