// @vitest-environment happy-dom
// The labelled events' SVG nodes live across redraws: a label that stays in view keeps its node
// (its focus, its listeners) and only what changed is written; one that leaves is removed.
import { select } from "d3-selection";
import { describe, expect, it } from "vitest";
import { toItem } from "../src/timeline/items";
import { renderItems, type DrawnItem, type ItemHandlers } from "../src/timeline/render";
import { storedEvent } from "./support/stored-event";

const handlers: ItemHandlers = { activate() {}, hover() {}, unhover() {} };

function drawn(id: string, labelX: number, y: number): DrawnItem {
  const item = toItem(storedEvent({ id, title: `Title ${id}` }));
  if (!item) throw new Error("readable test event");
  return {
    item,
    x0: labelX - 15,
    x1: labelX - 5,
    label: `Title ${id}`,
    labelWidth: 50,
    labelX,
    labelAnchor: "start",
    left: labelX - 15,
    right: labelX + 50,
    lane: y / 26,
    key: `all\u241f${id}`,
    y,
    band: "all",
  };
}

describe("labelled events across redraws", () => {
  it("keep their node, moved to the new place; a label that left the view goes", () => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const layer = select(svg).append("g");
    renderItems(layer, [drawn("a", 100, 0), drawn("b", 300, 26)], null, handlers);
    const before = svg.querySelector('g.event[data-event-id="a"]');
    renderItems(layer, [drawn("a", 160, 52)], null, handlers);
    const after = svg.querySelector('g.event[data-event-id="a"]');
    expect(after, "the same node, not a new one").toBe(before);
    expect(after?.getAttribute("transform")).toBe("translate(0,52)");
    expect(after?.querySelector("text.label")?.getAttribute("x")).toBe("160");
    expect(svg.querySelector('g.event[data-event-id="b"]'), "b left the view").toBeNull();
  });
});
