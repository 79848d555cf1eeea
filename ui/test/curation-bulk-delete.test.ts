// Deleting the table's selection: the confirmation says whether it can be undone, nothing is
// asked of the backend without it, and the toast says what happened and offers the way back
// there is (Undo, or the backup taken first).
import { describe, expect, it } from "vitest";
import type { Backup, BulkDeleteAnswer, BulkTarget, Change, Facets, StoredEvent } from "../src/api/types";
import type { ConfirmOptions } from "../src/panels/confirm";
import { bulkDeletedMessage, bulkDeleteQuestion, createCuration } from "../src/curation";
import { fileSize } from "../src/file-size";
import { BackendError } from "../src/api/errors";
import { emptyFilter } from "../src/panels/filter-model";
import { createAppState } from "../src/state/app-state";

const noFacets: Facets = { total: 0, kinds: [], actors: [], tags: [], sides: [], verifications: [] };
const history = { can_undo: true, can_redo: false };
const target: BulkTarget = { type: "ids", ids: ["a", "b", "c"] };

// What the backend stores as each event's kind: a bulk edit changes it.
let storedKind = "meeting";
const stored = (id: string): StoredEvent =>
  ({ id, title: `Event ${id}`, start: "2020-01-01", kind: storedKind, actors: [], tags: [], sources: [] }) as unknown as StoredEvent;

const backup: Backup = {
  name: "bilateral-20261204T081500Z-before-delete.db",
  taken_at: "2026-12-04T08:15:00Z",
  reason: "before-delete",
  bytes: 1000,
  events: 25_000,
};

type BulkDelete = typeof import("../src/api/backend").bulkDelete;

function setup(
  answer: BulkDeleteAnswer,
  confirmed: boolean,
  stillStored: string[] = [],
  undone: Change | null = null,
  running?: (onProgress: Parameters<BulkDelete>[1], cancelled: () => boolean) => Promise<BulkDeleteAnswer>,
) {
  const toasts: { message: string; label: string | undefined; percent?: number; action?: () => void }[] = [];
  let cancels = 0;
  const asked: ConfirmOptions[] = [];
  const deleted: BulkTarget[] = [];
  let closed = 0;
  const state = createAppState(
    { filter: emptyFilter() },
    { facets: () => Promise.resolve(noFacets), getEvent: (id) => Promise.resolve(stored(id)), error: () => undefined },
  );
  const curation = createCuration({
    backend: {
      getEvent: (id) => (stillStored.includes(id) ? Promise.resolve(stored(id)) : Promise.reject(new Error(`no event with id ${id}`))),
      deleteEvent: () => Promise.reject(new Error("not used")),
      bulkDelete: (t, onProgress) => {
        deleted.push(t);
        return running ? running(onProgress, () => cancels > 0) : Promise.resolve(answer);
      },
      bulkDeleteCancel: () => {
        cancels += 1;
        return Promise.resolve(null);
      },
      undo: () => Promise.resolve(undone),
      redo: () => Promise.resolve(null),
    },
    state,
    toast: {
      show: (message, action) => void toasts.push({ message, label: action?.label }),
      working: (message, options) =>
        void toasts.push({
          message,
          label: "(working)",
          ...(options?.percent === undefined ? {} : { percent: options.percent }),
          ...(options?.action ? { action: options.action.run } : {}),
        }),
      hide: () => {},
    },
    confirm: (options) => {
      asked.push(options);
      return Promise.resolve(confirmed);
    },
    error: (error) => {
      throw error;
    },
    editor: () => {
      throw new Error("not used");
    },
    focusedId: () => null,
    loaded: () => null,
    show: () => {},
    closed: () => void (closed += 1),
    periodsChanged: () => {},
  });
  return { curation, state, toasts, asked, deleted, closed: () => closed, cancels: () => cancels };
}

const change = (ids: string[]): Change => ({
  kind: "bulk_delete",
  events: ids.map((id) => ({ id, effect: "deleted" as const, event: null })),
  periods: 0,
  history,
});

describe("deleting the table's selection", () => {
  it("asks first, saying it can be undone, and does nothing when the answer is no", async () => {
    const t = setup({ deleted: { deleted: 3, undoable: true }, change: change(["a", "b", "c"]) }, false);
    expect(await t.curation.removeMany(target, 3)).toBe(false);
    expect(t.asked).toHaveLength(1);
    expect(t.asked[0]).toMatchObject({ title: "Delete 3 events?", confirmLabel: "Delete 3 events", danger: true });
    expect(t.asked[0]?.message).toContain("You can undo this.");
    expect(t.deleted).toEqual([]);
    expect(t.toasts).toEqual([]);
  });

  it("deletes once confirmed, closes the open event it removed, and offers Undo", async () => {
    const t = setup({ deleted: { deleted: 3, undoable: true }, change: change(["a", "b", "c"]) }, true);
    await t.state.selectById("b");
    expect(t.state.get().selected?.id).toBe("b");
    expect(await t.curation.removeMany(target, 3)).toBe(true);
    expect(t.deleted).toEqual([target]);
    expect(t.state.get().selected).toBeNull();
    expect(t.state.get().history).toEqual(history);
    expect(t.toasts).toEqual([
      { message: "Deleting 3 events…", label: "(working)", percent: 0, action: expect.any(Function) },
      { message: "Deleted 3 events", label: "Undo" },
    ]);
  });

  it("past the undo limit, warns before, names the backup after, and offers no Undo", async () => {
    const question = bulkDeleteQuestion(25_000);
    expect(question.title).toBe("Delete 25,000 events?");
    expect(question.message).toContain("more than 20,000 events, too many to undo");
    expect(question.message).toContain("backup of the database is saved first");
    expect(bulkDeleteQuestion(20_000).message).toContain("You can undo this.");
    expect(bulkDeleteQuestion(1)).toMatchObject({ title: "Delete 1 event?", confirmLabel: "Delete 1 event" });

    const answer: BulkDeleteAnswer = {
      deleted: { deleted: 25_000, undoable: false, backup },
      change: { kind: "bulk_delete", events: [], periods: 0, history },
    };
    const t = setup(answer, true, ["kept"]);
    await t.state.selectById("gone");
    // The views read everything again when the answer is applied: by then the deleted event
    // must be closed, or its links would be asked for and answered "not found".
    const openWhenApplied: (string | null)[] = [];
    const apply = t.state.apply.bind(t.state);
    t.state.apply = (change) => {
      openWhenApplied.push(t.state.get().selected?.id ?? null);
      apply(change);
    };
    expect(await t.curation.removeMany({ type: "matching", filter: emptyFilter(), except: [] }, 25_000)).toBe(true);
    expect(openWhenApplied).toEqual([null]);
    expect(t.state.get().selected).toBeNull();
    expect(t.closed()).toBe(1);
    expect(t.toasts).toEqual([
      { message: "Deleting 25,000 events…", label: "(working)", percent: 0, action: expect.any(Function) },
      { message: `Deleted 25,000 events. Too many to undo. Backup saved first: ${backup.name}.`, label: undefined },
    ]);
  });

  it("says how far the database shrank when the delete gave its room back", () => {
    const compacted = { bytes_before: 1_287_188_480, bytes_after: 2_678_784 };
    expect(bulkDeletedMessage({ deleted: 1_000_000, undoable: false, backup, compacted })).toBe(
      `Deleted 1,000,000 events. Too many to undo. Backup saved first: ${backup.name}. The database shrank from 1.20 GB to 2.6 MB.`,
    );
    expect(
      bulkDeletedMessage({ deleted: 2_000, undoable: true, compacted: { bytes_before: 9_437_184, bytes_after: 3_145_728 } }),
    ).toBe("Deleted 2,000 events. The database shrank from 9.0 MB to 3.0 MB.");
    expect(bulkDeletedMessage({ deleted: 1, undoable: true })).toBe("Deleted 1 event");
    expect(fileSize(512)).toBe("1 KB");
    expect(fileSize(1_536_000)).toBe("1.5 MB");
  });

  it("keeps the open event open when a delete too large to name left it in place", async () => {
    const answer: BulkDeleteAnswer = {
      deleted: { deleted: 25_000, undoable: false, backup },
      change: { kind: "bulk_delete", events: [], periods: 0, history },
    };
    const t = setup(answer, true, ["kept"]);
    await t.state.selectById("kept");
    await t.curation.removeMany({ type: "matching", filter: emptyFilter(), except: ["kept"] }, 25_000);
    expect(t.state.get().selected?.id).toBe("kept");
    expect(t.closed()).toBe(0);
  });

  it("an undo of it says how many came back and offers Redo", async () => {
    const restored: Change = {
      kind: "bulk_delete",
      events: ["a", "b", "c"].map((id) => ({ id, effect: "created" as const, event: null })),
      periods: 0,
      history: { can_undo: false, can_redo: true },
    };
    const t = setup({ deleted: { deleted: 3, undoable: true }, change: change(["a", "b", "c"]) }, true, [], restored);
    t.curation.undo();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.toasts).toEqual([{ message: "Undid the deletion of 3 events", label: "Redo" }]);
  });

  it("reads the open event again after a bulk edit too large to name its events", async () => {
    const t = setup({ deleted: { deleted: 0, undoable: true }, change: change([]) }, true);
    await t.state.selectById("b");
    storedKind = "summit";
    try {
      t.curation.bulkEdited(
        {
          edited: { matched: 25_000, changed: 25_000, undoable: false },
          change: { kind: "bulk", events: [], periods: 0, history },
        },
        "Set kind to Summit on 25,000 events",
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(t.state.get().selected?.kind).toBe("summit");
      expect(t.toasts.at(-1)?.message).toBe("Set kind to Summit on 25,000 events. This change was too large to undo.");
    } finally {
      storedKind = "meeting";
    }
  });

  it("shows how far the delete has got, and Cancel stops it with nothing deleted", async () => {
    const answer: BulkDeleteAnswer = { deleted: { deleted: 30_000, undoable: false, backup }, change: change([]) };
    let pressCancel: (() => void) | undefined;
    const t = setup(answer, true, [], null, async (onProgress, cancelled) => {
      onProgress?.({ done: 0, total: 30_000 });
      onProgress?.({ done: 15_000, total: 30_000 });
      pressCancel?.();
      // The backend stops at its next check once asked.
      expect(cancelled()).toBe(true);
      onProgress?.({ done: 15_300, total: 30_000 });
      throw new BackendError({ code: "cancelled", message: "the delete was cancelled; nothing was deleted", field: null });
    });
    pressCancel = () => t.toasts.find((toast) => toast.action)?.action?.();
    expect(await t.curation.removeMany(target, 30_000)).toBe(false);
    expect(t.cancels()).toBe(1);
    expect(t.toasts.map(({ message, percent }) => ({ message, percent }))).toEqual([
      { message: "Deleting 30,000 events…", percent: 0 },
      { message: "Deleting 30,000 events…", percent: 0 },
      { message: "Deleting 30,000 events…", percent: 50 },
      { message: "Cancelling the delete…", percent: undefined },
      { message: "Delete cancelled. Nothing was deleted.", percent: undefined },
    ]);
    expect(t.state.get().history).not.toEqual(history);
  });

  it("says it is finishing once every event is out", async () => {
    const answer: BulkDeleteAnswer = { deleted: { deleted: 3, undoable: true }, change: change(["a", "b", "c"]) };
    const t = setup(answer, true, [], null, (onProgress) => {
      onProgress?.({ done: 3, total: 3 });
      return Promise.resolve(answer);
    });
    expect(await t.curation.removeMany(target, 3)).toBe(true);
    expect(t.toasts.map((toast) => toast.message)).toEqual(["Deleting 3 events…", "Deleting 3 events… finishing", "Deleted 3 events"]);
  });
});
