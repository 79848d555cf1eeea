// @vitest-environment happy-dom
// The panel's links: both directions named from the event's side, a deleted event said to be
// gone, a click opening the linked event, user titles as text; and the thread as a filter chip.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { beforeEach, describe, expect, it } from "vitest";
import type { EventLinks, StoredEvent } from "../src/api/types";
import { createDetailPanel } from "../src/panels/detail";
import { linkLines, MISSING_EVENT } from "../src/panels/event-links";
import { emptyFilter, filterChips, isEmptyFilter, parseFilter, removeChip, serialiseFilter, showThread } from "../src/panels/filter-model";
import { storedEvent } from "./support/stored-event";

const XSS = "<img src=x onerror=alert(1)>";

const reply: StoredEvent = storedEvent({
  id: "2018-04-04-china-tariffs",
  title: "China announces tariffs on 106 US products",
  start: "2018-04-04",
  kind: "trade_measure",
  links: [{ relation: "responds_to", target: "2018-04-03-ustr-list" }],
  origin: "dataset",
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-01T00:00:00Z",
});

const links: EventLinks = {
  outgoing: [
    { relation: "responds_to", id: "2018-04-03-ustr-list", title: "USTR proposes $50 billion tariff list", start: "2018-04-03" },
    { relation: "part_of", id: "gone", title: null, start: null },
  ],
  incoming: [{ relation: "responds_to", id: "later", title: XSS, start: "2018-04-05" }],
};

beforeEach(() => {
  const page = readFileSync(join(cwd(), "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "";
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, "");
});

describe("links in the detail panel", () => {
  it("names each link from the event's side, outgoing first, and says when an event is gone", () => {
    expect(linkLines(links).map((line) => [line.label, line.title])).toEqual([
      ["Responds to", "USTR proposes $50 billion tariff list"],
      ["Part of", null],
      ["Responded to by", XSS],
    ]);
    expect(linkLines(links)[0]?.date).toBe("3 April 2018");
  });

  it("lists the links once they arrive, opens one on a click, and offers the thread", () => {
    const root = document.querySelector<HTMLElement>("[data-testid=detail-panel]");
    if (!root) throw new Error("panel markup");
    const opened: string[] = [];
    const threads: string[] = [];
    const panel = createDetailPanel(root, {
      close() {},
      openSource() {},
      edit() {},
      delete() {},
      openLinked: (id) => opened.push(id),
      showThread: (event) => threads.push(event.id),
    });
    const thread = root.querySelector<HTMLButtonElement>("[data-testid=show-thread]");
    panel.show(reply);
    expect(root.querySelector("[data-testid=event-links]"), "no links before they arrive").toBeNull();
    expect(thread?.hidden, "no thread to show before the links are known").toBe(true);

    panel.setLinks("some-other-event", links);
    expect(root.querySelector("[data-testid=event-links]"), "links of another event are not shown").toBeNull();

    panel.setLinks(reply.id, links);
    const items = [...root.querySelectorAll(".event-link")].map((item) => item.textContent);
    expect(items).toEqual([
      "Responds to: USTR proposes $50 billion tariff list · 3 April 2018",
      `Part of: ${MISSING_EVENT}`,
      `Responded to by: ${XSS} · 5 April 2018`,
    ]);
    expect(root.querySelector("img"), "a title is text, never markup").toBeNull();
    root.querySelector<HTMLButtonElement>(".event-link-target")?.click();
    expect(opened).toEqual(["2018-04-03-ustr-list"]);
    expect(thread?.hidden).toBe(false);
    thread?.click();
    expect(threads).toEqual([reply.id]);

    panel.show(reply);
    expect(root.querySelectorAll(".event-link"), "redrawing the same event keeps its links").toHaveLength(3);
    panel.show({ ...reply, id: "unlinked", links: [] });
    expect(root.querySelector("[data-testid=event-links]")).toBeNull();
    expect(thread?.hidden).toBe(true);
  });
});

describe("the thread filter", () => {
  it("is a removable chip named after the event, and is not saved for the next start", () => {
    const filter = showThread({ ...emptyFilter(), kinds: ["summit"] }, "2018-04-04-china-tariffs");
    expect(isEmptyFilter(filter)).toBe(false);
    const chips = filterChips(filter, (id) => (id === "2018-04-04-china-tariffs" ? "China announces tariffs" : null));
    expect(chips.map((chip) => chip.label)).toEqual(["Kind: Summit", "Thread of China announces tariffs"]);
    expect(filterChips(filter).at(-1)?.label, "before the title is known, the id").toBe("Thread of 2018-04-04-china-tariffs");
    const removed = removeChip(filter, { field: "thread", value: "2018-04-04-china-tariffs" });
    expect(removed.thread).toBeUndefined();
    expect(removed.kinds).toEqual(["summit"]);
    expect(parseFilter(serialiseFilter(filter)).thread).toBeUndefined();
    expect(isEmptyFilter(removeChip(showThread(emptyFilter(), "x"), { field: "thread", value: "x" }))).toBe(true);
  });
});
