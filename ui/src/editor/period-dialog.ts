// The period editor: a modal dialog to add, change or delete one of the user's periods (name,
// dates as typed, colour, note). The form's state and checks are in period-form.ts; errors
// from the backend name a field and are shown under it, and the dialog stays open.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import { toErrorPayload } from "../api/errors";
import type { Colour, Period } from "../api/types";
import { TYPED_DATE_EXAMPLE } from "../format/typed-date";
import { errorText, textArea, textInput } from "../forms/controls";
import { openModal, requestClose, saveOnCtrlEnter } from "../forms/modal";
import type { ConfirmOptions } from "../panels/confirm";
import {
  COLOURS,
  formFromPeriod,
  isDirty,
  newPeriodForm,
  periodFieldOfError,
  periodFromForm,
  type PeriodErrors,
  type PeriodForm,
} from "./period-form";

export interface PeriodDialogCallbacks {
  create(period: Period): Promise<Period>;
  update(period: Period): Promise<Period>;
  remove(id: string): Promise<void>;
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** A change was stored: `message` says what ("Added the period “…”"). */
  changed(message: string): void;
}

const P = "period";

export class PeriodDialog {
  private original: Period | null = null;
  private form: PeriodForm = newPeriodForm();
  private initial: PeriodForm = newPeriodForm();
  private errors: PeriodErrors = {};
  private general: string | null = null;
  private busy = false;

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly callbacks: PeriodDialogCallbacks,
  ) {
    saveOnCtrlEnter(dialog, () => void this.save());
  }

  isOpen(): boolean {
    return this.dialog.open;
  }

  /** Opens the form: empty for a new period, filled for `period`. */
  open(period: Period | null): void {
    if (this.dialog.open) return;
    this.original = period;
    this.form = period ? formFromPeriod(period) : newPeriodForm();
    this.initial = { ...this.form };
    this.errors = {};
    this.general = null;
    this.busy = false;
    this.render();
    openModal(this.dialog, {
      initialFocus: () => this.dialog.querySelector<HTMLElement>('[data-field="name"]'),
      beforeCancel: () =>
        this.busy
          ? false
          : isDirty(this.initial, this.form)
            ? this.callbacks.confirm({
                title: "Discard your changes?",
                message: "What you typed in this form will be lost.",
                confirmLabel: "Discard",
                cancelLabel: "Keep editing",
                danger: true,
              })
            : true,
      onClose: () => render(nothing, this.dialog),
    });
  }

  private change(mutate: (form: PeriodForm) => void, field: keyof PeriodErrors): void {
    mutate(this.form);
    delete this.errors[field];
    this.render();
  }

  private async save(): Promise<void> {
    if (this.busy || !this.dialog.open) return;
    const checked = periodFromForm(this.form);
    this.general = null;
    if (!checked.period) {
      this.errors = checked.errors;
      this.focusFirstError();
      return;
    }
    this.errors = {};
    this.busy = true;
    this.render();
    try {
      const creating = this.original === null;
      const stored = creating ? await this.callbacks.create(checked.period) : await this.callbacks.update(checked.period);
      this.busy = false;
      this.dialog.close();
      this.callbacks.changed(`${creating ? "Added" : "Saved"} the period “${stored.name}”`);
    } catch (error) {
      this.busy = false;
      this.showError(error);
    }
  }

  private async remove(): Promise<void> {
    const period = this.original;
    if (this.busy || !period) return;
    const ok = await this.callbacks.confirm({
      title: "Delete this period?",
      message: `“${period.name}” will be removed from the timeline. You can undo this.`,
      confirmLabel: "Delete",
      danger: true,
    });
    if (!ok || !this.dialog.open) return;
    this.busy = true;
    this.render();
    try {
      await this.callbacks.remove(period.id);
      this.busy = false;
      this.dialog.close();
      this.callbacks.changed(`Deleted the period “${period.name}”`);
    } catch (error) {
      this.busy = false;
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    const payload = toErrorPayload(error);
    const field = periodFieldOfError(payload.field);
    if (field) this.errors[field] = payload.message;
    else this.general = payload.message;
    this.focusFirstError();
  }

  private focusFirstError(): void {
    this.render();
    const invalid = this.dialog.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? this.dialog.querySelector<HTMLElement>(".form-error"))?.focus();
  }

  private render(): void {
    render(this.template(), this.dialog);
  }

  private colours(): TemplateResult {
    const error = this.errors.colour;
    return html`<fieldset class="form-field form-group" aria-describedby=${error ? `${P}-colour-error` : nothing}>
      <legend class="form-label">Colour</legend>
      <div class="colour-choices" role="radiogroup" aria-label="Colour">
        ${COLOURS.map(
          (colour) => html`<label class="colour-choice">
            <input
              type="radio"
              name="period-colour"
              data-field=${colour.value === this.form.colour ? "colour" : nothing}
              data-colour=${colour.value}
              .checked=${live(colour.value === this.form.colour)}
              aria-invalid=${error ? "true" : "false"}
              @change=${() => this.change((form) => (form.colour = colour.value as Colour), "colour")}
            />
            <span class="colour-swatch" data-colour=${colour.value} aria-hidden="true"></span>
            ${colour.label}
          </label>`,
        )}
      </div>
      ${errorText(P, "colour", error)}
    </fieldset>`;
  }

  private template(): TemplateResult {
    const f = this.form;
    const e = this.errors;
    return html`<div class="dialog-header">
        <h2 class="dialog-title" id="period-heading">${this.original ? "Edit period" : "New period"}</h2>
        <button type="button" class="button icon quiet" aria-label="Close" title="Close (Esc)" @click=${() => requestClose(this.dialog)}>
          ✕
        </button>
      </div>
      <div class="dialog-body">
        <p class="form-note">Your periods are drawn in their own band under the eras, in the colour you choose.</p>
        ${this.general ? html`<p class="form-error general" role="alert" tabindex="-1" data-testid="period-error">${this.general}</p>` : nothing}
        ${textInput({
          prefix: P,
          key: "name",
          label: "Name",
          value: f.name,
          required: true,
          placeholder: "Trade war",
          error: e.name,
          onInput: (value) => this.change((form) => (form.name = value), "name"),
        })}
        <div class="form-row two">
          ${textInput({
            prefix: P,
            key: "start",
            label: "Starts",
            value: f.start,
            required: true,
            placeholder: "Jul 2018",
            hint: TYPED_DATE_EXAMPLE,
            error: e.start,
            onInput: (value) => this.change((form) => (form.start = value), "start"),
          })}
          ${textInput({
            prefix: P,
            key: "end",
            label: "Ends",
            value: f.end,
            placeholder: "Leave empty if ongoing",
            hint: "The end is included: 1974 runs to the end of 1974.",
            error: e.end,
            onInput: (value) => this.change((form) => (form.end = value), "end"),
          })}
        </div>
        ${this.colours()}
        ${textArea({
          prefix: P,
          key: "note",
          label: "Note (optional)",
          value: f.note,
          rows: 2,
          error: e.note,
          onInput: (value) => this.change((form) => (form.note = value), "note"),
        })}
      </div>
      <div class="dialog-actions">
        ${this.original
          ? html`<button type="button" class="button danger" data-testid="period-delete" ?disabled=${this.busy} @click=${() => void this.remove()}>
              Delete…
            </button>`
          : nothing}
        <button type="button" class="button" data-testid="period-cancel" @click=${() => requestClose(this.dialog)}>Cancel</button>
        <button
          type="button"
          class="button primary"
          data-testid="period-save"
          ?disabled=${this.busy}
          aria-busy=${this.busy ? "true" : "false"}
          @click=${() => void this.save()}
        >
          ${this.original ? "Save" : "Add period"}
        </button>
      </div>`;
  }
}
