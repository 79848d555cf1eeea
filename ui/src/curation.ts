// The curation flows: new, edit, duplicate, delete (after a confirmation), undo and redo, and
// the table's bulk edits and deletes. Each write's answer (what changed) goes to the UI store, which
// updates the panel, the history buttons and the views from it; then a short toast offers to
// take the step back.
import type * as Backend from "./api/backend";
import type { BulkAnswer, BulkDeleteAnswer, BulkDeleted, BulkTarget, Change, StoredEvent, TimelineEvent } from "./api/types";
import type { EventEditor } from "./editor/editor-dialog";
import { duplicateOf } from "./editor/duplicate";
import { fileSize } from "./file-size";
import { progressPercent } from "./forms/progress-bar";
import { toErrorPayload } from "./api/errors";
import { UNDO_LIMIT } from "./generated/vocabulary";
import type { ConfirmOptions } from "./panels/confirm";
import type { Toast } from "./panels/toast";
import { eventCount } from "./transfer/export-request";
import type { AppState } from "./state/app-state";

export interface CurationDeps {
  backend: Pick<typeof Backend, "getEvent" | "deleteEvent" | "bulkDelete" | "bulkDeleteCancel" | "undo" | "redo">;
  state: AppState;
  toast: Toast;
  confirm(options: ConfirmOptions): Promise<boolean>;
  error(error: unknown): void;
  editor(): EventEditor;
  /** The event whose timeline item has keyboard focus. */
  focusedId(): string | null;
  /** An event of the loaded window, or null. */
  loaded(id: string): TimelineEvent | null;
  /** Opens an event in the detail panel; `reveal` centres the timeline on it. */
  show(event: StoredEvent, reveal: boolean): void;
  /** The open event is gone (deleted, or an add undone): focus goes back to the timeline. */
  closed(): void;
  /** An undo or redo changed the user's periods: they are read again. */
  periodsChanged(): void;
}

export interface Curation {
  create(): void;
  edit(id: string): void;
  /** Opens the editor on a new event filled from this one; nothing is stored until Save. */
  duplicate(id: string): void;
  remove(id: string): void;
  /**
   * Deletes the table's selection (`count` events) after a confirmation that says whether it
   * can be undone; true once they are deleted.
   */
  removeMany(target: BulkTarget, count: number): Promise<boolean>;
  undo(): void;
  redo(): void;
  /** Applies the answer of the editor's create or update; the event as stored. */
  written(change: Change): StoredEvent;
  saved(event: StoredEvent, created: boolean): void;
  /** A bulk edit was written: apply its answer, and say what it did with a way back. */
  bulkEdited(answer: BulkAnswer, summary: string): void;
  /** What E and Delete act on: the focused timeline item, else the open event. */
  targetId(): string | null;
}

/** “Title”, cut to a length a toast can show. */
export function quoted(title: string, max = 60): string {
  const text = title.trim();
  return `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;
}

/** What the confirmation of a bulk delete says: whether it can be undone, and what stands in for undo when not. */
export function bulkDeleteQuestion(count: number): ConfirmOptions {
  const undoable = count <= UNDO_LIMIT;
  return {
    title: `Delete ${eventCount(count)}?`,
    message: undoable
      ? `The selected ${count === 1 ? "event" : "events"} will be removed from the timeline and the table. You can undo this.`
      : `That is more than ${UNDO_LIMIT.toLocaleString("en-US")} events, too many to undo. A backup of the database is saved first: restoring it (Backups) brings them back, with everything else as it is now.`,
    confirmLabel: `Delete ${eventCount(count)}`,
    danger: true,
  };
}

/** The toast after a bulk delete: what went, whether undo brings it back, the backup taken
 * when it cannot, and the room given back when the delete left most of the file empty. */
export function bulkDeletedMessage(done: BulkDeleted): string {
  const deleted = `Deleted ${eventCount(done.deleted)}`;
  const parts = [deleted];
  if (!done.undoable) parts.push("Too many to undo");
  if (done.backup) parts.push(`Backup saved first: ${done.backup.name}`);
  if (done.compacted) {
    const { bytes_before, bytes_after } = done.compacted;
    parts.push(`The database shrank from ${fileSize(bytes_before)} to ${fileSize(bytes_after)}`);
  }
  // The short undoable message stands beside its Undo button without a full stop.
  return parts.length === 1 ? deleted : `${parts.join(". ")}.`;
}

export function createCuration(deps: CurationDeps): Curation {
  const timelineFocus = (): HTMLElement | null => document.querySelector<HTMLElement>("[data-testid=timeline]");
  let busy = false;

  const guarded = async (work: () => Promise<void>): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await work();
    } catch (error) {
      deps.error(error);
    } finally {
      busy = false;
    }
  };

  /** Hands a write's answer to the store; gives focus back when it closed the open event. */
  const apply = (change: Change): void => {
    const open = deps.state.get().selected;
    deps.state.apply(change);
    if (open && !deps.state.get().selected) deps.closed();
  };

  const replayed = (result: Change | null, verb: "Undid" | "Redid", titleBefore: string | null): void => {
    if (!result) {
      // Nothing to take: the history says so without another request.
      const history = deps.state.get().history;
      deps.state.setHistory(verb === "Undid" ? { ...history, can_undo: false } : { ...history, can_redo: false });
      deps.toast.show(verb === "Undid" ? "Nothing to undo." : "Nothing to redo.");
      return;
    }
    apply(result);
    if (result.periods > 0) deps.periodsChanged();
    if (result.kind === "period") {
      // A period has no panel to open: the redrawn band shows what came back or went.
      deps.toast.show(
        `${verb} the change to your period`,
        verb === "Undid" ? { label: "Redo", run: () => curation.redo() } : { label: "Undo", run: () => curation.undo() },
      );
      return;
    }
    const first = result.events[0];
    if (
      result.events.length > 1 ||
      !first ||
      result.kind === "bulk" ||
      result.kind === "bulk_delete" ||
      (result.kind === "import" && result.periods > 0)
    ) {
      // A whole import, a bulk edit, or what was added from an article: nothing to focus, the
      // count says what happened.
      const events = result.events.length;
      const count = events.toLocaleString("en-US");
      const parts = [
        events > 0 ? `${count} ${events === 1 ? "event" : "events"}` : "",
        result.periods > 0 ? `${result.periods.toLocaleString("en-US")} ${result.periods === 1 ? "period" : "periods"}` : "",
      ].filter((part) => part !== "");
      const what =
        result.kind === "article"
          ? `the additions from the article (${count} events)`
          : result.kind === "bulk"
            ? `the edit of ${count} ${events === 1 ? "event" : "events"}`
            : result.kind === "bulk_delete"
              ? `the deletion of ${count} ${events === 1 ? "event" : "events"}`
              : `the import of ${parts.join(" and ")}`;
      deps.toast.show(
        `${verb} ${what}`,
        verb === "Undid" ? { label: "Redo", run: () => curation.redo() } : { label: "Undo", run: () => curation.undo() },
      );
      return;
    }
    if (first.event) {
      // Keep the view when the event is already on screen; otherwise go to it.
      deps.show(first.event, deps.loaded(first.event.id) === null);
    }
    const title = first.event?.title ?? titleBefore;
    const what = title ? ` (${quoted(title)})` : "";
    deps.toast.show(
      `${verb} the last change${what}`,
      verb === "Undid" ? { label: "Redo", run: () => curation.redo() } : { label: "Undo", run: () => curation.undo() },
    );
  };

  const selected = (): StoredEvent | null => deps.state.get().selected;
  const titleOf = (id: string): string | null => deps.loaded(id)?.title ?? (selected()?.id === id ? selected()?.title ?? null : null);
  /** The title of the event a replay is about, read before the replay changes it. */
  const titleBefore = (before: StoredEvent | null, result: Change | null): string | null => {
    const id = result?.events[0]?.id;
    if (!id) return null;
    return before?.id === id ? before.title : titleOf(id);
  };

  const curation: Curation = {
    create() {
      deps.editor().open(null, timelineFocus);
    },
    edit(id) {
      void guarded(async () => {
        const event = await deps.backend.getEvent(id);
        deps.editor().open(event, timelineFocus);
      });
    },
    duplicate(id) {
      void guarded(async () => {
        const event = await deps.backend.getEvent(id);
        deps.editor().openCopy(duplicateOf(event), timelineFocus);
      });
    },
    remove(id) {
      void guarded(async () => {
        const event = await deps.backend.getEvent(id);
        const ok = await deps.confirm({
          title: "Delete this event?",
          message: `${quoted(event.title, 120)} will be removed from the timeline. You can undo this.`,
          confirmLabel: "Delete",
          danger: true,
        });
        if (!ok) return;
        apply(await deps.backend.deleteEvent(id));
        deps.toast.show(`Deleted ${quoted(event.title)}`, { label: "Undo", run: () => curation.undo() });
      });
    },
    async removeMany(target, count) {
      let deleted = false;
      await guarded(async () => {
        if (!(await deps.confirm(bulkDeleteQuestion(count)))) return;
        // A large delete takes a while (a million events: about half a minute, its backup
        // included): the toast says how far it has got, with a Cancel, until it is done.
        const deleting = `Deleting ${eventCount(count)}…`;
        let cancelled = false;
        const cancel = {
          label: "Cancel",
          run: () => {
            cancelled = true;
            deps.toast.working("Cancelling the delete…");
            void deps.backend.bulkDeleteCancel().catch(deps.error);
          },
        };
        deps.toast.working(deleting, { percent: 0, action: cancel });
        let answer: BulkDeleteAnswer;
        try {
          answer = await deps.backend.bulkDelete(target, (progress) => {
            if (cancelled) return;
            // Every event out, the indexes are built again (and the file compacted).
            const finishing = progress.total > 0 && progress.done >= progress.total;
            deps.toast.working(finishing ? `${deleting} finishing` : deleting, {
              percent: progressPercent(progress),
              action: cancel,
            });
          });
        } catch (error) {
          if (toErrorPayload(error).code === "cancelled") {
            deps.toast.show("Delete cancelled. Nothing was deleted.");
            return;
          }
          deps.toast.hide();
          throw error;
        }
        deleted = true;
        const done = answer.deleted;
        // Too many to name in the answer: the open event is read again first, and closed if
        // it went, before the views read everything again (its links among them).
        const open = selected();
        if (!done.undoable && open) {
          const gone = await deps.backend.getEvent(open.id).then(
            () => false,
            () => true,
          );
          if (gone) {
            deps.state.select(null);
            deps.closed();
          }
        }
        apply(answer.change);
        deps.toast.show(bulkDeletedMessage(done), done.undoable ? { label: "Undo", run: () => curation.undo() } : undefined);
      });
      return deleted;
    },
    undo() {
      void guarded(async () => {
        const before = selected();
        const result = await deps.backend.undo();
        replayed(result, "Undid", titleBefore(before, result));
      });
    },
    redo() {
      void guarded(async () => {
        const before = selected();
        const result = await deps.backend.redo();
        replayed(result, "Redid", titleBefore(before, result));
      });
    },
    written(change) {
      apply(change);
      const stored = change.events[0]?.event;
      // The core answers an edit with the event it stored; anything else is a broken contract.
      if (!stored) throw new Error("the backend's answer to a save carries no event");
      return stored;
    },
    saved(event, created) {
      const previous = deps.loaded(event.id);
      const moved = previous === null || previous.start !== event.start || previous.end !== event.end;
      deps.show(event, created || moved);
      deps.toast.show(`${created ? "Added" : "Saved"} ${quoted(event.title)}`, { label: "Undo", run: () => curation.undo() });
    },
    bulkEdited(answer, summary) {
      apply(answer.change);
      const result = answer.edited;
      const unchanged = result.matched - result.changed;
      const note = unchanged > 0 ? ` (${unchanged.toLocaleString("en-US")} already matched)` : "";
      if (!result.undoable) {
        // Too many to name in the answer: the open event is read again, so the panel shows
        // what the change made of it rather than what it was.
        const open = selected();
        if (open && result.changed > 0) void deps.state.selectById(open.id);
        deps.toast.show(`${summary}${note}. This change was too large to undo.`);
        return;
      }
      deps.toast.show(`${summary}${note}`, result.changed > 0 ? { label: "Undo", run: () => curation.undo() } : undefined);
    },
    targetId() {
      return deps.focusedId() ?? selected()?.id ?? null;
    },
  };
  return curation;
}
