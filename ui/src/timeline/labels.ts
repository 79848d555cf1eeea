// The labelled events, as HTML over the marks canvas: each a focusable button-like box (its
// hover, selection and focus ring) holding its label. They were SVG text once; WebKit lays out
// every SVG text of an <svg> again whenever anything in it changes (even an attribute set to the
// value it had), about half a millisecond a label, so a redraw of 70 labels cost 20–30 ms
// before any paint. Absolutely placed HTML boxes are moved without laying their text out again:
// the same redraw costs 1–2 ms (numbers in the README's "Scale" section).
// All text goes in through textContent, never as HTML.
import type { Selection } from "d3-selection";
import { kindClass } from "../format/labels";
import { LANE_HEIGHT } from "./marks";
import { ariaLabelFor, isUserTouched, px, setAttr, type DrawnItem } from "./render";

/** Every labelled event's element, for queries from outside the timeline (focus, keys). */
export const EVENT_SELECTOR = "div.event";

export interface ItemHandlers {
  activate(item: DrawnItem, element: HTMLElement): void;
  hover(item: DrawnItem, element: HTMLElement, event: PointerEvent | null): void;
  unhover(): void;
}

export type LabelLayer = Selection<HTMLElement, unknown, null, undefined>;

/** The box reaches this far beyond the mark and label on each side (the hover and focus area). */
const PAD = 4;

/** Writes a style property only when it changes: an unchanged write still costs a style pass. */
export function setStyle(element: HTMLElement, name: "left" | "right" | "top" | "width" | "height", value: string): void {
  if (element.style[name] !== value) element.style[name] = value;
}

/** A CSS length in pixels, rounded as the SVG's positions are. */
function cssPx(value: number): string {
  return `${px(value)}px`;
}

function updateLabel(box: HTMLElement, d: DrawnItem, selectedId: string | null): void {
  const selected = d.item.id === selectedId;
  const touched = isUserTouched(d.item.event);
  setAttr(
    box,
    "class",
    `event ${kindClass(d.item.event.kind)} shape-${d.item.shape}${selected ? " selected" : ""}${touched ? " user-touched" : ""}`,
  );
  setAttr(box, "aria-label", ariaLabelFor(d));
  setAttr(box, "aria-current", selected ? "true" : null);
  setAttr(box, "data-lane", String(d.lane));
  setAttr(box, "data-y", String(d.y));
  setAttr(box, "data-band", d.band);
  const left = Math.max(1, d.left - PAD);
  const right = d.right + PAD;
  setStyle(box, "left", cssPx(left));
  setStyle(box, "top", cssPx(d.y + 1));
  setStyle(box, "width", cssPx(right - left));
  const label = box.firstElementChild as HTMLElement | null;
  if (!label) return;
  // The label is anchored where placement put it: its start (left) or its end (right).
  const x = Math.round(d.labelX);
  if (d.labelAnchor === "start") {
    setStyle(label, "left", cssPx(x - left));
    setStyle(label, "right", "");
  } else {
    setStyle(label, "right", cssPx(right - x));
    setStyle(label, "left", "");
  }
  setAttr(label, "data-anchor", d.labelAnchor);
  if (label.textContent !== d.label) label.textContent = d.label;
}

/**
 * Draws the labelled events into `layer`, keyed by band and event: an event that stays in view
 * keeps its element (its focus, its listeners) and only what changed is written.
 */
export function renderLabels(
  layer: LabelLayer,
  placed: readonly DrawnItem[],
  selectedId: string | null,
  handlers: ItemHandlers,
): void {
  const boxes = layer
    .selectAll<HTMLElement, DrawnItem>(EVENT_SELECTOR)
    .data(placed, (d) => d.key)
    .join((enter) => {
      const box = enter
        .append("div")
        .attr("tabindex", 0)
        .attr("role", "button")
        .attr("data-event-id", (d) => d.item.id)
        .style("height", `${LANE_HEIGHT - 2}px`)
        .style("line-height", `${LANE_HEIGHT - 2}px`);
      box.append("span").attr("class", "label");
      box
        .on("click", function (event: MouseEvent, d) {
          event.stopPropagation();
          handlers.activate(d, this);
        })
        .on("keydown", function (event: KeyboardEvent, d) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            event.stopPropagation();
            handlers.activate(d, this);
          }
        })
        .on("pointerenter", function (event: PointerEvent, d) {
          handlers.hover(d, this, event);
        })
        .on("pointerleave", () => handlers.unhover())
        .on("focus", function (_event: FocusEvent, d) {
          handlers.hover(d, this, null);
        })
        .on("blur", () => handlers.unhover());
      return box;
    });

  boxes.each(function (d) {
    updateLabel(this, d, selectedId);
  });

  // Document order is the order placed in, which is the tab order.
  boxes.order();
}
