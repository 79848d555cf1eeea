import { describe, expect, it } from "vitest";
import type { Actor, Kind, StoredEvent } from "../src/api/types";
import { groupItems, parseGroupBy, stackBands } from "../src/timeline/grouping";
import { toItem, type TimelineItem } from "../src/timeline/items";

function item(id: string, kind: Kind, actors: Actor[], start = "2023-01-01"): TimelineItem {
  const event: StoredEvent = {
    id,
    title: id,
    summary: "",
    start,
    kind,
    actors,
    tags: [],
    sources: [],
    origin: "dataset",
    edited: false,
    created_at: "",
    updated_at: "",
  };
  const made = toItem(event);
  if (!made) throw new Error("readable date");
  return made;
}

const biden: Actor = { name: "Joe Biden", side: "us" };
const blinken: Actor = { name: "Antony Blinken", side: "us" };
const xi: Actor = { name: "Xi Jinping", side: "china" };

const items = [
  item("summit", "summit", [biden, xi]),
  item("call", "call", [blinken, biden]),
  item("statement", "statement", []),
  item("meeting", "meeting", [xi]),
];

const keys = (bands: { key: string }[]): string[] => bands.map((band) => band.key);
const ids = (band: { items: TimelineItem[] } | undefined): string[] => (band?.items ?? []).map((i) => i.id);

describe("group by", () => {
  it("none is one band holding everything", () => {
    const bands = groupItems(items, "none");
    expect(keys(bands)).toEqual(["all"]);
    expect(ids(bands[0])).toEqual(["summit", "call", "statement", "meeting"]);
  });
  it("kind gives a band per kind present, in the kinds' list order", () => {
    const bands = groupItems(items, "kind");
    expect(keys(bands)).toEqual(["kind:summit", "kind:meeting", "kind:call", "kind:statement"]);
    expect(bands.map((b) => b.label)).toEqual(["Summit", "Meeting", "Call", "Statement"]);
  });
  it("side splits events once each by who took part: both, one country, neither; actorless last", () => {
    const tsai: Actor = { name: "Tsai Ing-wen", side: "taiwan" };
    const taiwanVisit = item("taiwan", "meeting", [tsai, biden], "2023-04-05");
    const thirdParty = item("third", "statement", [tsai], "2023-05-01");
    const bands = groupItems([...items, taiwanVisit, thirdParty], "side");
    expect(keys(bands)).toEqual(["side:both", "side:us", "side:china", "side:neither", "none"]);
    expect(ids(bands[0]), "the summit is drawn once, in the band of both").toEqual(["summit"]);
    expect(ids(bands[1]), "US events without China, including one with Taiwan").toEqual(["call", "taiwan"]);
    expect(ids(bands[2])).toEqual(["meeting"]);
    expect(ids(bands[3])).toEqual(["third"]);
    expect(bands.map((b) => b.label)).toEqual([
      "US and China",
      "US without China",
      "China without the US",
      "Neither (Taiwan, third parties)",
      "No actors",
    ]);
    const drawn = bands.reduce((n, band) => n + band.items.length, 0);
    expect(drawn, "every event appears exactly once").toBe(items.length + 2);
  });
  it("actor puts an event in each of its actors' bands, ordered by rank then count", () => {
    const bands = groupItems(items, "actor", new Map([["Xi Jinping", 0]]));
    expect(keys(bands)).toEqual(["actor:Xi Jinping", "actor:Joe Biden", "actor:Antony Blinken", "none"]);
    expect(ids(bands[0])).toEqual(["summit", "meeting"]);
    expect(ids(bands[1])).toEqual(["summit", "call"]);
  });
  it("folds the least frequent actors into one band when there are too many", () => {
    const bands = groupItems(items, "actor", new Map(), 2);
    expect(keys(bands)).toEqual(["actor:Joe Biden", "actor-other", "none"]);
    expect(ids(bands[1]), "each event once, in time order").toEqual(["summit", "call", "meeting"]);
  });
  it("reads a stored choice, defaulting to none", () => {
    expect(parseGroupBy("actor")).toBe("actor");
    expect(parseGroupBy("colour")).toBe("none");
    expect(parseGroupBy(null)).toBe("none");
  });
});

describe("band stacking", () => {
  const metrics = { top: 6, headerHeight: 28, laneHeight: 26, gap: 8 };
  it("places bands one under the other, lanes under each header", () => {
    const { bands, height } = stackBands(
      [
        { key: "a", label: "A", count: 3, laneCount: 2 },
        { key: "b", label: "B", count: 1, laneCount: 1 },
      ],
      new Set(),
      metrics,
    );
    expect(bands.map((b) => [b.top, b.lanesTop, b.height])).toEqual([
      [6, 34, 28 + 52 + 8],
      [94, 122, 28 + 26 + 8],
    ]);
    expect(height).toBe(94 + 62 + 6);
  });
  it("keeps only the header of a collapsed band", () => {
    const { bands } = stackBands(
      [
        { key: "a", label: "A", count: 3, laneCount: 4 },
        { key: "b", label: "B", count: 1, laneCount: 1 },
      ],
      new Set(["a"]),
      metrics,
    );
    expect(bands[0]).toMatchObject({ collapsed: true, laneCount: 0, height: 30 });
    expect(bands[1]?.top).toBe(36);
  });
  it("without grouping is the plain lane layout", () => {
    const { height } = stackBands([{ key: "all", label: "", count: 5, laneCount: 3 }], new Set(), {
      top: 10,
      headerHeight: 0,
      laneHeight: 26,
      gap: 0,
    });
    expect(height).toBe(10 + 78 + 10);
  });
});
