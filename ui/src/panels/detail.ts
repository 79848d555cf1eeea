// The detail panel: everything about the selected event, its sources as links that open
// in the system browser. All text is set with textContent.
import type { EventLinks, Source, StoredEvent } from "../api/types";
import { formatDateRange, formatPartialDate } from "../format/date";
import { kindClass, kindLabel, sideLabel, verificationLabel, verificationNote } from "../format/labels";
import { headingTitles } from "../format/title-language";
import { provenanceLabel } from "../timeline/render";
import { hasLinks, linksList } from "./event-links";
import { isWebUrl } from "./links";

export interface DetailPanel {
  show(event: StoredEvent): void;
  hide(): void;
  openId(): string | null;
  /** The event shown, or null when the panel is closed. */
  current(): StoredEvent | null;
  /** Shows the links of event `id`, if it is still the one shown (they arrive after it). */
  setLinks(id: string, links: EventLinks): void;
}

export interface DetailCallbacks {
  close(): void;
  openSource(url: string): void;
  edit(event: StoredEvent): void;
  delete(event: StoredEvent): void;
  /** Opens the editor on a new event filled from this one. */
  duplicate?(event: StoredEvent): void;
  /** Opens a linked event. */
  openLinked(id: string): void;
  /** Filters the timeline to the event's thread. */
  showThread(event: StoredEvent): void;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function required<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`Detail panel markup lacks ${selector}`);
  return found;
}

function section(title: string, ...content: Node[]): HTMLElement {
  const wrapper = element("section", "detail-section");
  wrapper.append(element("h3", "detail-section-title", title), ...content);
  return wrapper;
}

/** The date a source gives for the event, and in whose calendar: "28 July 2022 (Washington time)". */
function reportedDate(source: Source): string | null {
  if (!source.reported_date) return null;
  const place = source.reported_place ? ` (${source.reported_place} time)` : "";
  return `${formatPartialDate(source.reported_date)}${place}`;
}

function sourceItem(source: Source, callbacks: DetailCallbacks): HTMLLIElement {
  const item = element("li", "source");
  const meta = element("p", "source-meta");
  meta.append(element("span", "source-publisher", source.publisher));
  if (source.published) {
    meta.append(element("span", "source-published", formatPartialDate(source.published)));
  }
  item.append(meta);

  if (isWebUrl(source.url)) {
    const link = element("a", "source-link", source.title || source.url);
    link.href = source.url;
    link.dataset.testid = "source-link";
    link.rel = "noopener noreferrer";
    link.title = source.url;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      if (isWebUrl(source.url)) callbacks.openSource(source.url);
    });
    // A middle click must not open a second webview window either.
    link.addEventListener("auxclick", (event) => event.preventDefault());
    item.append(link);
  } else {
    const title = element("span", "source-title", source.title || source.url);
    const note = element("span", "source-note", "Not a web address, so it is not opened.");
    item.append(title, note);
  }

  if (source.quote) {
    const quote = element("blockquote", "source-quote");
    quote.append(element("p", undefined, source.quote));
    item.append(quote);
  }
  const reported = reportedDate(source);
  if (reported) item.append(element("p", "source-reported", `Gives the date as ${reported}`));
  if (source.archived_url && isWebUrl(source.archived_url)) {
    const archived = source.archived_url;
    const when = source.archived_at ? `, ${formatPartialDate(source.archived_at)}` : "";
    const link = element("a", "source-archived", `Archived copy${when}`);
    link.href = archived;
    link.rel = "noopener noreferrer";
    link.title = archived;
    link.dataset.testid = "source-archived";
    link.addEventListener("click", (event) => {
      event.preventDefault();
      if (isWebUrl(archived)) callbacks.openSource(archived);
    });
    link.addEventListener("auxclick", (event) => event.preventDefault());
    item.append(link);
  }
  return item;
}

/** Each source's date for the event, when they disagree: the reader sees who says what. */
function disputedDates(event: StoredEvent): HTMLElement {
  const list = element("ul", "disputed-dates");
  list.dataset.testid = "disputed-dates";
  list.append(element("li", undefined, `This timeline: ${formatDateRange(event.start, event.end)}`));
  for (const source of event.sources) {
    const reported = reportedDate(source);
    if (reported) list.append(element("li", undefined, `${source.publisher || source.title}: ${reported}`));
  }
  return list;
}

/** The US and PRC readouts of one call or meeting, quote beside quote. */
function readoutsSideBySide(event: StoredEvent): HTMLElement | null {
  const pair = event.readouts;
  if (!pair) return null;
  const us = event.sources[pair.us];
  const china = event.sources[pair.china];
  if (!us?.quote || !china?.quote) return null;
  const grid = element("div", "readouts");
  grid.dataset.testid = "readouts";
  for (const [label, source] of [
    ["US readout", us],
    ["PRC readout", china],
  ] as const) {
    const column = element("figure", "readout");
    const quote = element("blockquote", "source-quote");
    quote.append(element("p", undefined, source.quote ?? ""));
    column.append(element("figcaption", "readout-label", `${label} · ${source.publisher}`), quote);
    grid.append(column);
  }
  return grid;
}

export function createDetailPanel(root: HTMLElement, callbacks: DetailCallbacks): DetailPanel {
  const kind = required<HTMLElement>(root, "[data-testid=detail-kind]");
  const title = required<HTMLElement>(root, "[data-testid=detail-title]");
  const secondTitle = required<HTMLElement>(root, "[data-testid=detail-title-second]");
  const badge = required<HTMLElement>(root, "[data-testid=detail-verification]");
  const date = required<HTMLElement>(root, "[data-testid=detail-date]");
  const body = required<HTMLElement>(root, ".detail-body");
  const origin = required<HTMLElement>(root, "[data-testid=detail-origin]");
  const close = required<HTMLButtonElement>(root, "[data-action=close-detail]");
  close.addEventListener("click", () => callbacks.close());
  const threadButton = required<HTMLButtonElement>(root, "[data-action=show-thread]");
  let current: StoredEvent | null = null;
  /** The links last shown, kept so a redraw of the same event (titles switched) keeps them. */
  let shownLinks: { id: string; links: EventLinks } | null = null;
  // Filled when the links arrive; sits between the tags and the sources.
  let linksSlot = element("div", "detail-links");
  const drawLinks = (): void => {
    const links = shownLinks && current && shownLinks.id === current.id ? shownLinks.links : null;
    const list = links ? linksList(links, (id) => callbacks.openLinked(id)) : null;
    linksSlot.replaceChildren(...(list ? [section("Links", list)] : []));
    threadButton.hidden = !(links && hasLinks(links));
  };
  threadButton.addEventListener("click", () => {
    if (current) callbacks.showThread(current);
  });
  required<HTMLButtonElement>(root, "[data-action=edit-event]").addEventListener("click", () => {
    if (current) callbacks.edit(current);
  });
  required<HTMLButtonElement>(root, "[data-action=delete-event]").addEventListener("click", () => {
    if (current) callbacks.delete(current);
  });
  root.querySelector<HTMLButtonElement>("[data-action=duplicate-event]")?.addEventListener("click", () => {
    if (current) callbacks.duplicate?.(current);
  });

  return {
    show(event) {
      current = event;
      const swatch = element("span", `swatch ${kindClass(event.kind)}`);
      swatch.setAttribute("aria-hidden", "true");
      kind.replaceChildren(swatch, document.createTextNode(kindLabel(event.kind)));
      const titles = headingTitles(event);
      title.textContent = titles.main;
      title.lang = titles.main === event.title ? "en" : "zh-Hans";
      secondTitle.textContent = titles.second ?? "";
      secondTitle.lang = titles.second === event.title ? "en" : "zh-Hans";
      secondTitle.hidden = titles.second === null;
      const state = event.verification;
      badge.hidden = !state;
      if (state) {
        badge.textContent = verificationLabel(state);
        badge.title = verificationNote(state);
        badge.className = `verification-badge verification-${state}`;
      }
      date.textContent = formatDateRange(event.start, event.end);
      const provenance = provenanceLabel(event);
      origin.textContent = provenance ?? "";
      origin.hidden = provenance === null;

      const parts: Node[] = [];
      if (event.actors.length > 0) {
        const list = element("ul", "actors");
        for (const actor of event.actors) {
          const item = element("li", "actor");
          item.append(
            element("span", "actor-name", actor.name),
            element("span", "actor-sep", " · "),
            element("span", `actor-side side-${actor.side}`, sideLabel(actor.side)),
          );
          if (actor.name_zh) {
            const zh = element("span", "actor-zh", actor.pinyin ? `${actor.name_zh} · ${actor.pinyin}` : actor.name_zh);
            zh.lang = "zh-Hans";
            item.append(zh);
          }
          list.append(item);
        }
        parts.push(section("Actors", list));
      }
      if (event.location) parts.push(section("Location", element("p", "location", event.location)));
      if (event.summary) parts.push(section("Summary", element("p", "summary", event.summary)));
      if (event.tags.length > 0) {
        const tags = element("ul", "tags");
        for (const tag of event.tags) tags.append(element("li", "tag", tag));
        parts.push(section("Tags", tags));
      }
      if (event.verification === "disputed") {
        parts.push(section("Dates reported", disputedDates(event)));
      }
      linksSlot = element("div", "detail-links");
      linksSlot.dataset.testid = "detail-links";
      parts.push(linksSlot);
      drawLinks();
      const readouts = readoutsSideBySide(event);
      if (readouts) parts.push(section("Readouts side by side", readouts));
      const sources = element("ol", "sources");
      for (const source of event.sources) sources.append(sourceItem(source, callbacks));
      parts.push(
        event.sources.length > 0
          ? section(`Sources (${event.sources.length})`, sources)
          : section("Sources", element("p", "muted", "No sources recorded.")),
      );
      body.replaceChildren(...parts);
      root.hidden = false;
      root.scrollTop = 0;
    },
    setLinks(id, links) {
      shownLinks = { id, links };
      if (current?.id === id) drawLinks();
    },
    hide() {
      current = null;
      root.hidden = true;
    },
    openId: () => current?.id ?? null,
    current: () => current,
  };
}
