// @vitest-environment happy-dom
// The labelled events' elements live across redraws: a label that stays in view keeps its
// element (its focus, its listeners) and only what changed is written; one that leaves is removed.
import { select } from "d3-selection";
import { describe, expect, it } from "vitest";
import { toItem } from "../src/timeline/items";
import { listenToLabels, renderLabels } from "../src/timeline/labels";
import type { DrawnItem } from "../src/timeline/render";
import { storedEvent } from "./support/stored-event";

function drawn(id: string, labelX: number, y: number, anchor: "start" | "end" = "start"): DrawnItem {
  const item = toItem(storedEvent({ id, title: `Title ${id}` }));
  if (!item) throw new Error("readable test event");
  return {
    item,
    x0: labelX - 15,
    x1: labelX - 5,
    label: `Title ${id}`,
    labelWidth: 50,
    labelX,
    labelAnchor: anchor,
    left: anchor === "start" ? labelX - 15 : labelX - 50,
    right: anchor === "start" ? labelX + 50 : labelX + 15,
    lane: y / 26,
    key: `all\u241f${id}`,
    y,
    band: "all",
  };
}

function layer(): { root: HTMLElement; draw: (items: DrawnItem[], selected?: string | null) => void } {
  const root = document.createElement("div");
  return { root, draw: (items, selected = null) => renderLabels(select<HTMLElement, unknown>(root), items, selected) };
}

describe("labelled events across redraws", () => {
  it("keep their element, moved to the new place; a label that left the view goes", () => {
    const { root, draw } = layer();
    draw([drawn("a", 100, 0), drawn("b", 300, 26)]);
    const before = root.querySelector<HTMLElement>('div.event[data-event-id="a"]');
    draw([drawn("a", 160, 52)]);
    const after = root.querySelector<HTMLElement>('div.event[data-event-id="a"]');
    expect(after, "the same element, not a new one").toBe(before);
    expect(after?.style.top, "its lane row, below the row's 1 px inset").toBe("53px");
    // The box reaches 4 px beyond the mark and label: 160 - 15 - 4.
    expect(after?.style.left).toBe("141px");
    expect(after?.style.width, "mark, label and both insets").toBe(`${50 + 15 + 8}px`);
    expect(root.querySelector('div.event[data-event-id="b"]'), "b left the view").toBeNull();
  });

  it("anchor a label at its start, or at its end when placed left of its mark", () => {
    const { root, draw } = layer();
    draw([drawn("a", 100, 0, "start"), drawn("b", 400, 0, "end")]);
    const start = root.querySelector<HTMLElement>('div.event[data-event-id="a"] .label');
    const end = root.querySelector<HTMLElement>('div.event[data-event-id="b"] .label');
    // The box of a begins at 100 - 15 - 4 = 81, so its label starts 19 px in.
    expect([start?.style.left, start?.style.right]).toEqual(["19px", ""]);
    // The box of b ends at 400 + 15 + 4 = 419, so its label ends 19 px before that.
    expect([end?.style.left, end?.style.right]).toEqual(["", "19px"]);
    expect(end?.textContent).toBe("Title b");
  });

  it("say which event is selected, to the eye and to a screen reader, and keep user text as text", () => {
    const { root, draw } = layer();
    const sneaky = drawn("a", 100, 0);
    sneaky.label = "<img src=x onerror=alert(1)>";
    draw([sneaky, drawn("b", 300, 0)], "b");
    const b = root.querySelector<HTMLElement>('div.event[data-event-id="b"]');
    expect(b?.classList.contains("selected")).toBe(true);
    expect(b?.getAttribute("aria-current")).toBe("true");
    expect(b?.getAttribute("role")).toBe("button");
    expect(b?.tabIndex).toBe(0);
    expect(root.querySelector("img"), "a title is never parsed as HTML").toBeNull();
    expect(root.querySelector('div.event[data-event-id="a"] .label')?.textContent).toBe("<img src=x onerror=alert(1)>");
    draw([drawn("a", 100, 0), drawn("b", 300, 0)], null);
    expect(b?.hasAttribute("aria-current"), "deselected").toBe(false);
  });
});

describe("one set of listeners on the layer", () => {
  function listened() {
    const { root, draw } = layer();
    document.body.append(root);
    const calls: string[] = [];
    listenToLabels(root, {
      activate: (d, element) => calls.push(`activate ${d.item.id} ${element.dataset.eventId}`),
      hover: (d, _element, event) => calls.push(`hover ${d.item.id} ${event ? "pointer" : "focus"}`),
      unhover: () => calls.push("unhover"),
    });
    const box = (id: string) => root.querySelector<HTMLElement>(`div.event[data-event-id="${id}"]`)!;
    return { root, draw, calls, box };
  }

  it("activate the event whose label was clicked, as drawn now, and keep the click from the lanes", () => {
    const { root, draw, calls, box } = listened();
    draw([drawn("a", 100, 0), drawn("b", 300, 26)]);
    let reachedOutside = 0;
    const outside = () => (reachedOutside += 1);
    document.body.addEventListener("click", outside);
    box("b").querySelector<HTMLElement>(".label")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    // Redrawn with a new item under the same key: the click finds what the box draws now.
    const moved = { ...drawn("a", 160, 52), label: "Moved" };
    draw([moved]);
    box("a").dispatchEvent(new MouseEvent("click", { bubbles: true }));
    root.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(calls).toEqual(["activate b b", "activate a a"]);
    expect(reachedOutside, "a label's click stops at the layer; only the layer's own goes on").toBe(1);
    document.body.removeEventListener("click", outside);
    root.remove();
  });

  it("activate on Enter or Space, and leave other keys alone", () => {
    const { root, draw, calls, box } = listened();
    draw([drawn("a", 100, 0)]);
    for (const key of ["Enter", " ", "a", "ArrowRight"]) {
      box("a").dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    }
    expect(calls).toEqual(["activate a a", "activate a a"]);
    root.remove();
  });

  it("hover once on entering a box, not again on moving onto its own label, and unhover on leaving it", () => {
    const { root, draw, calls, box } = listened();
    draw([drawn("a", 100, 0), drawn("b", 300, 26)]);
    const a = box("a");
    const label = a.querySelector<HTMLElement>(".label")!;
    const move = (type: string, target: Element, relatedTarget: Element | null) =>
      target.dispatchEvent(new MouseEvent(type, { bubbles: true, relatedTarget }));
    move("pointerover", a, root);
    move("pointerout", a, label);
    move("pointerover", label, a);
    move("pointerout", label, box("b"));
    move("pointerover", box("b"), label);
    expect(calls).toEqual(["hover a pointer", "unhover", "hover b pointer"]);
    root.remove();
  });

  it("show a focused label's tooltip from the keyboard and hide it on blur", () => {
    const { root, draw, calls, box } = listened();
    draw([drawn("a", 100, 0)]);
    box("a").dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    box("a").dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    expect(calls).toEqual(["hover a focus", "unhover"]);
    root.remove();
  });
});
