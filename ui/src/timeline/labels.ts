// The labelled events, as HTML over the marks canvas: each a focusable button-like box (its
// hover, selection and focus ring) holding its label. They were SVG text once; WebKit lays out
// every SVG text of an <svg> again whenever anything in it changes (even an attribute set to the
// value it had), about half a millisecond a label, so a redraw of 70 labels cost 20–30 ms
// before any paint. Absolutely placed HTML boxes are moved without laying their text out again:
// the same redraw costs 1–2 ms (numbers in the README's "Scale" section).
// All text goes in through textContent, never as HTML.
import { select, type Selection } from "d3-selection";
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

/** The labelled event's box that `target` is in, with the item it draws now. */
function boxOf(target: EventTarget | null): { box: HTMLElement; item: DrawnItem } | null {
  const box = target instanceof Element ? target.closest<HTMLElement>(EVENT_SELECTOR) : null;
  if (!box) return null;
  const item = select<HTMLElement, DrawnItem | undefined>(box).datum();
  return item ? { box, item } : null;
}

/** Whether a pointer moved between two parts of one box (the box and its label). */
function withinBox(box: HTMLElement, other: EventTarget | null): boolean {
  return other instanceof Node && box.contains(other);
}

/**
 * Listens once, on the layer, for every label: a zoom makes most labels anew, and six listeners
 * each cost more of a redraw than writing the label does. Each event finds its box from where
 * it happened, and the item the box draws now.
 */
export function listenToLabels(layer: HTMLElement, handlers: ItemHandlers): void {
  layer.addEventListener("click", (event) => {
    const hit = boxOf(event.target);
    if (!hit) return;
    event.stopPropagation();
    handlers.activate(hit.item, hit.box);
  });
  layer.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const hit = boxOf(event.target);
    if (!hit) return;
    event.preventDefault();
    event.stopPropagation();
    handlers.activate(hit.item, hit.box);
  });
  // pointerenter and focus do not bubble; their bubbling twins do, and a move between a box and
  // its own label is not an entry or an exit.
  layer.addEventListener("pointerover", (event) => {
    const hit = boxOf(event.target);
    if (hit && !withinBox(hit.box, event.relatedTarget)) handlers.hover(hit.item, hit.box, event);
  });
  layer.addEventListener("pointerout", (event) => {
    const hit = boxOf(event.target);
    if (hit && !withinBox(hit.box, event.relatedTarget)) handlers.unhover();
  });
  layer.addEventListener("focusin", (event) => {
    const hit = boxOf(event.target);
    if (hit) handlers.hover(hit.item, hit.box, null);
  });
  layer.addEventListener("focusout", (event) => {
    if (boxOf(event.target)) handlers.unhover();
  });
}

/**
 * Draws the labelled events into `layer`, keyed by band and event: an event that stays in view
 * keeps its element (its focus) and only what changed is written. `listenToLabels` handles
 * their pointer, keys and focus.
 */
export function renderLabels(layer: LabelLayer, placed: readonly DrawnItem[], selectedId: string | null): void {
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
      return box;
    });

  boxes.each(function (d) {
    updateLabel(this, d, selectedId);
  });

  // Document order is the order placed in, which is the tab order.
  boxes.order();
}
