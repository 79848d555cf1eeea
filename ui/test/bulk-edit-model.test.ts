import { describe, expect, it } from "vitest";
import { bulkEditFrom, bulkFieldForError, bulkFormErrors, bulkSummary, emptyBulkForm } from "../src/table/bulk-edit-model";
import { duplicateOf } from "../src/editor/duplicate";
import { storedEvent } from "./support/stored-event";

describe("bulk edit form", () => {
  it("says what will change, on how many events", () => {
    const form = { ...emptyBulkForm(), kind: "summit" as const };
    expect(bulkSummary(form, 12)).toEqual(["Set kind to Summit on 12 events"]);
    form.addTags = ["apec"];
    form.removeTagDraft = "draft-typed";
    form.actorAction = "remove";
    form.actorName = " Joe Biden ";
    expect(bulkSummary(form, 1)).toEqual([
      "Set kind to Summit on 1 event",
      "Add tag “apec” to 1 event",
      "Remove tag “draft-typed” from 1 event",
      "Remove actor Joe Biden (US) from 1 event",
    ]);
    expect(bulkSummary(emptyBulkForm(), 5)).toEqual([]);
  });

  it("builds the change the backend applies, with a tag still being typed", () => {
    const form = { ...emptyBulkForm(), addTags: ["a"], addTagDraft: "b,", actorAction: "add" as const, actorName: "Wang Yi", actorSide: "china" as const };
    expect(bulkEditFrom(form, { type: "ids", ids: ["x"] })).toEqual({
      target: { type: "ids", ids: ["x"] },
      add_tags: ["a", "b"],
      remove_tags: [],
      add_actors: [{ name: "Wang Yi", side: "china" }],
      remove_actors: [],
    });
  });

  it("an actor chosen without a name is the form's own error; backend paths find their field", () => {
    expect(bulkFormErrors({ ...emptyBulkForm(), actorAction: "add" }).get("actor")).toMatch(/name/);
    expect(bulkFieldForError("set_kind")).toBe("kind");
    expect(bulkFieldForError("add_tags[1]")).toBe("addTags");
    expect(bulkFieldForError("remove_actors[0].name")).toBe("actor");
    expect(bulkFieldForError("target.ids[2]")).toBeNull();
  });
});

describe("duplicateOf", () => {
  it("copies everything a new event needs, titled as a copy, without id or links", () => {
    const stored = storedEvent({
      id: "2023-11-15-woodside-summit",
      title: "Woodside summit",
      title_zh: "伍德赛德峰会",
      summary: "Biden and Xi met.",
      end: "2023-11-16",
      location: "Woodside",
      actors: [{ name: "Joe Biden", side: "us" }],
      tags: ["apec"],
      sources: [{ url: "https://example.org/a", title: "A", publisher: "Example" }],
      links: [{ relation: "part_of", target: "other" }],
      origin: "dataset",
    });
    const copy = duplicateOf(stored);
    expect(copy).toEqual({
      id: "",
      title: "Woodside summit (copy)",
      title_zh: "伍德赛德峰会",
      summary: "Biden and Xi met.",
      start: "2023-11-15",
      end: "2023-11-16",
      kind: "summit",
      location: "Woodside",
      actors: [{ name: "Joe Biden", side: "us" }],
      tags: ["apec"],
      sources: [{ url: "https://example.org/a", title: "A", publisher: "Example" }],
    });
    copy.tags.push("changed");
    expect(stored.tags).toEqual(["apec"]);
  });
});
