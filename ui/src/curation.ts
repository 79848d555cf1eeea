// The curation flows: new, edit, duplicate, delete (after a confirmation), undo and redo, each followed
// by a refreshed view and a short toast that offers to take the step back.
import type * as Backend from "./api/backend";
import type { BulkEdited, Replayed, StoredEvent, TimelineEvent } from "./api/types";
import type { EventEditor } from "./editor/editor-dialog";
import { duplicateOf } from "./editor/duplicate";
import type { ConfirmOptions } from "./panels/confirm";
import type { Toast } from "./panels/toast";

export interface CurationDeps {
  backend: Pick<typeof Backend, "getEvent" | "deleteEvent" | "undo" | "redo">;
  toast: Toast;
  confirm(options: ConfirmOptions): Promise<boolean>;
  error(error: unknown): void;
  editor(): EventEditor;
  /** The event in the detail panel. */
  selected(): StoredEvent | null;
  /** The event whose timeline item has keyboard focus. */
  focusedId(): string | null;
  /** An event of the loaded window, or null. */
  loaded(id: string): TimelineEvent | null;
  /** Opens an event in the detail panel; `reveal` centres the timeline on it. */
  show(event: StoredEvent, reveal: boolean): void;
  /** An event is gone: close its panel if it is open. */
  forget(id: string): void;
  /** Events changed: reload the timeline, search results and facets. */
  changed(): void;
}

export interface Curation {
  create(): void;
  edit(id: string): void;
  /** Opens the editor on a new event filled from this one; nothing is stored until Save. */
  duplicate(id: string): void;
  remove(id: string): void;
  undo(): void;
  redo(): void;
  saved(event: StoredEvent, created: boolean): void;
  /** A bulk edit was written: refresh, and say what it did with a way back. */
  bulkEdited(result: BulkEdited, summary: string): void;
  /** What E and Delete act on: the focused timeline item, else the open event. */
  targetId(): string | null;
}

/** “Title”, cut to a length a toast can show. */
export function quoted(title: string, max = 60): string {
  const text = title.trim();
  return `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;
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

  const replayed = (result: Replayed | null, verb: "Undid" | "Redid", titleBefore: string | null): void => {
    if (!result) {
      deps.toast.show(verb === "Undid" ? "Nothing to undo." : "Nothing to redo.");
      return;
    }
    deps.changed();
    if (result.count > 1) {
      // A whole import, or what was added from an article: nothing to focus, the count says
      // what happened.
      deps.forget(result.id);
      const count = result.count.toLocaleString("en-US");
      const what =
        result.kind === "article"
          ? `the additions from the article (${count} events)`
          : result.kind === "bulk"
            ? `the edit of ${count} events`
            : `the import of ${count} events`;
      deps.toast.show(
        `${verb} ${what}`,
        verb === "Undid" ? { label: "Redo", run: () => curation.redo() } : { label: "Undo", run: () => curation.undo() },
      );
      return;
    }
    if (result.event) {
      // Keep the view when the event is already on screen; otherwise go to it.
      deps.show(result.event, deps.loaded(result.event.id) === null);
    } else {
      deps.forget(result.id);
    }
    const title = result.event?.title ?? titleBefore;
    const what = title ? ` (${quoted(title)})` : "";
    deps.toast.show(
      `${verb} the last change${what}`,
      verb === "Undid" ? { label: "Redo", run: () => curation.redo() } : { label: "Undo", run: () => curation.undo() },
    );
  };

  const titleOf = (id: string): string | null => deps.loaded(id)?.title ?? (deps.selected()?.id === id ? deps.selected()?.title ?? null : null);

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
        await deps.backend.deleteEvent(id);
        deps.forget(id);
        deps.changed();
        deps.toast.show(`Deleted ${quoted(event.title)}`, { label: "Undo", run: () => curation.undo() });
      });
    },
    undo() {
      void guarded(async () => {
        const before = deps.selected();
        const result = await deps.backend.undo();
        replayed(result, "Undid", result && before?.id === result.id ? before.title : result ? titleOf(result.id) : null);
      });
    },
    redo() {
      void guarded(async () => {
        const before = deps.selected();
        const result = await deps.backend.redo();
        replayed(result, "Redid", result && before?.id === result.id ? before.title : result ? titleOf(result.id) : null);
      });
    },
    saved(event, created) {
      deps.changed();
      const previous = deps.loaded(event.id);
      const moved = previous === null || previous.start !== event.start || previous.end !== event.end;
      deps.show(event, created || moved);
      deps.toast.show(`${created ? "Added" : "Saved"} ${quoted(event.title)}`, { label: "Undo", run: () => curation.undo() });
    },
    bulkEdited(result, summary) {
      deps.changed();
      const unchanged = result.matched - result.changed;
      const note = unchanged > 0 ? ` (${unchanged.toLocaleString("en-US")} already matched)` : "";
      if (!result.undoable) {
        deps.toast.show(`${summary}${note}. This change was too large to undo.`);
        return;
      }
      deps.toast.show(`${summary}${note}`, result.changed > 0 ? { label: "Undo", run: () => curation.undo() } : undefined);
    },
    targetId() {
      return deps.focusedId() ?? deps.selected()?.id ?? null;
    },
  };
  return curation;
}
