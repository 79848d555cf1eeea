// @vitest-environment happy-dom
// Duplicate: the editor opens as a new event filled from the original, stores it only on Save
// (as a create, never an update of the original), and closing it stores nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { beforeEach, describe, expect, it } from "vitest";
import type { Event, StoredEvent } from "../src/api/types";
import { duplicateOf } from "../src/editor/duplicate";
import { EventEditor } from "../src/editor/editor-dialog";

const original: StoredEvent = {
  id: "2023-11-15-woodside-summit",
  title: "Biden and Xi meet at Woodside",
  summary: "They met.",
  start: "2023-11-15",
  kind: "summit",
  actors: [{ name: "Joe Biden", side: "us" }],
  tags: ["apec"],
  sources: [{ url: "https://example.org/a", title: "Report", publisher: "example.org" }],
  links: [{ relation: "part_of", target: "2023-11-apec" }],
  origin: "dataset",
  edited: false,
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-01T00:00:00Z",
};

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  const page = readFileSync(join(cwd(), "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "";
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, "");
});

function editor(created: Event[], updated: Event[]) {
  const dialog = document.querySelector<HTMLDialogElement>("[data-testid=editor]");
  if (!dialog) throw new Error("editor markup");
  const saved: boolean[] = [];
  const instance = new EventEditor(dialog, {
    create: async (event) => {
      created.push(event);
      return { ...original, ...event, id: "new-id" };
    },
    update: async (event) => {
      updated.push(event);
      return original;
    },
    actors: () => [],
    tags: () => [],
    confirmDiscard: async () => true,
    saved: (_event, isNew) => saved.push(isNew),
    searchEvents: async () => [],
    eventLinks: async () => ({ outgoing: [], incoming: [] }),
  });
  return { dialog, instance, saved };
}

describe("duplicating an event", () => {
  it("opens a new event filled from the original and creates it on Save", async () => {
    const created: Event[] = [];
    const updated: Event[] = [];
    const { dialog, instance, saved } = editor(created, updated);
    instance.openCopy(duplicateOf(original));
    expect(dialog.querySelector("#editor-heading")?.textContent).toBe("New event");
    expect(dialog.querySelector<HTMLInputElement>("[data-field=title]")?.value).toBe("Biden and Xi meet at Woodside (copy)");
    expect(created, "nothing is stored before Save").toEqual([]);
    dialog.querySelector<HTMLButtonElement>("[data-testid=editor-save]")?.click();
    await settle();
    expect(updated, "the original is never overwritten").toEqual([]);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      id: "",
      title: "Biden and Xi meet at Woodside (copy)",
      start: "2023-11-15",
      kind: "summit",
      actors: [{ name: "Joe Biden", side: "us" }],
      tags: ["apec"],
      summary: "They met.",
    });
    expect(created[0]?.sources.map((s) => s.url)).toEqual(["https://example.org/a"]);
    expect(created[0]).not.toHaveProperty("links");
    expect(saved).toEqual([true]);
  });
});
