// The UI's one store: the filter, the open event, the view mode, the facet counts, the undo
// history and how many writes there have been. Components read it and subscribe to the part
// they show (`watch`, the selector-subscribe of Redux's `observeStore` or Zustand's
// `subscribeWithSelector`: a listener runs only when its selected value changes); only the
// actions below write it. A write's answer (`Change`) is applied here in one step, so the
// panel, the history buttons and the views update from it instead of asking again.
import type { Change, Facets, Filter, HistoryState, StoredEvent } from "../api/types";
import { emptyFilter } from "../panels/filter-model";
import type { ViewMode } from "../table/table-model";
import type { TimelineStatus } from "../timeline/timeline";

export interface AppSnapshot {
  readonly filter: Filter;
  /** The event in the detail panel, whole. */
  readonly selected: StoredEvent | null;
  readonly viewMode: ViewMode;
  /** Facets of every event (no filter): names and tags for the editor's suggestions. */
  readonly allFacets: Facets;
  /** Facets of the events matching the filter; null until the answer for this filter arrives. */
  readonly facets: Facets | null;
  /** What the timeline last drew, for the header count; null before its first draw. */
  readonly viewStatus: TimelineStatus | null;
  readonly history: HistoryState;
  /** Counts the writes seen: whatever shows stored events reads them again when it moves. */
  readonly revision: number;
}

export type Listener<T> = (value: T, previous: T) => void;
export type Equality<T> = (a: T, b: T) => boolean;

/** The backend reads the store needs (a subset of `api/backend`). */
export interface AppStateDeps {
  facets(filter: Filter): Promise<Facets>;
  getEvent(id: string): Promise<StoredEvent>;
  error(error: unknown): void;
}

export interface AppState {
  get(): AppSnapshot;
  /**
   * Calls `listener` after each update that changes `select(state)` (compared with `equal`,
   * `Object.is` unless given). Returns the unsubscribe function.
   */
  watch<T>(select: (state: AppSnapshot) => T, listener: Listener<T>, equal?: Equality<T>): () => void;
  /** A new filter: its facets are asked for, and the counts of the old one are dropped. */
  setFilter(filter: Filter): void;
  select(event: StoredEvent | null): void;
  /** Fetches the whole event and opens it; a later call wins over an earlier answer still on its way. */
  selectById(id: string): Promise<StoredEvent | null>;
  setViewMode(mode: ViewMode): void;
  setViewStatus(status: TimelineStatus): void;
  setHistory(history: HistoryState): void;
  /** Asks for both facet sets; an answer that a newer request overtook is dropped. */
  refreshFacets(): void;
  /** Applies what a write, undo or redo answered: panel, history, one reload, one facet refresh. */
  apply(change: Change): void;
  /** Events were written in bulk (an import, a restore): everything shown is read again. */
  reloaded(): void;
}

export const NO_FACETS: Facets = { total: 0, kinds: [], actors: [], tags: [], sides: [], verifications: [] };

/** Equality for selectors that return a tuple: equal when every member is the same. */
export function sameMembers<T extends readonly unknown[]>(a: T, b: T): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

export function createAppState(initial: { filter: Filter; viewMode?: ViewMode }, deps: AppStateDeps): AppState {
  let state: AppSnapshot = {
    filter: initial.filter,
    selected: null,
    viewMode: initial.viewMode ?? "timeline",
    allFacets: NO_FACETS,
    facets: null,
    viewStatus: null,
    history: { can_undo: false, can_redo: false },
    revision: 0,
  };
  const listeners = new Set<(next: AppSnapshot, previous: AppSnapshot) => void>();
  let allAsked = 0;
  let withinAsked = 0;
  let selectAsked = 0;

  const update = (patch: Partial<AppSnapshot>): void => {
    const previous = state;
    state = { ...state, ...patch };
    // A copy: a listener that unsubscribes (or subscribes) mid-notification changes the set.
    for (const listener of [...listeners]) listener(state, previous);
  };

  const refreshFacets = (): void => {
    const all = ++allAsked;
    deps
      .facets(emptyFilter())
      .then((facets) => {
        if (all === allAsked) update({ allFacets: facets });
      })
      .catch(deps.error);
    const within = ++withinAsked;
    deps
      .facets(state.filter)
      .then((facets) => {
        // An answer for a filter since changed (or to a request since repeated) would count
        // the wrong events.
        if (within === withinAsked) update({ facets });
      })
      .catch(deps.error);
  };

  return {
    get: () => state,
    watch(select, listener, equal = Object.is) {
      const wrapped = (next: AppSnapshot, previous: AppSnapshot): void => {
        const value = select(next);
        const before = select(previous);
        if (!equal(value, before)) listener(value, before);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    setFilter(filter) {
      update({ filter, facets: null });
      refreshFacets();
    },
    select(event) {
      // Selecting directly overtakes a fetch still on its way.
      selectAsked += 1;
      update({ selected: event });
    },
    async selectById(id) {
      const asked = ++selectAsked;
      try {
        const event = await deps.getEvent(id);
        if (asked !== selectAsked) return null;
        update({ selected: event });
        return event;
      } catch (error) {
        deps.error(error);
        return null;
      }
    },
    setViewMode(viewMode) {
      update({ viewMode });
    },
    setViewStatus(viewStatus) {
      update({ viewStatus });
    },
    setHistory(history) {
      update({ history });
    },
    refreshFacets,
    apply(change) {
      const open = state.selected;
      const touched = open ? change.events.find((entry) => entry.id === open.id) : undefined;
      let selected = open;
      if (touched) selected = touched.effect === "deleted" ? null : (touched.event ?? open);
      update({ history: change.history, selected, revision: state.revision + 1 });
      refreshFacets();
      // An import's answer names its events without carrying them: read the open one again.
      if (open && touched && touched.effect !== "deleted" && !touched.event) void this.selectById(open.id);
    },
    reloaded() {
      update({ revision: state.revision + 1 });
      refreshFacets();
    },
  };
}
