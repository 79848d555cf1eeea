// File → Restore backup…: lists the automatic backups (when, why, how many events), asks for
// confirmation in words, then has the backend restore the chosen one. The backend backs up
// the current state first, so a restore can itself be undone by restoring that backup.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import type { Backup, Restored } from "../api/types";
import { openModal, requestClose } from "../forms/modal";
import type { Toast } from "../panels/toast";
import { backupEvents, backupReason, backupTime, NO_BACKUPS, restoredMessage, restoreQuestion } from "./backup-list";

export interface RestoreDeps {
  list(): Promise<Backup[]>;
  restore(name: string): Promise<Restored>;
  toast: Toast;
  error(error: unknown): void;
  /** The database was replaced: reload the timeline, search, facets and history. */
  restored(restored: Restored): void;
  /** Now, for the wording of times (tests pass a fixed one). */
  now?: () => Date;
}

export interface Restorer {
  /** Fetches the backups and shows them. */
  open(): void;
}

type Phase = "choose" | "confirm" | "restoring";

interface State {
  backups: Backup[];
  chosen: string | null;
  phase: Phase;
}

export function createRestorer(dialog: HTMLDialogElement, deps: RestoreDeps): Restorer {
  let state: State | null = null;
  let loading = false;
  const now = (): Date => (deps.now ? deps.now() : new Date());

  const update = (change: Partial<State>): void => {
    if (!state) return;
    state = { ...state, ...change };
    draw();
  };

  const chosen = (s: State): Backup | null => s.backups.find((b) => b.name === s.chosen) ?? null;

  const focus = (testid: string): void => {
    dialog.querySelector<HTMLElement>(`[data-testid=${testid}]`)?.focus();
  };

  const confirm = (): void => {
    if (!state || state.phase !== "choose" || !chosen(state)) return;
    update({ phase: "confirm" });
    // Back, not Restore, has focus: Enter by habit must not replace the database.
    focus("restore-back");
  };

  const back = (): void => {
    if (state?.phase !== "confirm") return;
    update({ phase: "choose" });
    focus("restore-submit");
  };

  const restore = async (): Promise<void> => {
    const backup = state && state.phase === "confirm" ? chosen(state) : null;
    if (!backup) return;
    update({ phase: "restoring" });
    try {
      const restored = await deps.restore(backup.name);
      if (dialog.open) dialog.close();
      deps.toast.show(restoredMessage(backup, restored, now()));
      deps.restored(restored);
    } catch (error) {
      if (dialog.open) dialog.close();
      deps.error(error);
    }
  };

  const row = (s: State, backup: Backup): TemplateResult => html`<label class="choice" data-testid="backup-row">
    <input
      type="radio"
      name="restore-backup"
      value=${backup.name}
      .checked=${live(s.chosen === backup.name)}
      ?disabled=${s.phase !== "choose"}
      @change=${() => update({ chosen: backup.name })}
    />
    <span class="choice-text">
      <span class="choice-label" data-testid="backup-time">${backupTime(backup.taken_at, now())}</span>
      <span class="choice-description">
        <span data-testid="backup-reason">${backupReason(backup.reason)}</span> ·
        <span data-testid="backup-events">${backupEvents(backup)}</span>
      </span>
    </span>
  </label>`;

  const actions = (s: State): TemplateResult => {
    if (s.phase === "choose") {
      return html`<button type="button" class="button" data-testid="restore-close" @click=${() => requestClose(dialog)}>
          ${s.backups.length === 0 ? "Close" : "Cancel"}
        </button>
        ${s.backups.length === 0
          ? nothing
          : html`<button
              type="button"
              class="button primary"
              data-testid="restore-submit"
              ?disabled=${chosen(s) === null}
              @click=${confirm}
            >
              Restore…
            </button>`}`;
    }
    return html`<button type="button" class="button" data-testid="restore-back" ?disabled=${s.phase === "restoring"} @click=${back}>
        Back
      </button>
      <button
        type="button"
        class="button danger-solid"
        data-testid="restore-confirm"
        aria-describedby="restore-question"
        ?disabled=${s.phase === "restoring"}
        @click=${() => void restore()}
      >
        ${s.phase === "restoring" ? "Restoring…" : "Replace with this backup"}
      </button>`;
  };

  const body = (s: State): TemplateResult => {
    if (s.backups.length === 0) return html`<p class="form-note" data-testid="restore-empty">${NO_BACKUPS}</p>`;
    const backup = chosen(s);
    return html`<fieldset class="form-group">
        <legend class="form-label">Backups, newest first</legend>
        <div class="choice-list" data-testid="backup-list">${s.backups.map((b) => row(s, b))}</div>
      </fieldset>
      ${s.phase !== "choose" && backup
        ? html`<p class="form-note restore-question" id="restore-question" data-testid="restore-question">
            ${restoreQuestion(backup, now())}
          </p>`
        : nothing}`;
  };

  const template = (s: State): TemplateResult => html`<div class="dialog-header">
      <h2 class="dialog-title" id="restore-heading">Restore a backup</h2>
      <button
        type="button"
        class="button icon quiet"
        aria-label="Close"
        title="Close (Esc)"
        ?disabled=${s.phase === "restoring"}
        @click=${() => requestClose(dialog)}
      >
        ✕
      </button>
    </div>
    <div class="dialog-body restore-body">${body(s)}</div>
    <div class="dialog-actions">${actions(s)}</div>`;

  const draw = (): void => {
    if (state) render(template(state), dialog);
  };

  const show = (backups: Backup[]): void => {
    state = { backups, chosen: backups[0]?.name ?? null, phase: "choose" };
    draw();
    openModal(dialog, {
      initialFocus: () =>
        dialog.querySelector<HTMLElement>("input[type=radio]:checked") ??
        dialog.querySelector<HTMLElement>("[data-testid=restore-close]"),
      // Esc while asking goes back to the list; while restoring, the restore finishes first.
      beforeCancel: () => {
        if (state?.phase === "confirm") {
          back();
          return false;
        }
        return state?.phase !== "restoring";
      },
      onClose: () => {
        state = null;
        render(nothing, dialog);
      },
    });
  };

  return {
    open() {
      if (loading || dialog.open) return;
      loading = true;
      deps
        .list()
        .then(show)
        .catch((error: unknown) => deps.error(error))
        .finally(() => {
          loading = false;
        });
    },
  };
}
