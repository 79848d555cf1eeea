// "Edit N events…": one change to the table's selection — set the kind, add or remove tags,
// add or remove an actor — with a summary of what will happen before anything is written.
// The backend applies it to every event in one transaction (or to none) and it is undone in one
// step; an error that names a field is shown under that field and the dialog stays open.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { toErrorPayload } from "../api/errors";
import type { ActorCount, BulkAnswer, BulkEdit, BulkTarget, Kind, Side, TagCount } from "../api/types";
import { KINDS, SIDES, kindLabel, sideLabel } from "../format/labels";
import { UNDO_LIMIT } from "../generated/vocabulary";
import { ChipsInput } from "../forms/chips-input";
import { errorText, fieldId, selectInput, textInput } from "../forms/controls";
import { openModal } from "../forms/modal";
import { rankSuggestions, tagSuggestions } from "../forms/suggest";
import { eventCount } from "../transfer/export-request";
import {
  bulkEditFrom,
  bulkFieldForError,
  bulkFormErrors,
  bulkSummary,
  emptyBulkForm,
  type ActorAction,
  type BulkField,
  type BulkForm,
} from "./bulk-edit-model";

const P = "bulk";

export interface BulkEditCallbacks {
  apply(edit: BulkEdit): Promise<BulkAnswer>;
  /** Known tags and actors (facets of all events), for suggestions. */
  tags(): readonly TagCount[];
  actors(): readonly ActorCount[];
  /** Written: `summary` says what was done. */
  done(answer: BulkAnswer, summary: string): void;
}


export class BulkEditDialog {
  private form: BulkForm = emptyBulkForm();
  private target: BulkTarget = { type: "ids", ids: [] };
  private count = 0;
  private errors = new Map<BulkField, string>();
  private general: string | null = null;
  private saving = false;
  private readonly addTags: ChipsInput;
  private readonly removeTags: ChipsInput;

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly callbacks: BulkEditCallbacks,
  ) {
    this.addTags = new ChipsInput(() => this.render());
    this.removeTags = new ChipsInput(() => this.render());
  }

  open(target: BulkTarget, count: number): void {
    if (this.dialog.open) return;
    this.form = emptyBulkForm();
    this.target = target;
    this.count = count;
    this.errors = new Map();
    this.general = null;
    this.saving = false;
    this.render();
    openModal(this.dialog, {
      initialFocus: () => this.dialog.querySelector<HTMLElement>(`[data-field="kind"]`),
      beforeCancel: () => !this.saving,
      onClose: () => render(nothing, this.dialog),
    });
  }

  private change(mutate: (form: BulkForm) => void, clear: BulkField): void {
    mutate(this.form);
    this.errors.delete(clear);
    this.general = null;
    this.render();
  }

  private async apply(): Promise<void> {
    if (this.saving) return;
    // A known actor typed in another case is that actor, not a new one.
    const typed = this.form.actorName.trim().toLowerCase();
    const known = this.callbacks.actors().find((a) => a.side === this.form.actorSide && a.name.toLowerCase() === typed);
    if (known) this.form.actorName = known.name;
    this.errors = bulkFormErrors(this.form);
    const summary = bulkSummary(this.form, this.count);
    if (this.errors.size > 0 || summary.length === 0) {
      if (summary.length === 0) this.general = "Choose a kind, tags or an actor to change.";
      this.render();
      return;
    }
    this.saving = true;
    this.render();
    try {
      const result = await this.callbacks.apply(bulkEditFrom(this.form, this.target));
      this.saving = false;
      this.dialog.close();
      this.callbacks.done(result, summary.join("; "));
    } catch (error) {
      this.saving = false;
      const payload = toErrorPayload(error);
      const field = bulkFieldForError(payload.field);
      if (field) this.errors.set(field, payload.message);
      else this.general = payload.message;
      this.render();
      this.dialog.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  private tagsField(key: "addTags" | "removeTags", label: string, input: ChipsInput): TemplateResult {
    const error = this.errors.get(key);
    const id = fieldId(P, key);
    const draftKey = key === "addTags" ? "addTagDraft" : "removeTagDraft";
    return html`<div class="form-field ${error ? "has-error" : ""}">
      <label class="form-label" for=${id}>${label}</label>
      ${input.template({
        id,
        label,
        values: this.form[key],
        draft: this.form[draftKey],
        dataField: key,
        placeholder: "Type a tag, then Enter or comma",
        invalid: error !== undefined,
        describedBy: error ? `${id}-error` : undefined,
        suggestions: (text) =>
          rankSuggestions(
            text,
            tagSuggestions(this.callbacks.tags()),
            8,
            this.form[key],
          ),
        onChange: (values, draft) =>
          this.change((form) => {
            form[key] = values;
            form[draftKey] = draft;
          }, key),
      })}
      ${errorText(P, key, error)}
    </div>`;
  }

  private actorField(): TemplateResult {
    const error = this.errors.get("actor");
    const actions: { value: ActorAction; label: string }[] = [
      { value: "none", label: "Leave actors as they are" },
      { value: "add", label: "Add an actor" },
      { value: "remove", label: "Remove an actor" },
    ];
    const known = this.callbacks.actors();
    return html`<fieldset class="bulk-actor">
      <legend class="form-label">Actor</legend>
      ${selectInput({
        prefix: P,
        key: "actorAction",
        label: "What to do with an actor",
        hideLabel: true,
        value: this.form.actorAction,
        options: actions,
        onChange: (value) => this.change((form) => (form.actorAction = value as ActorAction), "actor"),
      })}
      ${this.form.actorAction === "none"
        ? nothing
        : html`<div class="bulk-actor-row">
            ${textInput({
              prefix: P,
              key: "actor",
              label: "Name",
              value: this.form.actorName,
              error,
              placeholder: known[0] ? `e.g. ${known[0].name}` : "Name",
              onInput: (value) =>
                this.change((form) => {
                  form.actorName = value;
                  // A known actor's side, so "Wang Yi" is not added as a US actor by mistake.
                  const match = known.find((a) => a.name.toLowerCase() === value.trim().toLowerCase());
                  if (match) form.actorSide = match.side;
                }, "actor"),
            })}
            ${selectInput({
              prefix: P,
              key: "actorSide",
              label: "Side",
              value: this.form.actorSide,
              options: SIDES.map((side) => ({ value: side, label: sideLabel(side) })),
              onChange: (value) => this.change((form) => (form.actorSide = value as Side), "actor"),
            })}
          </div>`}
    </fieldset>`;
  }

  private render(): void {
    const summary = bulkSummary(this.form, this.count);
    const events = eventCount(this.count);
    render(
      html`<form
          class="dialog-body bulk-form"
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            void this.apply();
          }}
        >
          <h2 class="dialog-title" id="bulk-heading">Edit ${events}</h2>
          ${selectInput({
            prefix: P,
            key: "kind",
            label: "Kind",
            value: this.form.kind,
            error: this.errors.get("kind"),
            options: [{ value: "", label: "Leave each event's kind" }, ...KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))],
            onChange: (value) => this.change((form) => (form.kind = value as Kind | ""), "kind"),
          })}
          ${this.tagsField("addTags", "Add tags", this.addTags)} ${this.tagsField("removeTags", "Remove tags", this.removeTags)}
          ${this.actorField()}
          <div class="bulk-summary" data-testid="bulk-summary" aria-live="polite">
            ${summary.length === 0
              ? html`<p class="form-hint">Nothing will change yet: choose a kind, tags or an actor.</p>`
              : html`<ul>
                  ${summary.map((line) => html`<li>${line}</li>`)}
                </ul>`}
            ${this.count > UNDO_LIMIT
              ? html`<p class="form-hint">This many events is more than one undo can take back: the change cannot be undone.</p>`
              : nothing}
          </div>
          ${this.general ? html`<p class="form-error" role="alert" data-testid="bulk-error">${this.general}</p>` : nothing}
        </form>
        <div class="dialog-actions">
          <button type="button" class="button" data-testid="bulk-cancel" ?disabled=${this.saving} @click=${() => this.dialog.close()}>Cancel</button>
          <button
            type="button"
            class="button primary"
            data-testid="bulk-apply"
            ?disabled=${this.saving || summary.length === 0}
            @click=${() => void this.apply()}
          >
            ${this.saving ? "Applying…" : `Apply to ${events}`}
          </button>
        </div>`,
      this.dialog,
    );
  }
}
