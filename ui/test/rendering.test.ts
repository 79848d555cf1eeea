// @vitest-environment happy-dom
// User text reaches the page as text, never as markup: the detail panel, the search list, the
// filter chips, the band headers and the editor, each given an event whose every field is HTML.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { beforeEach, describe, expect, it } from "vitest";
import type { SearchHit, StoredEvent } from "../src/api/types";
import { EventEditor } from "../src/editor/editor-dialog";
import { setTitleLanguage } from "../src/format/title-language";
import { createDetailPanel } from "../src/panels/detail";
import { emptyFilter } from "../src/panels/filter-model";
import { createFilters } from "../src/panels/filters";
import { createSearch } from "../src/panels/search";
import { renderBandHeaders } from "../src/timeline/band-headers";

const XSS = "<img src=x onerror=alert(1)>";

const event: StoredEvent = {
  id: "xss",
  title: XSS,
  summary: `<script>alert(2)</script>${XSS}`,
  start: "2023-11-15",
  kind: "summit",
  actors: [{ name: XSS, side: "us" }],
  location: XSS,
  tags: [XSS],
  sources: [{ url: "https://example.org/a", title: XSS, publisher: XSS, quote: XSS }],
  origin: "user",
  edited: false,
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-01T00:00:00Z",
};

function noMarkup(root: ParentNode): void {
  expect(root.querySelector("img"), "an <img> was created from user text").toBeNull();
  expect(root.querySelector("script"), "a <script> was created from user text").toBeNull();
}

beforeEach(() => {
  // The app's own static page: the skeleton every module finds its parts in.
  const page = readFileSync(join(cwd(), "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "";
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, "");
});

describe("user text is shown as text", () => {
  it("in the detail panel, with who made it", () => {
    const root = document.querySelector<HTMLElement>("[data-testid=detail-panel]");
    if (!root) throw new Error("panel markup");
    const panel = createDetailPanel(root, { close() {}, openSource() {}, edit() {}, delete() {}, openLinked() {}, showThread() {} });
    panel.show(event);
    noMarkup(root);
    expect(root.querySelector("[data-testid=detail-title]")?.textContent).toBe(XSS);
    expect(root.querySelector(".summary")?.textContent).toBe(event.summary);
    expect(root.querySelector(".actor-name")?.textContent).toBe(XSS);
    expect(root.querySelector(".tag")?.textContent).toBe(XSS);
    expect(root.querySelector(".source-link")?.textContent).toBe(XSS);
    expect(root.querySelector("[data-testid=detail-origin]")?.textContent).toBe("Added by you");
    panel.show({ ...event, origin: "dataset", edited: true });
    expect(root.querySelector("[data-testid=detail-origin]")?.textContent).toBe("Edited by you");
    panel.show({ ...event, origin: "dataset", edited: false });
    expect(root.querySelector<HTMLElement>("[data-testid=detail-origin]")?.hidden).toBe(true);
  });

  it("in the detail panel's provenance: Chinese title, verification, each source's date, readouts side by side", () => {
    const root = document.querySelector<HTMLElement>("[data-testid=detail-panel]");
    if (!root) throw new Error("panel markup");
    const opened: string[] = [];
    const panel = createDetailPanel(root, { close() {}, openSource: (url) => opened.push(url), edit() {}, delete() {}, openLinked() {}, showThread() {} });
    const call: StoredEvent = {
      ...event,
      title: "Biden and Xi speak by phone",
      title_zh: XSS,
      actors: [{ name: "Xi Jinping", side: "china", name_zh: XSS, pinyin: "Xí Jìnpíng" }],
      sources: [
        { url: "https://www.whitehouse.gov/r", title: "Readout", publisher: "The White House", quote: XSS, reported_date: "2022-07-28", reported_place: "Washington" },
        { url: "https://www.fmprc.gov.cn/eng/r.html", title: "Xi speaks with Biden", publisher: "PRC Foreign Ministry", quote: "Those who play with fire will perish by it.", reported_date: "2022-07-30" },
        { url: "https://example.org/b", title: "b", publisher: "Example", archived_url: "https://web.archive.org/web/2022/https://example.org/b", archived_at: "2022-08-01" },
      ],
      verification: "disputed",
      readouts: { us: 0, china: 1 },
    };
    setTitleLanguage("both");
    panel.show(call);
    noMarkup(root);
    expect(root.querySelector("[data-testid=detail-title]")?.textContent).toBe("Biden and Xi speak by phone");
    expect(root.querySelector("[data-testid=detail-title-second]")?.textContent).toBe(XSS);
    expect(root.querySelector("[data-testid=detail-verification]")?.textContent).toBe("Disputed");
    expect(root.querySelector(".actor-zh")?.textContent).toBe(`${XSS} · Xí Jìnpíng`);
    const dates = [...root.querySelectorAll("[data-testid=disputed-dates] li")].map((li) => li.textContent);
    expect(dates).toEqual(["This timeline: 15 November 2023", "The White House: 28 July 2022 (Washington time)", "PRC Foreign Ministry: 30 July 2022"]);
    const readouts = [...root.querySelectorAll("[data-testid=readouts] blockquote")].map((q) => q.textContent);
    expect(readouts).toEqual([XSS, "Those who play with fire will perish by it."]);
    root.querySelector<HTMLAnchorElement>("[data-testid=source-archived]")?.click();
    expect(opened).toEqual(["https://web.archive.org/web/2022/https://example.org/b"]);
    setTitleLanguage("zh");
    panel.show(call);
    expect(root.querySelector("[data-testid=detail-title]")?.textContent).toBe(XSS);
    expect(root.querySelector("[data-testid=detail-title-second]")?.textContent).toBe("Biden and Xi speak by phone");
    setTitleLanguage("en");
  });

  it("in the search results, with the matched terms marked", async () => {
    const hit: SearchHit = { id: "xss", title: XSS, start: "2023-11", kind: "summit", snippet: `a \u0002${XSS}\u0003 b` };
    const root = document.querySelector<HTMLElement>("[data-testid=search]");
    if (!root) throw new Error("search markup");
    const chosen: string[] = [];
    createSearch(root, {
      search: async () => ({ hits: [hit] }),
      choose: (h) => chosen.push(h.id),
      error: (e) => {
        throw e;
      },
      filter: emptyFilter,
    });
    const input = root.querySelector<HTMLInputElement>("input");
    if (!input) throw new Error("search input");
    input.focus();
    input.value = "img";
    input.dispatchEvent(new Event("input"));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const item = root.querySelector("[data-testid=search-hit]");
    expect(item, "the hit is listed").not.toBeNull();
    noMarkup(root);
    expect(item?.querySelector(".hit-title")?.textContent).toBe(XSS);
    expect(item?.querySelector(".hit-date")?.textContent, "the date at its precision").toBe("November 2023");
    expect(item?.querySelector("mark")?.textContent).toBe(XSS);
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(chosen).toEqual(["xss"]);
  });

  it("in the filter chips and the band headers", () => {
    const bar = document.querySelector<HTMLElement>("[data-testid=filter-bar]");
    const dialog = document.querySelector<HTMLDialogElement>("[data-testid=filter-dialog]");
    if (!bar || !dialog) throw new Error("filter markup");
    createFilters(bar, dialog, { ...emptyFilter(), actors: [XSS], tags: [XSS] }, {
      facets: async () => ({ total: 0, kinds: [], actors: [], tags: [], sides: [], verifications: [] }),
      change() {},
      error() {},
    });
    noMarkup(bar);
    expect([...bar.querySelectorAll(".chip-text")].map((chip) => chip.textContent)).toEqual([`Actor: ${XSS}`, `Tag: ${XSS}`]);

    const headers = document.createElement("div");
    renderBandHeaders(
      headers,
      [{ key: `actor:${XSS}`, label: XSS, count: 2, collapsed: false, laneCount: 1, top: 6, lanesTop: 34, height: 62 }],
      () => {},
    );
    noMarkup(headers);
    const button = headers.querySelector<HTMLButtonElement>("button.band-header");
    expect(button?.querySelector(".band-label")?.textContent).toBe(XSS);
    expect(button?.getAttribute("style"), "positioned through the CSSOM (CSP forbids style attributes from markup)").toContain("top");
  });

  it("in the editor's inputs", () => {
    const dialog = document.querySelector<HTMLDialogElement>("[data-testid=editor]");
    if (!dialog) throw new Error("editor markup");
    const editor = new EventEditor(dialog, {
      create: async () => event,
      update: async () => event,
      actors: () => [],
      tags: () => [],
      confirmDiscard: async () => true,
      saved() {},
      searchEvents: async () => [],
      eventLinks: async () => ({ outgoing: [], incoming: [] }),
    });
    editor.open(event);
    noMarkup(dialog);
    expect(dialog.querySelector<HTMLInputElement>("[data-field=title]")?.value).toBe(XSS);
    expect(dialog.querySelector<HTMLInputElement>("[data-field='actors.0.name']")?.value).toBe(XSS);
    expect(dialog.querySelector<HTMLTextAreaElement>("[data-field='sources.0.quote']")?.value).toBe(XSS);
    expect(dialog.querySelector(".chips .chip-text")?.textContent).toBe(XSS);
  });
});
