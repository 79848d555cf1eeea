// The detail panel: everything about the selected event, its sources as links that open
// in the system browser. All text is set with textContent.
import type { Source, StoredEvent } from "../api/types";
import { formatDateRange, formatPartialDate } from "../format/date";
import { kindClass, kindLabel, sideLabel } from "../format/labels";
import { provenanceLabel } from "../timeline/render";
import { isWebUrl } from "./links";

export interface DetailPanel {
  show(event: StoredEvent): void;
  hide(): void;
  openId(): string | null;
  /** The event shown, or null when the panel is closed. */
  current(): StoredEvent | null;
}

export interface DetailCallbacks {
  close(): void;
  openSource(url: string): void;
  edit(event: StoredEvent): void;
  delete(event: StoredEvent): void;
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
  return item;
}

export function createDetailPanel(root: HTMLElement, callbacks: DetailCallbacks): DetailPanel {
  const kind = required<HTMLElement>(root, "[data-testid=detail-kind]");
  const title = required<HTMLElement>(root, "[data-testid=detail-title]");
  const date = required<HTMLElement>(root, "[data-testid=detail-date]");
  const body = required<HTMLElement>(root, ".detail-body");
  const origin = required<HTMLElement>(root, "[data-testid=detail-origin]");
  const close = required<HTMLButtonElement>(root, "[data-action=close-detail]");
  close.addEventListener("click", () => callbacks.close());
  let current: StoredEvent | null = null;
  required<HTMLButtonElement>(root, "[data-action=edit-event]").addEventListener("click", () => {
    if (current) callbacks.edit(current);
  });
  required<HTMLButtonElement>(root, "[data-action=delete-event]").addEventListener("click", () => {
    if (current) callbacks.delete(current);
  });

  return {
    show(event) {
      current = event;
      const swatch = element("span", `swatch ${kindClass(event.kind)}`);
      swatch.setAttribute("aria-hidden", "true");
      kind.replaceChildren(swatch, document.createTextNode(kindLabel(event.kind)));
      title.textContent = event.title;
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
    hide() {
      current = null;
      root.hidden = true;
    },
    openId: () => current?.id ?? null,
    current: () => current,
  };
}
