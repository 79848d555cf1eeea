// @vitest-environment happy-dom
// The bulk edit dialog: it says what will change before anything is sent, sends one change for
// the selection, and shows a backend error under the field it names, staying open.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { beforeEach, describe, expect, it } from "vitest";
import { BackendError } from "../src/api/errors";
import type { BulkAnswer, BulkEdit, BulkEdited } from "../src/api/types";
import { BulkEditDialog } from "../src/table/bulk-edit-dialog";

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  const page = readFileSync(join(cwd(), "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "";
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, "");
});

/** The backend's answer to a bulk edit that did `edited`. */
function answered(edited: BulkEdited): BulkAnswer {
  return { edited, change: { kind: "bulk", events: [], periods: 0, history: { can_undo: edited.undoable, can_redo: false } } };
}

function setup(answer: (edit: BulkEdit) => Promise<BulkAnswer>) {
  const dialog = document.querySelector<HTMLDialogElement>("[data-testid=bulk-dialog]");
  if (!dialog) throw new Error("bulk dialog markup");
  const sent: BulkEdit[] = [];
  const done: string[] = [];
  const bulk = new BulkEditDialog(dialog, {
    apply: (edit) => {
      sent.push(edit);
      return answer(edit);
    },
    tags: () => [],
    actors: () => [{ name: "Wang Yi", side: "china", count: 40 }],
    done: (_result, summary) => done.push(summary),
  });
  const choose = (field: string, value: string) => {
    const select = dialog.querySelector<HTMLSelectElement>(`[data-field=${field}]`)!;
    select.value = value;
    select.dispatchEvent(new Event("change"));
  };
  const apply = dialog.querySelector.bind(dialog, "[data-testid=bulk-apply]");
  return { dialog, bulk, sent, done, choose, apply: () => (apply() as HTMLButtonElement).click() };
}

describe("the bulk edit dialog", () => {
  it("summarises the change, sends it once for the selection and closes", async () => {
    const t = setup(async () => answered({ matched: 12, changed: 12, undoable: true }));
    t.bulk.open({ type: "ids", ids: ["a", "b"] }, 12);
    expect(t.dialog.querySelector("#bulk-heading")?.textContent).toBe("Edit 12 events");
    expect((t.dialog.querySelector("[data-testid=bulk-apply]") as HTMLButtonElement).disabled, "nothing chosen yet").toBe(true);
    t.choose("kind", "summit");
    t.choose("actorAction", "add");
    const name = t.dialog.querySelector<HTMLInputElement>("[data-field=actor]")!;
    name.value = "wang yi";
    name.dispatchEvent(new Event("input"));
    const summary = t.dialog.querySelector("[data-testid=bulk-summary]")?.textContent ?? "";
    expect(summary).toContain("Set kind to Summit on 12 events");
    expect(summary, "a known actor brings its side").toContain("Add actor wang yi (China) to 12 events");
    t.apply();
    await settle();
    expect(t.sent).toEqual([
      {
        target: { type: "ids", ids: ["a", "b"] },
        set_kind: "summit",
        add_tags: [],
        remove_tags: [],
        add_actors: [{ name: "Wang Yi", side: "china" }],
        remove_actors: [],
      },
    ]);
    expect(t.dialog.open).toBe(false);
    expect(t.done, "the known actor's own spelling is sent").toEqual(["Set kind to Summit on 12 events; Add actor Wang Yi (China) to 12 events"]);
  });

  it("shows a refused field under its input and stays open", async () => {
    const t = setup(async () => {
      throw new BackendError({ code: "invalid", message: "unknown variant", field: "set_kind" });
    });
    t.bulk.open({ type: "matching", filter: { kinds: [], sides: [], actors: [], tags: [] }, except: [] }, 3);
    t.choose("kind", "call");
    t.apply();
    await settle();
    expect(t.dialog.open).toBe(true);
    expect(t.dialog.querySelector("[data-error-for=kind]")?.textContent).toBe("unknown variant");
    expect(t.dialog.querySelector("[data-field=kind]")?.getAttribute("aria-invalid")).toBe("true");
    expect(t.done).toEqual([]);
  });
});
