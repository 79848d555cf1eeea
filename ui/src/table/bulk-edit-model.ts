// The bulk edit dialog's state apart from the DOM: what the user chose, the change it makes
// (the `BulkEdit` the backend applies), the sentence that says what will happen to how many
// events, and which field a backend error belongs to.
import type { BulkEdit, BulkTarget, Kind, Side } from "../api/types";
import { kindLabel, sideLabel } from "../format/labels";
import { eventCount } from "../transfer/export-request";

export type ActorAction = "none" | "add" | "remove";

export interface BulkForm {
  /** "" leaves each event's kind as it is. */
  kind: Kind | "";
  addTags: string[];
  addTagDraft: string;
  removeTags: string[];
  removeTagDraft: string;
  actorAction: ActorAction;
  actorName: string;
  actorSide: Side;
}

/** The form's fields, as the keys errors are shown under. */
export type BulkField = "kind" | "addTags" | "removeTags" | "actor";

export function emptyBulkForm(): BulkForm {
  return {
    kind: "",
    addTags: [],
    addTagDraft: "",
    removeTags: [],
    removeTagDraft: "",
    actorAction: "none",
    actorName: "",
    actorSide: "us",
  };
}

/** A tag typed but not yet turned into a chip still counts: the user meant it. */
function withDraft(values: readonly string[], draft: string): string[] {
  const typed = draft.trim().replace(/,+$/, "").trim();
  return typed === "" || values.includes(typed) ? [...values] : [...values, typed];
}

function list(values: readonly string[]): string {
  return values.map((v) => `“${v}”`).join(", ");
}

/** The change the form describes, for these events; the backend checks it again. */
export function bulkEditFrom(form: BulkForm, target: BulkTarget): BulkEdit {
  const actor = form.actorName.trim();
  const edit: BulkEdit = {
    target,
    add_tags: withDraft(form.addTags, form.addTagDraft),
    remove_tags: withDraft(form.removeTags, form.removeTagDraft),
    add_actors: form.actorAction === "add" && actor !== "" ? [{ name: actor, side: form.actorSide }] : [],
    remove_actors: form.actorAction === "remove" && actor !== "" ? [{ name: actor, side: form.actorSide }] : [],
  };
  if (form.kind !== "") edit.set_kind = form.kind;
  return edit;
}

/** One sentence per part of the change ("Set kind to Summit on 12 events"); empty when nothing is chosen. */
export function bulkSummary(form: BulkForm, count: number): string[] {
  const edit = bulkEditFrom(form, { type: "ids", ids: [] });
  const events = eventCount(count);
  const lines: string[] = [];
  if (edit.set_kind) lines.push(`Set kind to ${kindLabel(edit.set_kind)} on ${events}`);
  if (edit.add_tags.length > 0) lines.push(`Add ${edit.add_tags.length === 1 ? "tag" : "tags"} ${list(edit.add_tags)} to ${events}`);
  if (edit.remove_tags.length > 0)
    lines.push(`Remove ${edit.remove_tags.length === 1 ? "tag" : "tags"} ${list(edit.remove_tags)} from ${events}`);
  for (const actor of edit.add_actors) lines.push(`Add actor ${actor.name} (${sideLabel(actor.side)}) to ${events}`);
  for (const actor of edit.remove_actors) lines.push(`Remove actor ${actor.name} (${sideLabel(actor.side)}) from ${events}`);
  return lines;
}

/** What the form itself can tell before asking the backend: an actor chosen without a name. */
export function bulkFormErrors(form: BulkForm): Map<BulkField, string> {
  const errors = new Map<BulkField, string>();
  if (form.actorAction !== "none" && form.actorName.trim() === "") errors.set("actor", "Type the actor's name.");
  return errors;
}

/** The form field a backend error path names (`set_kind`, `add_tags[1]`, `add_actors[0].name`). */
export function bulkFieldForError(path: string | null | undefined): BulkField | null {
  if (!path) return null;
  if (path.startsWith("set_kind")) return "kind";
  if (path.startsWith("add_tags")) return "addTags";
  if (path.startsWith("remove_tags")) return "removeTags";
  if (path.startsWith("add_actors") || path.startsWith("remove_actors")) return "actor";
  return null;
}
