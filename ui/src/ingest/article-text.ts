// The article as the dialog shows it: plain text (never HTML) with every time expression
// marked, the sentence of the chosen candidate highlighted, and a tip — on hover and on
// keyboard focus — saying what each expression resolved to ("on Monday → Mon 29 Jan 2024").
// The marks are one stop in the Tab order; ← / → (and Home / End) move between them, Enter
// shows the candidate an expression dates.
import { html, nothing, type TemplateResult } from "lit-html";
import type { Timex } from "../api/types";
import type { Segment } from "./segments";
import { timexTip } from "./timex-words";

export const TIP_ID = "article-tip";

export interface TextProps {
  segments: readonly Segment[];
  timexes: readonly Timex[];
  /** The candidate whose sentence is highlighted. */
  active: number | null;
  /** The expression that takes Tab focus (roving tabindex). */
  current: number;
}

export interface TextActions {
  /** Keyboard focus moved to expression `timex`. */
  focus(timex: number): void;
  /** Enter on an expression. */
  open(timex: number): void;
}

/** The hover / focus tip of the marked expressions: one element, moved to the mark. */
export interface Tip {
  show(mark: HTMLElement, text: string): void;
  hide(): void;
  /** The text scrolled: the tip moves with its mark, or goes when the mark left the view. */
  follow(pane: HTMLElement): void;
}

/**
 * The tip lives inside the dialog (only the dialog is drawn above the page in the top layer),
 * placed in the dialog's own coordinates under the mark, or above it near the bottom edge.
 */
export function createTip(root: () => HTMLElement | null): Tip {
  let anchor: HTMLElement | null = null;
  const tip: Tip = {
    show(mark, text) {
      const tip = root();
      const host = tip?.offsetParent ?? tip?.parentElement;
      if (!tip || !host) return;
      anchor = mark;
      tip.textContent = text;
      tip.hidden = false;
      const frame = host.getBoundingClientRect();
      const box = mark.getBoundingClientRect();
      const width = tip.offsetWidth;
      const height = tip.offsetHeight;
      const left = Math.max(8, Math.min(box.left - frame.left, frame.width - width - 8));
      const below = box.bottom - frame.top + 6;
      const top = below + height > frame.height - 8 ? box.top - frame.top - height - 6 : below;
      // Through the CSSOM: the page's CSP refuses style attributes.
      tip.style.setProperty("left", `${left}px`);
      tip.style.setProperty("top", `${top}px`);
    },
    hide() {
      anchor = null;
      const tip = root();
      if (tip) tip.hidden = true;
    },
    follow(pane) {
      const element = root();
      if (!anchor || !element || element.hidden) return;
      const view = pane.getBoundingClientRect();
      const box = anchor.getBoundingClientRect();
      if (!anchor.isConnected || box.bottom < view.top || box.top > view.bottom) tip.hide();
      else tip.show(anchor, element.textContent ?? "");
    },
  };
  return tip;
}

/**
 * Scrolls `container` (and nothing around it, unlike scrollIntoView, which would also scroll
 * the dialog) so that `target` is in the middle, or just in view.
 */
export function scrollWithin(container: Element | null, target: Element | null, where: "center" | "nearest"): void {
  if (!container || !target) return;
  const outer = container.getBoundingClientRect();
  const inner = target.getBoundingClientRect();
  if (where === "center") {
    container.scrollTop += inner.top - outer.top - (outer.height - Math.min(inner.height, outer.height)) / 2;
  } else if (inner.top < outer.top) {
    container.scrollTop += inner.top - outer.top - 8;
  } else if (inner.bottom > outer.bottom) {
    container.scrollTop += Math.min(inner.bottom - outer.bottom + 8, inner.top - outer.top - 8);
  }
}

function tipText(timexes: readonly Timex[], index: number): string {
  const timex = timexes[index];
  return timex ? timexTip(timex.text, timex.value, timex.type) : "";
}

/** Moves keyboard focus between the marks; true when the key was one of ours. */
function rove(event: KeyboardEvent, actions: TextActions): boolean {
  const mark = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>("mark[data-timex]") : null;
  const pane = event.currentTarget instanceof HTMLElement ? event.currentTarget : null;
  if (!mark || !pane) return false;
  const marks = Array.from(pane.querySelectorAll<HTMLElement>("mark[data-first]"));
  const at = marks.findIndex((m) => m.dataset.timex === mark.dataset.timex);
  let next: number;
  switch (event.key) {
    case "ArrowRight":
    case "ArrowDown":
      next = Math.min(at + 1, marks.length - 1);
      break;
    case "ArrowLeft":
    case "ArrowUp":
      next = Math.max(at - 1, 0);
      break;
    case "Home":
      next = 0;
      break;
    case "End":
      next = marks.length - 1;
      break;
    case "Enter":
    case " ":
      actions.open(Number(mark.dataset.timex));
      return true;
    default:
      return false;
  }
  const target = marks[next];
  if (target) {
    actions.focus(Number(target.dataset.timex));
    target.focus({ preventScroll: true });
    scrollWithin(pane, target, "nearest");
  }
  return true;
}

export function articleText(props: TextProps, actions: TextActions, tip: Tip): TemplateResult {
  const first = new Set<number>();
  const marked = props.segments.flatMap((segment) => (segment.timex === null ? [] : [segment.timex]));
  const hasMarks = marked.length > 0;
  // The one mark in the Tab order: the current one, else the first.
  const tabbable = marked.includes(props.current) ? props.current : marked[0];
  const runs = props.segments.map((segment) => {
    const quoted = segment.quotes.length > 0;
    const active = props.active !== null && segment.quotes.includes(props.active);
    const quoteClass = active ? "quote active" : quoted ? "quote" : "";
    if (segment.timex === null) {
      return quoteClass === "" ? segment.text : html`<span class=${quoteClass}>${segment.text}</span>`;
    }
    const index = segment.timex;
    const isFirst = !first.has(index);
    first.add(index);
    const text = tipText(props.timexes, index);
    return html`<mark
      class="timex ${quoteClass}"
      data-testid="timex"
      data-timex=${index}
      ?data-first=${isFirst}
      data-value=${props.timexes[index]?.value ?? ""}
      tabindex=${isFirst && index === tabbable ? "0" : "-1"}
      aria-describedby=${TIP_ID}
      @mouseenter=${(e: MouseEvent) => tip.show(e.currentTarget as HTMLElement, text)}
      @mouseleave=${() => tip.hide()}
      @focus=${(e: FocusEvent) => {
        actions.focus(index);
        tip.show(e.currentTarget as HTMLElement, text);
      }}
      @blur=${() => tip.hide()}
      >${segment.text}</mark
    >`;
  });
  return html`<div
    class="article-text"
    data-testid="article-text"
    tabindex=${hasMarks ? "-1" : "0"}
    aria-label="The article, its dates marked"
    @keydown=${(event: KeyboardEvent) => {
      if (rove(event, actions)) {
        event.preventDefault();
        event.stopPropagation();
      }
    }}
    @scroll=${(event: Event) => tip.follow(event.currentTarget as HTMLElement)}
  >${runs}</div>
  ${hasMarks ? nothing : html`<p class="form-hint">No dates were found in this text.</p>`}`;
}
