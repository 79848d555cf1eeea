// The Export dialog: a format (with what each is for, and a size for pictures) and what to
// export — the current view (active filters within the visible range), all events, or the
// selected event.
// "Export…" hands the request to the backend, which shows the system's save dialog and writes
// the file; a cancelled save dialog leaves this dialog open, quietly. Once the file is chosen
// the writing reports its progress here (a million events take a few seconds), and "Cancel
// export" stops it: the backend then leaves no file.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import { toErrorPayload } from "../api/errors";
import type { ExportRequest, Filter, TransferProgress } from "../api/types";
import { formatDateRange } from "../format/date";
import { openModal, requestClose } from "../forms/modal";
import { progressBar, progressPercent } from "../forms/progress-bar";
import { emptyFilter, isEmptyFilter, type KeyValueStore } from "../panels/filter-model";
import type { Toast } from "../panels/toast";
import type { Domain } from "../timeline/scale";
import {
  EXPORT_CANCELLED_MESSAGE,
  EXPORT_FORMATS,
  EXPORT_STORAGE_KEY,
  eventCount,
  exportedMessage,
  exportProgressText,
  tooManyFor,
  exportRequest,
  formatChoice,
  parseRemembered,
  parseSize,
  viewFilter,
  type ExportFormat,
  type ExportScope,
  type FormatChoice,
} from "./export-request";

export interface ExportDeps {
  /**
   * Writes through the native save dialog: the path, or null when cancelled. Progress comes
   * once the file is chosen; a cancelled export rejects with code "cancelled".
   */
  exportEvents(request: ExportRequest, onProgress: (progress: TransferProgress) => void): Promise<string | null>;
  /** Asks a running export to stop. */
  cancel(): Promise<unknown>;
  /** How many events match a filter (the backend's count, the same query the export runs). */
  count(filter: Filter): Promise<number>;
  /** The view as it is now: filter, visible range and the selected event. */
  view(): { filter: Filter; domain: Domain; selected: { id: string; title: string } | null };
  toast: Toast;
  error(error: unknown): void;
  store: KeyValueStore | null;
}

export interface ExportDialog {
  open(): void;
}

interface State {
  format: ExportFormat;
  scope: ExportScope;
  width: string;
  height: string;
  filter: Filter;
  /** The view's filter (its range narrowed to the visible days); null when they share no day. */
  scoped: Filter | null;
  domain: Domain;
  selected: { id: string; title: string } | null;
  /** Events in the current view; null while counting. */
  count: number | null;
  /** Events in the database; null while counting. */
  allCount: number | null;
  /** From "Export…" until the export ends: the save dialog, then the writing. */
  busy: boolean;
  /** How far the writing has come; null until the file is chosen. */
  progress: TransferProgress | null;
  cancelling: boolean;
}

export function createExportDialog(dialog: HTMLDialogElement, deps: ExportDeps): ExportDialog {
  let state: State | null = null;
  let opening = 0;

  const sizeErrors = (s: State): { width?: string; height?: string } => {
    if (!formatChoice(s.format)?.picture) return {};
    const width = parseSize(s.width, "width");
    const height = parseSize(s.height, "height");
    return { ...("error" in width ? { width: width.error } : {}), ...("error" in height ? { height: height.error } : {}) };
  };

  const exportCount = (s: State): number | null =>
    s.scope === "selected" ? 1 : s.scope === "all" ? s.allCount : s.count;

  const tooMany = (s: State): string | null => {
    const count = exportCount(s);
    return count === null ? null : tooManyFor(s.format, count);
  };

  const canExport = (s: State): boolean => {
    const errors = sizeErrors(s);
    const count = exportCount(s);
    return !s.busy && errors.width === undefined && errors.height === undefined && count !== null && count > 0 && tooMany(s) === null;
  };

  const update = (change: Partial<State>): void => {
    if (!state) return;
    state = { ...state, ...change };
    draw();
  };

  const remember = (s: State): void => {
    const width = parseSize(s.width, "width");
    const height = parseSize(s.height, "height");
    try {
      deps.store?.setItem(
        EXPORT_STORAGE_KEY,
        JSON.stringify({
          format: s.format,
          ...("value" in width ? { width: width.value } : {}),
          ...("value" in height ? { height: height.value } : {}),
        }),
      );
    } catch {
      // Not remembered; the export still runs.
    }
  };

  const submit = async (): Promise<void> => {
    const s = state;
    if (!s || !canExport(s)) return;
    const width = parseSize(s.width, "width");
    const height = parseSize(s.height, "height");
    const request = exportRequest(
      {
        format: s.format,
        scope: s.scope,
        width: "value" in width ? width.value : 0,
        height: "value" in height ? height.value : 0,
      },
      { filter: s.filter, domain: s.domain, selectedId: s.selected?.id ?? null },
    );
    const count = exportCount(s);
    if (!request || count === null) return;
    remember(s);
    update({ busy: true });
    try {
      const path = await deps.exportEvents(request, (progress) => {
        if (state?.busy) update({ progress });
      });
      if (path === null) {
        // The user cancelled the save dialog: stay here, as they left it.
        update({ busy: false, progress: null });
        dialog.querySelector<HTMLElement>("[data-testid=export-submit]")?.focus();
        return;
      }
      state = null;
      dialog.close();
      deps.toast.show(exportedMessage(count, path));
    } catch (error) {
      state = null;
      dialog.close();
      if (toErrorPayload(error).code === "cancelled") deps.toast.show(EXPORT_CANCELLED_MESSAGE);
      else deps.error(error);
    }
  };

  const cancel = (): void => {
    if (!state?.progress || state.cancelling) return;
    update({ cancelling: true });
    deps.cancel().catch((error: unknown) => deps.error(error));
  };

  const progress = (s: State, at: TransferProgress): TemplateResult =>
    progressBar({
      percent: progressPercent(at),
      text: s.cancelling ? "Cancelling… no file will be written" : exportProgressText(at),
      label: "Export progress",
      testid: "export-progress",
    });

  const formatOption = (s: State, choice: FormatChoice): TemplateResult => html`<label class="choice">
    <input
      type="radio"
      name="export-format"
      value=${choice.value}
      data-testid=${`export-format-${choice.value}`}
      .checked=${live(s.format === choice.value)}
      ?disabled=${s.busy}
      @change=${() => update({ format: choice.value })}
    />
    <span class="choice-text">
      <span class="choice-label">${choice.label}</span>
      <span class="choice-description">${choice.description}</span>
    </span>
  </label>`;

  const sizeFields = (s: State): TemplateResult | typeof nothing => {
    if (!formatChoice(s.format)?.picture) return nothing;
    const errors = sizeErrors(s);
    const input = (dimension: "width" | "height", value: string): TemplateResult => html`<input
      id=${`export-${dimension}`}
      class="field size-input"
      type="text"
      inputmode="numeric"
      maxlength="4"
      autocomplete="off"
      data-testid=${`export-${dimension}`}
      aria-label=${dimension === "width" ? "Width in pixels" : "Height in pixels"}
      aria-invalid=${errors[dimension] ? "true" : "false"}
      aria-describedby=${errors[dimension] ? `export-${dimension}-error` : "export-size-hint"}
      .value=${live(value)}
      ?disabled=${s.busy}
      @input=${(event: InputEvent) => update({ [dimension]: (event.target as HTMLInputElement).value })}
    />`;
    return html`<div class="form-field export-size">
      <span class="form-label" id="export-size-label">Picture size</span>
      <div class="size-inputs" role="group" aria-labelledby="export-size-label">
        ${input("width", s.width)}
        <span class="size-times" aria-hidden="true">×</span>
        ${input("height", s.height)}
        <span class="muted" id="export-size-hint">pixels</span>
      </div>
      ${errors.width ? html`<p class="form-error" id="export-width-error" role="alert">${errors.width}</p>` : nothing}
      ${errors.height ? html`<p class="form-error" id="export-height-error" role="alert">${errors.height}</p>` : nothing}
    </div>`;
  };

  const viewDescription = (s: State): string => {
    if (!s.scoped) return "The active filters’ dates and the visible range do not overlap.";
    const range = formatDateRange(s.scoped.from ?? "", s.scoped.to ?? null);
    return isEmptyFilter(s.filter) ? `${range}, no filters` : `${range}, with the active filters`;
  };

  const scopeOption = (
    s: State,
    scope: ExportScope,
    label: string,
    description: string,
    testid: string,
  ): TemplateResult => html`<label class="choice">
    <input
      type="radio"
      name="export-scope"
      value=${scope}
      data-testid=${testid}
      .checked=${live(s.scope === scope)}
      ?disabled=${s.busy}
      @change=${() => update({ scope })}
    />
    <span class="choice-text">
      <span class="choice-label">${label}</span>
      <span class="choice-description">${description}</span>
    </span>
  </label>`;

  const template = (s: State): TemplateResult => {
    const viewLabel = `The current view: ${s.count === null ? "counting…" : eventCount(s.count)}`;
    const allLabel = `All events: ${s.allCount === null ? "counting…" : eventCount(s.allCount)}`;
    const nothingToExport = s.scope === "view" && s.count === 0;
    const tooManyNote = tooMany(s);
    return html`<div class="dialog-header">
        <h2 class="dialog-title" id="export-heading">Export</h2>
        <button type="button" class="button icon quiet" aria-label="Close" title="Close (Esc)" @click=${() => requestClose(dialog)}>✕</button>
      </div>
      <form
        class="dialog-body export-form"
        id="export-form"
        novalidate
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset class="form-group">
          <legend class="form-label">Format</legend>
          <div class="choice-grid">${EXPORT_FORMATS.map((choice) => formatOption(s, choice))}</div>
        </fieldset>
        ${sizeFields(s)}
        <fieldset class="form-group">
          <legend class="form-label">Events</legend>
          <div class="choice-list">
            ${scopeOption(s, "view", viewLabel, viewDescription(s), "export-scope-view")}
            ${scopeOption(s, "all", allLabel, "Every event in the database, whatever the filters and the view", "export-scope-all")}
            ${s.selected
              ? scopeOption(s, "selected", "The selected event", s.selected.title, "export-scope-selected")
              : nothing}
          </div>
        </fieldset>
        ${nothingToExport
          ? html`<p class="form-note" role="status">No events in the current view. Zoom out, or remove a filter.</p>`
          : nothing}
        ${tooManyNote ? html`<p class="form-note" role="status" data-testid="export-too-many">${tooManyNote}</p>` : nothing}
      </form>
      <div class="dialog-actions">
        ${s.progress
          ? html`<div class="dialog-hint dialog-progress">${progress(s, s.progress)}</div>
              <button type="button" class="button" data-testid="export-stop" ?disabled=${s.cancelling} @click=${cancel}>
                ${s.cancelling ? "Cancelling…" : "Cancel export"}
              </button>`
          : html`<p class="dialog-hint">${s.busy ? "Choose where to save the file…" : "You choose where to save it next."}</p>
              <button type="button" class="button" data-testid="export-cancel" ?disabled=${s.busy} @click=${() => requestClose(dialog)}>Cancel</button>`}
        <button type="submit" form="export-form" class="button primary" data-testid="export-submit" ?disabled=${!canExport(s)}>
          ${s.busy ? "Exporting…" : "Export…"}
        </button>
      </div>`;
  };

  const draw = (): void => {
    if (state) render(template(state), dialog);
  };

  return {
    open() {
      if (dialog.open) return;
      const view = deps.view();
      const remembered = parseRemembered(deps.store?.getItem(EXPORT_STORAGE_KEY));
      const scoped = viewFilter(view.filter, view.domain);
      state = {
        format: remembered.format,
        scope: "view",
        width: String(remembered.width),
        height: String(remembered.height),
        filter: view.filter,
        scoped,
        domain: view.domain,
        selected: view.selected,
        count: scoped ? null : 0,
        allCount: null,
        busy: false,
        progress: null,
        cancelling: false,
      };
      draw();
      openModal(dialog, {
        initialFocus: () =>
          dialog.querySelector<HTMLElement>("input[name=export-format]:checked") ?? dialog.querySelector<HTMLElement>("input"),
        // The save dialog is up: the request cannot be taken back, so this one stays.
        beforeCancel: () => !state?.busy,
        onClose: () => {
          state = null;
          render(nothing, dialog);
        },
      });
      const ticket = ++opening;
      deps
        .count(emptyFilter())
        .then((allCount) => {
          if (ticket === opening) update({ allCount });
        })
        .catch((error: unknown) => {
          if (ticket !== opening) return;
          dialog.close();
          deps.error(error);
        });
      if (scoped) {
        deps
          .count(scoped)
          .then((count) => {
            if (ticket === opening) update({ count });
          })
          .catch((error: unknown) => {
            if (ticket !== opening) return;
            dialog.close();
            deps.error(error);
          });
      }
    },
  };
}
