// @vitest-environment happy-dom
// Link arrows: one per link whose both ends are drawn, from the answered event to the one
// that answers it, under the labels; the backend is asked again only when the events on
// screen change, and a late answer for an older view is dropped.
import { describe, expect, it } from "vitest";
import type { LinkPair } from "../src/api/types";
import type { TimelineItem } from "../src/timeline/items";
import { arrowPaths, LinkArrows } from "../src/timeline/link-arrows";
import { LANE_HEIGHT, type Mark } from "../src/timeline/marks";

function mark(id: string, x0: number, y: number): Mark {
  return { key: id, item: { id } as TimelineItem, x0, x1: x0 + 8, y, labelled: true };
}

const pairs: LinkPair[] = [
  { from: "reply", relation: "responds_to", to: "cause" },
  { from: "statement", relation: "part_of", to: "summit" },
];

describe("arrowPaths", () => {
  it("joins only links whose two ends are drawn, starting at the target and arching above both", () => {
    const paths = arrowPaths(pairs, [mark("cause", 100, 0), mark("reply", 300, 2 * LANE_HEIGHT)]);
    expect(paths.map((p) => [p.from, p.to])).toEqual([["reply", "cause"]]);
    const numbers = (paths[0]?.d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    expect(numbers.slice(0, 2), "starts at the answered event").toEqual([104, LANE_HEIGHT / 2]);
    expect(numbers.slice(-2), "ends at the event that answers it").toEqual([304, 2.5 * LANE_HEIGHT]);
    expect(Math.max(numbers[3] ?? 0, numbers[5] ?? 0), "arches above the higher end").toBeLessThan(LANE_HEIGHT / 2);
  });
});

describe("LinkArrows", () => {
  it("asks once per set of events on screen and draws under the labels; a late answer is dropped", async () => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const items = document.createElementNS("http://www.w3.org/2000/svg", "g");
    items.setAttribute("class", "items");
    svg.append(items);
    const asked: string[][] = [];
    const answers: ((pairs: LinkPair[]) => void)[] = [];
    const arrows = new LinkArrows(
      svg,
      (ids) => {
        asked.push(ids);
        return new Promise((resolve) => answers.push(resolve));
      },
      () => {},
    );
    const view = [mark("cause", 100, 0), mark("reply", 300, 0)];
    arrows.drawn(view);
    arrows.drawn([...view].reverse());
    expect(asked, "the same events in another order are not asked again").toEqual([["cause", "reply"]]);
    arrows.drawn([mark("summit", 50, 0), mark("statement", 80, 0)]);
    answers[0]?.(pairs);
    await Promise.resolve();
    expect(svg.querySelectorAll("path.link-arrow"), "the answer for the view left behind is dropped").toHaveLength(0);
    answers[1]?.(pairs);
    await Promise.resolve();
    const drawn = [...svg.querySelectorAll<SVGPathElement>("path.link-arrow")];
    expect(drawn.map((p) => [p.dataset.from, p.dataset.to])).toEqual([["statement", "summit"]]);
    expect(drawn[0]?.getAttribute("class")).toContain("link-part_of");
    const layer = svg.querySelector("g.link-arrows");
    expect(layer?.nextElementSibling, "arrows sit under the labels").toBe(items);
    arrows.forget();
    arrows.drawn([mark("summit", 50, 0), mark("statement", 80, 0)]);
    expect(asked, "after an edit the same view is asked again").toHaveLength(3);
  });
});
