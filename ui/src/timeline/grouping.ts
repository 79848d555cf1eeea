// "Group by": the timeline split into horizontal bands, one per kind, participation or actor,
// each with its own lanes. An event with several actors appears in each of its actors' bands —
// the truth of "who took part" matters more than drawing each event once; the group-by control
// says so. Participation splits events once each: both the US and China took part, only one
// of them, or neither (Taiwan, third parties) — a band per side would repeat nearly every
// event, since most involve both. Events without actors go to a band at the bottom.
import type { Side } from "../api/types";
import { KINDS, kindLabel } from "../format/labels";
import type { TimelineItem } from "./items";

export type GroupBy = "none" | "kind" | "side" | "actor";

export const GROUP_BY_OPTIONS: readonly { value: GroupBy; label: string }[] = [
  { value: "none", label: "None" },
  { value: "kind", label: "Kind" },
  { value: "side", label: "US / China / both" },
  { value: "actor", label: "Actor" },
];

export const GROUP_BY_STORAGE_KEY = "bilateral.groupBy.v1";

export function parseGroupBy(text: string | null | undefined): GroupBy {
  return GROUP_BY_OPTIONS.some((option) => option.value === text) ? (text as GroupBy) : "none";
}

export interface Band {
  /** Stable identity: "kind:summit", "side:both", "actor:Wang Yi", "all", "none". */
  key: string;
  label: string;
  items: TimelineItem[];
}

/** With this many actors or more, the least frequent share one "Other actors" band. */
export const MAX_ACTOR_BANDS = 24;

const NO_GROUP = "none";

/** Which of the two countries took part in an event, by its actors' sides. */
export type Participation = "both" | "us" | "china" | "neither";

const PARTICIPATIONS: readonly Participation[] = ["both", "us", "china", "neither"];

const PARTICIPATION_LABELS: Record<Participation, string> = {
  both: "US and China",
  us: "US without China",
  china: "China without the US",
  neither: "Neither (Taiwan, third parties)",
};

export function participation(sides: readonly Side[]): Participation {
  const us = sides.includes("us");
  const china = sides.includes("china");
  if (us && china) return "both";
  if (us) return "us";
  if (china) return "china";
  return "neither";
}

/**
 * Splits items into bands in a stable order: kinds and sides in their list order, actors by
 * `actorRank` (lower first: the facet order, most frequent first) then by name. Bands with no
 * item are left out. Within a band items keep their input order.
 */
export function groupItems(
  items: readonly TimelineItem[],
  groupBy: GroupBy,
  actorRank: ReadonlyMap<string, number> = new Map(),
  maxActorBands: number = MAX_ACTOR_BANDS,
): Band[] {
  if (groupBy === "none") return [{ key: "all", label: "", items: [...items] }];

  const buckets = new Map<string, Band>();
  const add = (key: string, label: string, item: TimelineItem): void => {
    let band = buckets.get(key);
    if (!band) {
      band = { key, label, items: [] };
      buckets.set(key, band);
    }
    if (band.items[band.items.length - 1] !== item) band.items.push(item);
  };

  for (const item of items) {
    const event = item.event;
    switch (groupBy) {
      case "kind":
        add(`kind:${event.kind}`, kindLabel(event.kind), item);
        break;
      case "side": {
        if (event.actors.length === 0) {
          add(NO_GROUP, "No actors", item);
          break;
        }
        const party = participation(event.actors.map((actor) => actor.side));
        add(`side:${party}`, PARTICIPATION_LABELS[party], item);
        break;
      }
      case "actor": {
        const names = new Set(event.actors.map((actor) => actor.name));
        if (names.size === 0) add(NO_GROUP, "No actor", item);
        for (const name of names) add(`actor:${name}`, name, item);
        break;
      }
    }
  }

  const bands = [...buckets.values()];
  const none = bands.filter((band) => band.key === NO_GROUP);
  const named = bands.filter((band) => band.key !== NO_GROUP);
  if (groupBy === "kind") {
    named.sort((a, b) => orderOf(KINDS, a.key.slice(5)) - orderOf(KINDS, b.key.slice(5)) || a.key.localeCompare(b.key));
  } else if (groupBy === "side") {
    named.sort((a, b) => orderOf(PARTICIPATIONS, a.key.slice(5)) - orderOf(PARTICIPATIONS, b.key.slice(5)));
  } else {
    const rank = (band: Band): number => actorRank.get(band.label) ?? Number.MAX_SAFE_INTEGER;
    named.sort((a, b) => rank(a) - rank(b) || b.items.length - a.items.length || a.label.localeCompare(b.label));
    if (named.length > maxActorBands) {
      const kept = named.slice(0, maxActorBands - 1);
      const other: Band = { key: "actor-other", label: "Other actors", items: [] };
      const seen = new Set<TimelineItem>();
      for (const band of named.slice(maxActorBands - 1)) {
        for (const item of band.items) {
          if (!seen.has(item)) {
            seen.add(item);
            other.items.push(item);
          }
        }
      }
      const order = new Map(items.map((item, index) => [item, index]));
      other.items.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      return [...kept, other, ...none];
    }
  }
  return [...named, ...none];
}

function orderOf(list: readonly string[], value: string): number {
  const index = list.indexOf(value);
  return index === -1 ? list.length : index;
}

export interface BandMetrics {
  /** Space above the first band. */
  top: number;
  /** Height of a band's header row (0 when not grouped). */
  headerHeight: number;
  laneHeight: number;
  /** Space below a band's last lane. */
  gap: number;
}

export interface StackedBand {
  key: string;
  label: string;
  count: number;
  collapsed: boolean;
  laneCount: number;
  /** Top of the band (its header). */
  top: number;
  /** Top of its first lane. */
  lanesTop: number;
  /** Header plus lanes plus gap; a collapsed band is its header only. */
  height: number;
}

/** Places bands one below the other; a collapsed band keeps only its header. */
export function stackBands(
  bands: readonly { key: string; label: string; count: number; laneCount: number }[],
  collapsed: ReadonlySet<string>,
  metrics: BandMetrics,
): { bands: StackedBand[]; height: number } {
  let y = metrics.top;
  const stacked: StackedBand[] = [];
  for (const band of bands) {
    const isCollapsed = collapsed.has(band.key);
    const lanes = isCollapsed ? 0 : band.laneCount;
    const height = metrics.headerHeight + lanes * metrics.laneHeight + (isCollapsed ? 2 : metrics.gap);
    stacked.push({
      ...band,
      collapsed: isCollapsed,
      laneCount: lanes,
      top: y,
      lanesTop: y + metrics.headerHeight,
      height,
    });
    y += height;
  }
  return { bands: stacked, height: y + metrics.top };
}
