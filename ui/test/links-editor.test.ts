// @vitest-environment happy-dom
// Editing links: an edit keeps the event's links, the editor names them, removes one, adds
// one found by title through search (never the event itself), and saves them in order.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { beforeEach, describe, expect, it } from "vitest";
import type { Event, SearchHit, StoredEvent } from "../src/api/types";
import { EventEditor } from "../src/editor/editor-dialog";
import { addLink, eventFromForm, formFromEvent, isDirty, nameLinks } from "../src/editor/event-form";
import { linkSuggestions } from "../src/editor/links-field";
import { storedEvent } from "./support/stored-event";

const stored: StoredEvent = storedEvent({
  id: "2018-04-04-china-tariffs",
  title: "China announces tariffs on 106 US products",
  start: "2018-04-04",
  kind: "trade_measure",
  links: [
    { relation: "responds_to", target: "2018-04-03-ustr-list" },
    { relation: "follows_up", target: "2018-03-22-memo" },
  ],
  origin: "dataset",
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-01T00:00:00Z",
});

const hit = (id: string, title: string): SearchHit => ({ id, title, start: "2018-03-08", kind: "trade_measure", snippet: "" });

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  const page = readFileSync(join(cwd(), "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "";
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, "");
});

describe("links in the event form", () => {
  it("an edit sends the links back as they were, so saving never drops them", () => {
    const form = formFromEvent(stored);
    expect(eventFromForm(form).event?.links).toEqual(stored.links);
    const bare = formFromEvent({ ...stored, links: [] });
    expect(eventFromForm(bare).event, "no links: no key, as the backend writes it").not.toHaveProperty("links");
  });

  it("refuses a link to the event itself or the same link twice, and titles do not make the form dirty", () => {
    const form = formFromEvent(stored);
    const initial = structuredClone(form);
    expect(addLink(form, "part_of", stored.id, "Itself")).toContain("itself");
    expect(addLink(form, "responds_to", "2018-04-03-ustr-list", "USTR list")).toContain("already");
    expect(isDirty(initial, form), "a refused link changes nothing").toBe(false);
    nameLinks(form, new Map([["2018-04-03-ustr-list", "USTR list"]]));
    expect(form.links.map((link) => link.title)).toEqual(["USTR list", ""]);
    expect(isDirty(initial, form), "naming the links is not an edit").toBe(false);
    expect(addLink(form, "responds_to", "2018-03-08-steel", "Steel tariffs")).toBeNull();
    expect(isDirty(initial, form)).toBe(true);
  });

  it("offers search hits without the event itself", () => {
    const hits = [hit(stored.id, "Itself"), hit("2018-03-08-steel", "Steel tariffs")];
    expect(linkSuggestions(hits, stored.id).map((s) => s.value)).toEqual(["2018-03-08-steel"]);
  });
});

describe("the editor's links group", () => {
  it("names the links, removes one, adds one found by title and saves them", async () => {
    const dialog = document.querySelector<HTMLDialogElement>("[data-testid=editor]");
    if (!dialog) throw new Error("editor markup");
    const sent: Event[] = [];
    const searched: string[] = [];
    const editor = new EventEditor(dialog, {
      create: async () => stored,
      update: async (event) => {
        sent.push(event);
        return stored;
      },
      actors: () => [],
      tags: () => [],
      confirmDiscard: async () => true,
      saved() {},
      searchEvents: async (text) => {
        searched.push(text);
        return [hit(stored.id, "China announces tariffs on 106 US products"), hit("2018-03-08-steel", "Section 232 steel tariffs")];
      },
      eventLinks: async () => ({
        outgoing: [
          { relation: "responds_to", id: "2018-04-03-ustr-list", title: "USTR proposes $50 billion list", start: "2018-04-03" },
          { relation: "follows_up", id: "2018-03-22-memo", title: null, start: null },
        ],
        incoming: [],
      }),
    });
    editor.open(stored);
    await settle();
    const rows = (): string[] => [...dialog.querySelectorAll(".link-row")].map((row) => row.querySelector(".link-row-title")?.textContent ?? "");
    expect(rows(), "a link to a deleted event shows its id").toEqual(["USTR proposes $50 billion list", "2018-03-22-memo"]);

    dialog.querySelectorAll<HTMLButtonElement>("[data-testid=remove-link]")[1]?.click();
    expect(rows()).toEqual(["USTR proposes $50 billion list"]);

    const relation = dialog.querySelector<HTMLSelectElement>("[data-field='links.relation']");
    if (!relation) throw new Error("relation select");
    relation.value = "part_of";
    relation.dispatchEvent(new window.Event("change"));
    const search = dialog.querySelector<HTMLInputElement>("[data-field='links.search']");
    if (!search) throw new Error("search input");
    search.value = "steel";
    search.dispatchEvent(new window.Event("input"));
    await settle();
    expect(searched).toEqual(["steel"]);
    const options = [...dialog.querySelectorAll<HTMLElement>(".suggestion")];
    expect(options.map((o) => o.querySelector(".suggestion-label")?.textContent), "the event itself is not offered").toEqual(["Section 232 steel tariffs"]);
    options[0]?.click();
    expect(rows()).toEqual(["USTR proposes $50 billion list", "Section 232 steel tariffs"]);
    expect(dialog.querySelector(".link-row:last-child .link-row-relation")?.textContent).toBe("Part of:");

    dialog.querySelector<HTMLButtonElement>("[data-testid=editor-save]")?.click();
    await settle();
    expect(sent[0]?.links).toEqual([
      { relation: "responds_to", target: "2018-04-03-ustr-list" },
      { relation: "part_of", target: "2018-03-08-steel" },
    ]);
  });
});
