// The search box in the header: as the user types (debounced), ranked hits drop down with
// title, date at its real precision, kind and the snippet with its matched terms marked.
// ↑/↓ move, Enter or a click chooses, Esc closes the list. Hits respect the active filters.
// A query the core refuses (an unknown kind, a bad date, a misused OR) gets the core's reason
// under the box instead of a list; other failures go to the error banner.
import { html, nothing, render } from "lit-html";
import { BackendError } from "../api/errors";
import type { Filter, SearchAnswer, SearchHit } from "../api/types";
import { formatDateRange } from "../format/date";
import { kindClass, kindLabel } from "../format/labels";
import { snippetNodes } from "../format/snippet";
import { createLatestLoader } from "../timeline/loader";
import { isEmptyFilter } from "./filter-model";
import { displayTitle } from "../format/title-language";

export const SEARCH_LIMIT = 30;
export const SEARCH_DEBOUNCE_MS = 80;

/** What the search box understands, for the "?" dialog; the core reads it (search_syntax.rs). */
export const SEARCH_SYNTAX: readonly { example: string; what: string }[] = [
  { example: "trade war", what: "Every word, each as the start of a word" },
  { example: "\"wang yi\"", what: "These words, whole and in this order" },
  { example: "trade OR tariff", what: "Either one (capital OR)" },
  { example: "-taiwan", what: "Leave out events with it (also -kind:call)" },
  { example: "kind:summit", what: "Of a kind: kind:\"trade measure\" works too" },
  { example: "actor:wang", what: "An actor whose name (or Chinese name) contains it" },
  { example: "tag:apec", what: "Carrying that tag" },
  { example: "side:china", what: "With an actor of that side" },
  { example: "year:2023", what: "Taking place in that year" },
  { example: "before:2020 after:2019-06", what: "Starting before / after that date" },
];

export interface SearchCallbacks {
  search(text: string, filter: Filter | undefined, limit: number): Promise<SearchAnswer>;
  choose(hit: SearchHit): void;
  error(error: unknown): void;
  filter(): Filter;
}

export interface SearchBox {
  focus(): void;
  /** Runs the current text again (the filters or the events changed). */
  refresh(): void;
  /** Closes the list; true if it was open. */
  close(): boolean;
}

function part<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`Search markup lacks ${selector}`);
  return found;
}

interface Query {
  text: string;
  filter: Filter;
}

export function createSearch(root: HTMLElement, callbacks: SearchCallbacks): SearchBox {
  const input = part<HTMLInputElement>(root, "input[role=combobox]");
  const popup = part<HTMLElement>(root, ".search-popup");
  const list = part<HTMLElement>(root, "[role=listbox]");
  const status = part<HTMLElement>(root, ".search-status");

  let hits: SearchHit[] = [];
  /** Set when the core ranked a common word among this many most significant matches only. */
  let rankedAmong: number | undefined;
  let answered = "";
  /** Why the core refused the answered text, shown instead of the hits. */
  let refusal = "";
  let active = -1;
  let open = false;
  let pending = false;
  let chooseWhenAnswered = false;

  const loader = createLatestLoader<Query, SearchAnswer>(
    (query) => callbacks.search(query.text, isEmptyFilter(query.filter) ? undefined : query.filter, SEARCH_LIMIT),
    {
      onResult: (result, query) => {
        pending = false;
        hits = result.hits;
        rankedAmong = result.ranked_among;
        answered = query.text;
        refusal = "";
        active = hits.length > 0 && chooseWhenAnswered ? 0 : -1;
        if (chooseWhenAnswered) {
          chooseWhenAnswered = false;
          if (hits[0]) {
            choose(hits[0]);
            return;
          }
        }
        open = document.activeElement === input;
        draw();
      },
      onError: (error, query) => {
        pending = false;
        chooseWhenAnswered = false;
        if (error instanceof BackendError && error.payload.code === "invalid") {
          hits = [];
          rankedAmong = undefined;
          answered = query.text;
          refusal = error.payload.message;
          active = -1;
          open = document.activeElement === input;
          draw();
          return;
        }
        callbacks.error(error);
      },
    },
    SEARCH_DEBOUNCE_MS,
  );

  const statusLine = (): { text: string; refused: boolean } => {
    const text = input.value.trim();
    const say = (line: string) => ({ text: line, refused: false });
    if (text === "") return say("");
    if (pending && answered !== text) return say("Searching…");
    if (refusal !== "") return { text: `Cannot search: ${refusal}`, refused: true };
    const within = isEmptyFilter(callbacks.filter()) ? "" : " within the filters";
    if (hits.length === 0) return say(`No events match “${text}”${within}.`);
    const more = hits.length >= SEARCH_LIMIT ? `the ${SEARCH_LIMIT} best` : String(hits.length);
    const found =
      rankedAmong === undefined
        ? `${more} ${hits.length === 1 ? "event" : "events"}`
        : `${more} of the ${rankedAmong.toLocaleString("en")} most significant matches`;
    return say(`${found}${within} · ↑↓ to move, Enter to show`);
  };

  function draw(): void {
    const visible = open && input.value.trim() !== "";
    popup.hidden = !visible;
    input.setAttribute("aria-expanded", visible && hits.length > 0 ? "true" : "false");
    if (visible && active >= 0) input.setAttribute("aria-activedescendant", `search-hit-${active}`);
    else input.removeAttribute("aria-activedescendant");
    render(
      visible
        ? hits.map(
            (hit, index) => html`<li
              id=${`search-hit-${index}`}
              class="search-hit ${index === active ? "active" : ""}"
              role="option"
              aria-selected=${index === active ? "true" : "false"}
              data-testid="search-hit"
              data-event-id=${hit.id}
              @mousedown=${(event: MouseEvent) => event.preventDefault() /* keep focus in the box */}
              @click=${() => choose(hit)}
              @mousemove=${() => {
                if (active !== index) {
                  active = index;
                  draw();
                }
              }}
            >
              <span class="hit-title">${displayTitle(hit)}</span>
              <span class="hit-meta">
                <span class="swatch ${kindClass(hit.kind)}" aria-hidden="true"></span>
                <span class="hit-kind">${kindLabel(hit.kind)}</span>
                <span class="hit-sep" aria-hidden="true">·</span>
                <span class="hit-date">${formatDateRange(hit.start, hit.end)}</span>
              </span>
              ${hit.snippet.trim() !== "" ? html`<span class="hit-snippet">${snippetNodes(hit.snippet)}</span>` : nothing}
            </li>`,
          )
        : nothing,
      list,
    );
    const line = visible ? statusLine() : { text: "", refused: false };
    status.textContent = line.text;
    status.classList.toggle("refused", line.refused);
    if (visible && active >= 0) {
      list.querySelector(`#search-hit-${active}`)?.scrollIntoView({ block: "nearest" });
    }
  }

  function run(now: boolean): void {
    const text = input.value.trim();
    if (text === "") {
      loader.cancel();
      pending = false;
      hits = [];
      answered = "";
      refusal = "";
      active = -1;
      draw();
      return;
    }
    pending = true;
    const query = { text, filter: callbacks.filter() };
    if (now) loader.requestNow(query);
    else loader.request(query);
    draw();
  }

  function choose(hit: SearchHit): void {
    open = false;
    draw();
    callbacks.choose(hit);
  }

  function close(): boolean {
    if (popup.hidden) return false;
    open = false;
    draw();
    return true;
  }

  input.addEventListener("input", () => {
    open = true;
    active = -1;
    chooseWhenAnswered = false;
    run(false);
  });
  input.addEventListener("focus", () => {
    if (input.value.trim() !== "") {
      open = true;
      draw();
    }
  });
  input.addEventListener("blur", () => {
    open = false;
    draw();
  });
  input.addEventListener("keydown", (event) => {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!open) {
          open = true;
        } else if (hits.length > 0) {
          const step = event.key === "ArrowDown" ? 1 : -1;
          active = active === -1 && step < 0 ? hits.length - 1 : (active + step + hits.length) % hits.length;
        }
        draw();
        break;
      }
      case "Enter": {
        event.preventDefault();
        const text = input.value.trim();
        if (text === "") return;
        if (pending || answered !== text) {
          // Typed faster than the debounce: choose the best hit as soon as it arrives.
          chooseWhenAnswered = true;
          run(true);
          return;
        }
        const hit = hits[active >= 0 ? active : 0];
        if (hit) choose(hit);
        break;
      }
      case "Escape":
        if (close()) {
          event.preventDefault();
          event.stopPropagation();
        } else if (input.value !== "") {
          event.preventDefault();
          event.stopPropagation();
          input.value = "";
          run(true);
        }
        break;
      default:
        break;
    }
  });

  return {
    focus() {
      input.focus();
      input.select();
    },
    refresh() {
      if (input.value.trim() !== "") run(true);
    },
    close,
  };
}
