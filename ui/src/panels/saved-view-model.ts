// A saved view as the Views menu captures and applies it: the filter, the visible days, the
// grouping and the titles language. Pure functions: the menu only renders and calls them.
import type { Filter, SavedView } from "../api/types";
import { isoDay, partialDateSpan } from "../format/partial-date";
import { parseTitleLanguage, type TitleLanguage } from "../format/title-language";
import { parseGroupBy, type GroupBy } from "../timeline/grouping";
import type { Domain } from "../timeline/scale";

/** What the window shows now, as the menu reads it. */
export interface CurrentView {
  filter: Filter;
  domain: Domain;
  groupBy: GroupBy;
  titles: TitleLanguage;
}

/** What applying a saved view sets. `domain` is null for a view saved without a range. */
export interface ViewTarget {
  filter: Filter;
  domain: Domain | null;
  groupBy: GroupBy;
  titles: TitleLanguage;
}

/** The current view under `name`; the range is kept as the whole days shown. */
export function captureView(name: string, current: CurrentView): SavedView {
  const days = { from: isoDay(current.domain[0]), to: isoDay(Math.max(current.domain[0], current.domain[1] - 1)) };
  return {
    name: name.trim(),
    filter: structuredClone(current.filter),
    from: days.from,
    to: days.to,
    group_by: current.groupBy,
    titles: current.titles,
  };
}

/** What applying `view` sets: from the first moment of `from` to the last of `to`. */
export function viewTarget(view: SavedView): ViewTarget {
  const from = partialDateSpan(view.from);
  const to = partialDateSpan(view.to);
  return {
    filter: structuredClone(view.filter),
    domain: from && to && from.start < to.end ? [from.start, to.end] : null,
    groupBy: parseGroupBy(view.group_by),
    titles: parseTitleLanguage(view.titles),
  };
}

/** The names saved, to tell a new name from one that would replace a view. */
export function isSaved(views: readonly SavedView[], name: string): boolean {
  const wanted = name.trim();
  return views.some((view) => view.name === wanted);
}
