// The import flow: the backend shows the system's open dialog and previews the file; this
// dialog shows the preview (counts, and every rejected row with its place, field and reason,
// which blocks the import until the user chooses to leave them out), then the import itself
// with a progress bar and a Cancel button.
// A cancelled import is rolled back by the backend: nothing is written.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { toErrorPayload } from "../api/errors";
import type { ImportPlan, ImportReading, TransferProgress, ImportReport } from "../api/types";
import { openModal, requestClose } from "../forms/modal";
import { progressBar, progressPercent } from "../forms/progress-bar";
import type { Toast } from "../panels/toast";
import {
  blockedReason,
  canLeaveOut,
  CANCELLED_MESSAGE,
  TOO_LATE_PREFIX,
  duplicateRows,
  fieldsNote,
  gdeltNote,
  importableCount,
  importButtonLabel,
  importedMessage,
  importFormatName,
  progressText,
  readingText,
  rejectionRows,
  skipLabel,
  unlistedNote,
} from "./import-plan";

export interface ImportDeps {
  /**
   * Native open dialog + preview, `onReading` hearing how far the reading has got; null when
   * the user cancelled the dialog or the reading.
   */
  preview(onReading: (reading: ImportReading) => void): Promise<ImportPlan | null>;
  /** Writes the previewed import; with `skipRejected`, everything but the rejected rows. */
  commit(onProgress: (progress: TransferProgress) => void, skipRejected: boolean): Promise<ImportReport>;
  cancel(): Promise<unknown>;
  toast: Toast;
  error(error: unknown): void;
  /** Events were written: refresh the timeline, search and facets. */
  imported(report: ImportReport): void;
}

export interface Importer {
  /** Asks for a file and shows its preview. */
  start(): void;
}

type Phase = "preview" | "importing" | "cancelling";

interface State {
  plan: ImportPlan;
  phase: Phase;
  progress: TransferProgress | null;
  /** The user chose to leave the rejected rows out and import the rest. */
  skip: boolean;
}

function countBox(label: string, value: number, testid: string, tone = ""): TemplateResult {
  return html`<div class="count-box ${tone}">
    <dt>${label}</dt>
    <dd data-testid=${testid}>${value.toLocaleString("en-US")}</dd>
  </div>`;
}

/**
 * How long a reading runs before the dialog shows it: a small file's preview comes sooner, and
 * a dialog that flashed up only to be replaced would be noise.
 */
export const READING_SHOWN_AFTER_MS = 300;

interface ReadingState {
  reading: ImportReading;
  cancelling: boolean;
}

export function createImporter(dialog: HTMLDialogElement, deps: ImportDeps): Importer {
  let state: State | null = null;
  /** The chosen file is being read, before its preview (null once the preview is in). */
  let reading: ReadingState | null = null;
  /** A native dialog or an import is under way: a second Ctrl+O waits for it. */
  let choosing = false;

  const update = (change: Partial<State>): void => {
    if (!state) return;
    state = { ...state, ...change };
    draw();
  };

  /** The phase as it is now, after an await (a cancel may have changed it meanwhile). */
  const phaseNow = (): Phase | null => state?.phase ?? null;

  const finish = (): void => {
    state = null;
    reading = null;
    if (dialog.open) dialog.close();
  };

  const cancelReading = (): void => {
    if (!reading || reading.cancelling) return;
    reading = { ...reading, cancelling: true };
    draw();
    deps.cancel().catch((error: unknown) => deps.error(error));
  };

  const cancel = (): void => {
    if (state?.phase !== "importing") return;
    update({ phase: "cancelling" });
    deps.cancel().catch((error: unknown) => deps.error(error));
  };

  const commit = async (): Promise<void> => {
    if (!state || state.phase !== "preview" || blockedReason(state.plan, state.skip) !== null) return;
    const skip = state.skip && state.plan.rejected_count > 0;
    update({ phase: "importing", progress: { done: 0, total: importableCount(state.plan) } });
    dialog.querySelector<HTMLElement>("[data-testid=import-cancel]")?.focus();
    try {
      const report = await deps.commit((progress) => {
        if (state && state.phase !== "preview") update({ progress });
      }, skip);
      // A cancel that came while the import was committing did not stop it: say so, since the
      // dialog had said nothing would be written.
      const tooLate = phaseNow() === "cancelling";
      finish();
      deps.toast.show(`${tooLate ? TOO_LATE_PREFIX : ""}${importedMessage(report)}`);
      deps.imported(report);
    } catch (error) {
      finish();
      if (toErrorPayload(error).code === "cancelled") deps.toast.show(CANCELLED_MESSAGE);
      else deps.error(error);
    }
  };

  const rejections = (plan: ImportPlan): TemplateResult => {
    const rows = rejectionRows(plan.rejected);
    return html`<div class="rejections-scroll" tabindex="0" role="region" aria-labelledby="import-rejections-caption">
      <table class="rejections" data-testid="import-rejections">
        <caption id="import-rejections-caption" class="visually-hidden">Rows that cannot be imported</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Field</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr data-testid="rejection">
              <td class="rejection-place" title=${row.place}>
                ${row.file === undefined ? row.within : html`<span class="rejection-file">${row.file}</span>${row.within}`}
              </td>
              <td class="rejection-field"><code>${row.field}</code></td>
              <td class="rejection-message">${row.message}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  };

  const duplicates = (plan: ImportPlan): TemplateResult | typeof nothing => {
    const rows = duplicateRows(plan);
    if (rows.length === 0) return nothing;
    return html`<details class="import-duplicates" data-testid="import-duplicates">
      <summary>${rows.length === 1 ? "1 new event looks like" : `${rows.length} new events look like`} events already here</summary>
      <ul>
        ${rows.map(
          (row) => html`<li data-testid="import-duplicate">
            <span class="rejection-place">${row.place}</span> “${row.title}” may be “${row.existing}”
          </li>`,
        )}
      </ul>
      <p class="form-note">They will be added as new events; check them after the import.</p>
    </details>`;
  };

  const progress = (s: State): TemplateResult =>
    progressBar({
      percent: progressPercent(s.progress),
      text: s.phase === "cancelling" ? "Cancelling… nothing will be written" : progressText(s.progress, importableCount(s.plan)),
      label: "Import progress",
      testid: "import-progress",
    });

  const template = (s: State): TemplateResult => {
    const { plan } = s;
    const blocked = blockedReason(plan, s.skip);
    const rejected = plan.rejected_count;
    const unlisted = unlistedNote(plan);
    const canSkip = canLeaveOut(plan);
    const working = s.phase !== "preview";
    const note = fieldsNote(plan);
    const gdelt = gdeltNote(plan);
    return html`<div class="dialog-header">
        <h2 class="dialog-title" id="import-heading">Import events</h2>
        <button
          type="button"
          class="button icon quiet"
          aria-label=${working ? "Cancel the import" : "Close"}
          title=${working ? "Cancel the import (Esc)" : "Close (Esc)"}
          ?disabled=${s.phase === "cancelling"}
          @click=${() => requestClose(dialog)}
        >
          ✕
        </button>
      </div>
      <div class="dialog-body import-body">
        <p class="import-file">
          <span class="import-file-name" data-testid="import-file">${plan.file}</span>
          <span class="muted" data-testid="import-format">${importFormatName(plan.format)}</span>
        </p>
        <dl class="import-counts" data-testid="import-counts">
          ${countBox("New", plan.new, "import-new")} ${countBox("Updated", plan.updated, "import-updated")}
          ${countBox("Unchanged", plan.unchanged, "import-unchanged")}
          ${rejected > 0 ? countBox("Rejected", rejected, "import-rejected", "danger") : nothing}
        </dl>
        ${gdelt ? html`<p class="form-note" data-testid="import-gdelt">${gdelt}</p>` : nothing}
        ${note ? html`<p class="form-note" data-testid="import-fields">${note}</p>` : nothing} ${duplicates(plan)}
        ${blocked && rejected > 0
          ? html`<p class="form-error general import-blocked" id="import-blocked" data-testid="import-blocked">${blocked}</p>`
          : blocked
            ? html`<p class="form-note" id="import-blocked" data-testid="import-blocked">${blocked}</p>`
            : nothing}
        ${canSkip
          ? html`<label class="check import-skip" data-testid="import-skip">
              <input
                type="checkbox"
                .checked=${s.skip}
                ?disabled=${working}
                @change=${(event: Event) => update({ skip: (event.target as HTMLInputElement).checked })}
              />
              <span class="check-label">${skipLabel(plan)}</span>
            </label>`
          : nothing}
        ${unlisted ? html`<p class="form-note" data-testid="import-unlisted">${unlisted}</p>` : nothing}
        ${rejected > 0 ? rejections(plan) : nothing}
        ${working ? progress(s) : nothing}
      </div>
      <div class="dialog-actions">
        ${working
          ? html`<button type="button" class="button" data-testid="import-cancel" ?disabled=${s.phase === "cancelling"} @click=${cancel}>
              ${s.phase === "cancelling" ? "Cancelling…" : "Cancel import"}
            </button>`
          : html`<button type="button" class="button" data-testid="import-close" @click=${() => requestClose(dialog)}>
                ${blocked ? "Close" : "Cancel"}
              </button>
              <button
                type="button"
                class="button primary"
                data-testid="import-submit"
                ?disabled=${blocked !== null}
                aria-describedby=${blocked ? "import-blocked" : nothing}
                @click=${() => void commit()}
              >
                ${importButtonLabel(plan)}
              </button>`}
      </div>`;
  };

  const readingTemplate = (r: ReadingState): TemplateResult => {
    const several = r.reading.files > 1;
    const text = readingText(r.reading, r.cancelling);
    return html`<div class="dialog-header">
        <h2 class="dialog-title" id="import-heading">Import events</h2>
        <button
          type="button"
          class="button icon quiet"
          aria-label="Stop reading"
          title="Stop reading (Esc)"
          ?disabled=${r.cancelling}
          @click=${cancelReading}
        >
          ✕
        </button>
      </div>
      <div class="dialog-body import-body">
        <p class="import-file">
          <span class="import-file-name" data-testid="import-file">${r.reading.file}</span>
        </p>
        ${several
          ? progressBar({
              percent: progressPercent({ done: r.reading.files_done, total: r.reading.files }),
              text,
              label: "Reading progress",
              testid: "import-reading",
            })
          : html`<p class="form-note" role="status" data-testid="import-reading">${text}</p>`}
      </div>
      <div class="dialog-actions">
        <button type="button" class="button" data-testid="import-cancel" ?disabled=${r.cancelling} @click=${cancelReading}>
          ${r.cancelling ? "Cancelling…" : "Cancel"}
        </button>
      </div>`;
  };

  const draw = (): void => {
    if (state) render(template(state), dialog);
    else if (reading) render(readingTemplate(reading), dialog);
  };

  /** Where focus goes when the dialog opens or its preview replaces the reading. */
  const firstFocus = (): HTMLElement | null =>
    dialog.querySelector<HTMLElement>("[data-testid=import-submit]:not(:disabled)") ??
    dialog.querySelector<HTMLElement>("[data-testid=import-close]") ??
    dialog.querySelector<HTMLElement>("[data-testid=import-cancel]");

  const open = (): void => {
    openModal(dialog, {
      initialFocus: firstFocus,
      // Esc while reading or importing asks it to stop; the dialog closes when the backend has
      // stopped (and rolled back).
      beforeCancel: () => {
        if (reading) {
          cancelReading();
          return false;
        }
        if (!state || state.phase === "preview") return true;
        cancel();
        return false;
      },
      onClose: () => {
        state = null;
        reading = null;
        render(nothing, dialog);
      },
    });
  };

  const show = (plan: ImportPlan): void => {
    const wasOpen = dialog.open;
    reading = null;
    state = { plan, phase: "preview", progress: null, skip: false };
    draw();
    if (!wasOpen) open();
    else firstFocus()?.focus();
  };

  return {
    start() {
      if (choosing || dialog.open) return;
      choosing = true;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const stopTimer = (): void => {
        if (timer !== null) clearTimeout(timer);
        timer = null;
      };
      deps
        .preview((now) => {
          if (!choosing) return;
          reading = { reading: now, cancelling: reading?.cancelling ?? false };
          if (dialog.open) draw();
          else if (timer === null)
            timer = setTimeout(() => {
              if (!reading || dialog.open) return;
              draw();
              open();
            }, READING_SHOWN_AFTER_MS);
        })
        .then((plan) => {
          stopTimer();
          const cancelled = reading?.cancelling ?? false;
          // A Cancel that came as the reading finished still means what it said.
          if (plan && !cancelled) show(plan);
          else {
            finish();
            if (cancelled) deps.toast.show(CANCELLED_MESSAGE);
          }
        })
        .catch((error: unknown) => {
          stopTimer();
          finish();
          deps.error(error);
        })
        .finally(() => {
          choosing = false;
        });
    },
  };
}
