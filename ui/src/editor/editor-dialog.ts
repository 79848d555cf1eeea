// The event editor: a modal dialog for a new event or an existing one (shipped ones too).
// The form state lives in event-form.ts; this renders it with the form controls and talks to
// the backend through the callbacks. Errors — the form's own and the backend's, which name a
// field path — are shown under the input they belong to, and the dialog stays open.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import { toErrorPayload } from "../api/errors";
import type { ActorCount, Event as EventData, EventLinks, Precision, SearchHit, Side, StoredEvent, TagCount } from "../api/types";
import { formatPartialDate, MONTH_NAMES } from "../format/date";
import { KINDS, SIDES, kindLabel, sideLabel } from "../format/labels";
import { publisherFromUrl } from "../format/publisher";
import { Autocomplete } from "../forms/autocomplete";
import { ChipsInput } from "../forms/chips-input";
import { errorText, fieldId, selectInput, textArea, textInput } from "../forms/controls";
import { openModal, requestClose, saveOnCtrlEnter } from "../forms/modal";
import { rankSuggestions, tagSuggestions, type Suggestion } from "../forms/suggest";
import { fieldKeyForError } from "./error-fields";
import { LinksField } from "./links-field";
import {
  dateText,
  emptyActor,
  emptySource,
  eventFromForm,
  formFromEvent,
  isDirty,
  nameLinks,
  newEventForm,
  type DateInput,
  type EndPrecision,
  type EventForm,
  type FieldErrors,
  type RowMaps,
  type SourceRow,
} from "./event-form";

export interface EditorCallbacks {
  create(event: EventData): Promise<StoredEvent>;
  update(event: EventData): Promise<StoredEvent>;
  /** Known actors and tags, for autocomplete (the facets of all events). */
  actors(): readonly ActorCount[];
  tags(): readonly TagCount[];
  /** Asks whether to throw away typed changes. */
  confirmDiscard(): Promise<boolean>;
  saved(event: StoredEvent, created: boolean): void;
  /** Events found by title, to link to. */
  searchEvents(text: string, limit: number): Promise<SearchHit[]>;
  /** The stored event's links with their titles, to show the links being edited. */
  eventLinks(id: string): Promise<EventLinks>;
}

const P = "ev";

/**
 * The editor used on an event that is not stored yet (a candidate read from an article): it
 * checks the form as usual, then gives the event back instead of saving it.
 */
export interface DraftOptions {
  heading: string;
  /** The save button's label ("Use these details"). */
  saveLabel: string;
  /** A line above the form that says what happens to the event. */
  note?: string;
  done(event: EventData): void;
}

const PRECISIONS: readonly { value: Precision; label: string }[] = [
  { value: "day", label: "Day" },
  { value: "month", label: "Month" },
  { value: "year", label: "Year" },
];

export class EventEditor {
  private readonly dialog: HTMLDialogElement;
  private readonly callbacks: EditorCallbacks;
  private form: EventForm = newEventForm();
  private initial: EventForm = newEventForm();
  private original: StoredEvent | null = null;
  private draft: DraftOptions | null = null;
  private errors: FieldErrors = new Map();
  private general: string | null = null;
  private rows: RowMaps = { actors: [], sources: [] };
  private saving = false;
  private focusAfterRender: string | null = null;
  private actorInputs: Autocomplete[] = [];
  private readonly tagsInput: ChipsInput;
  private readonly linksField: LinksField;

  constructor(dialog: HTMLDialogElement, callbacks: EditorCallbacks) {
    this.dialog = dialog;
    this.callbacks = callbacks;
    this.tagsInput = new ChipsInput(() => this.render());
    this.linksField = new LinksField(
      () => this.render(),
      (text, limit) => this.callbacks.searchEvents(text, limit),
    );
    saveOnCtrlEnter(dialog, () => void this.save());
  }

  isOpen(): boolean {
    return this.dialog.open;
  }

  /** Opens the form: empty for a new event, filled for `event`. */
  open(event: StoredEvent | null, fallbackFocus?: () => HTMLElement | null): void {
    if (this.dialog.open) return;
    this.draft = null;
    this.show(event, event ? formFromEvent(event) : newEventForm(), fallbackFocus);
  }

  /** Opens the form as a new event filled from `event` (a duplicate): saved only when the user saves. */
  openCopy(event: EventData, fallbackFocus?: () => HTMLElement | null): void {
    if (this.dialog.open) return;
    this.draft = null;
    this.show(null, formFromEvent(event), fallbackFocus);
  }

  /** Opens the form on an event that is not stored: Save checks it and hands it to `options.done`. */
  openDraft(event: EventData, options: DraftOptions): void {
    if (this.dialog.open) return;
    this.draft = options;
    this.show(null, formFromEvent(event));
  }

  private show(event: StoredEvent | null, form: EventForm, fallbackFocus?: () => HTMLElement | null): void {
    this.original = event;
    this.form = form;
    this.initial = structuredClone(this.form);
    this.errors = new Map();
    this.general = null;
    this.saving = false;
    this.actorInputs = [];
    this.linksField.reset();
    this.render();
    if (event && this.form.links.length > 0) this.loadLinkTitles(event.id);
    openModal(this.dialog, {
      initialFocus: () => this.dialog.querySelector<HTMLElement>(`[data-field="title"]`),
      beforeCancel: () => (this.saving ? false : isDirty(this.initial, this.form) ? this.callbacks.confirmDiscard() : true),
      onClose: () => render(nothing, this.dialog),
      ...(fallbackFocus ? { fallbackFocus } : {}),
    });
  }

  /** Names the links being edited once the backend says what they point at. */
  private loadLinkTitles(id: string): void {
    const form = this.form;
    this.callbacks
      .eventLinks(id)
      .then((links) => {
        if (this.form !== form || !this.dialog.open) return;
        const titles = new Map(links.outgoing.map((linked) => [linked.id, linked.title]));
        nameLinks(this.form, titles);
        nameLinks(this.initial, titles);
        this.render();
      })
      .catch(() => {
        // Without titles the links show their ids; they are still kept and saved.
      });
  }

  private change(mutate: (form: EventForm) => void, clear: readonly string[] = []): void {
    mutate(this.form);
    for (const key of clear) this.errors.delete(key);
    this.render();
  }

  private async save(): Promise<void> {
    if (this.saving || !this.dialog.open) return;
    const { event, errors, rows } = eventFromForm(this.form);
    this.rows = rows;
    this.errors = errors;
    this.general = null;
    if (!event) {
      this.focusFirstError();
      return;
    }
    if (this.draft) {
      const draft = this.draft;
      this.dialog.close();
      draft.done(event);
      return;
    }
    this.saving = true;
    this.render();
    try {
      const created = this.original === null;
      const stored = created ? await this.callbacks.create(event) : await this.callbacks.update(event);
      this.saving = false;
      this.dialog.close();
      this.callbacks.saved(stored, created);
    } catch (error) {
      this.saving = false;
      const payload = toErrorPayload(error);
      const key = fieldKeyForError(payload.field, this.rows);
      if (key) this.errors.set(key, payload.message);
      else this.general = payload.message;
      this.focusFirstError();
    }
  }

  private focusFirstError(): void {
    this.render();
    const invalid = this.dialog.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      // Show the message under it too, not just the input.
      invalid.closest(".form-field, .form-group, .actor-row")?.scrollIntoView({ block: "nearest" });
      return;
    }
    // An error about a whole group (a source, the actors): its first input, else the message.
    const message = this.dialog.querySelector<HTMLElement>(".form-error");
    const input = message?.closest(".source-block, fieldset, .form-field")?.querySelector<HTMLElement>("input, select, textarea");
    (input ?? message)?.focus();
  }

  private render(): void {
    render(this.template(), this.dialog);
    if (this.focusAfterRender) {
      const key = this.focusAfterRender;
      this.focusAfterRender = null;
      this.dialog.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`)?.focus();
    }
  }

  private template(): TemplateResult {
    const f = this.form;
    const e = (key: string): string | undefined => this.errors.get(key);
    const shipped = this.original !== null && this.original.origin === "dataset";
    return html`<div class="dialog-header">
        <h2 class="dialog-title" id="editor-heading">${this.draft ? this.draft.heading : this.original ? "Edit event" : "New event"}</h2>
        <button type="button" class="button icon quiet" aria-label="Close" title="Close (Esc)" @click=${() => requestClose(this.dialog)}>
          ✕
        </button>
      </div>
      <div class="dialog-body editor-body">
        ${this.draft?.note ? html`<p class="form-note" data-testid="editor-draft-note">${this.draft.note}</p>` : nothing}
        ${shipped
          ? html`<p class="form-note">This event ships with Bilateral. Your changes are kept, and it will show as “Edited by you”.</p>`
          : nothing}
        ${this.general
          ? html`<p class="form-error general" role="alert" tabindex="-1" data-testid="editor-error">${this.general}</p>`
          : nothing}
        ${textInput({
          prefix: P,
          key: "title",
          label: "Title",
          value: f.title,
          required: true,
          maxLength: 300,
          error: e("title"),
          onInput: (value) => this.change((form) => (form.title = value), ["title"]),
        })}
        ${textInput({
          prefix: P,
          key: "title_zh",
          label: "Title in Chinese (optional)",
          value: f.titleZh,
          maxLength: 300,
          placeholder: "e.g. 习近平同拜登在伍德赛德会晤",
          error: e("title_zh"),
          onInput: (value) => this.change((form) => (form.titleZh = value), ["title_zh"]),
        })}
        <div class="form-row two">
          ${this.dateGroup("start", "Start", f.start, false)} ${this.dateGroup("end", "End", f.end, true)}
        </div>
        <div class="form-row two">
          ${selectInput({
            prefix: P,
            key: "kind",
            label: "Kind",
            value: f.kind,
            error: e("kind"),
            options: [{ value: "", label: "Choose a kind…" }, ...KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))],
            onChange: (value) => this.change((form) => (form.kind = value as EventForm["kind"]), ["kind"]),
          })}
          ${textInput({
            prefix: P,
            key: "location",
            label: "Location (optional)",
            value: f.location,
            placeholder: "e.g. Woodside, California",
            error: e("location"),
            onInput: (value) => this.change((form) => (form.location = value), ["location"]),
          })}
        </div>
        ${this.actorsGroup()} ${this.tagsField()}
        ${textArea({
          prefix: P,
          key: "summary",
          label: "Summary",
          value: f.summary,
          rows: 3,
          placeholder: "What happened, in a few sentences (plain text).",
          error: e("summary"),
          onInput: (value) => this.change((form) => (form.summary = value), ["summary"]),
        })}
        ${this.sourcesGroup()} ${this.linksField.template(f, (mutate) => this.change(mutate, ["links"]))}
      </div>
      <div class="dialog-actions">
        <span class="dialog-hint"><kbd>Ctrl</kbd> + <kbd>Enter</kbd> saves</span>
        <button type="button" class="button" data-testid="editor-cancel" @click=${() => requestClose(this.dialog)}>Cancel</button>
        <button
          type="button"
          class="button primary"
          data-testid="editor-save"
          ?disabled=${this.saving}
          aria-busy=${this.saving ? "true" : "false"}
          @click=${() => void this.save()}
        >
          ${this.saving ? "Saving…" : this.draft ? this.draft.saveLabel : this.original ? "Save changes" : "Add event"}
        </button>
      </div>`;
  }

  private dateGroup(key: "start" | "end", legend: string, value: DateInput<EndPrecision>, optional: boolean): TemplateResult {
    const error = this.errors.get(key);
    const errorId = error ? `${fieldId(P, key)}-error` : undefined;
    const preview = value.precision !== "none" ? dateText(value) : null;
    // The input to mark: the part the form's own check blames, else the year (a backend error such as "end before start").
    const bad = error ? (preview?.part ?? "year") : null;
    const set = (mutate: (date: DateInput<EndPrecision>) => void): void =>
      this.change((form) => mutate(key === "start" ? (form.start as DateInput<EndPrecision>) : form.end), [key]);
    const precisionOptions = optional ? [{ value: "none", label: "No end" }, ...PRECISIONS] : PRECISIONS;
    const showYear = value.precision !== "none";
    const showMonth = value.precision === "month" || value.precision === "day";
    const showDay = value.precision === "day";
    return html`<fieldset class="form-group date-group ${error ? "has-error" : ""}" data-group=${key}>
      <legend class="form-label">${legend}</legend>
      <div class="date-inputs">
        <select
          class="field select precision"
          data-field=${`${key}.precision`}
          aria-label=${`${legend}: precision`}
          .value=${live(value.precision)}
          @change=${(event: Event) => set((date) => (date.precision = (event.target as HTMLSelectElement).value as EndPrecision))}
        >
          ${precisionOptions.map(
            (option) => html`<option value=${option.value} ?selected=${option.value === value.precision}>${option.label}</option>`,
          )}
        </select>
        ${showYear
          ? html`<input
              class="field year"
              type="text"
              inputmode="numeric"
              maxlength="4"
              placeholder="YYYY"
              autocomplete="off"
              data-field=${key}
              aria-label=${`${legend}: year`}
              aria-invalid=${bad === "year" ? "true" : "false"}
              aria-describedby=${errorId ?? `${fieldId(P, key)}-preview`}
              .value=${live(value.year)}
              @input=${(event: InputEvent) => set((date) => (date.year = (event.target as HTMLInputElement).value))}
            />`
          : nothing}
        ${showMonth
          ? html`<select
              class="field select month"
              data-field=${`${key}.month`}
              aria-label=${`${legend}: month`}
              aria-invalid=${bad === "month" ? "true" : "false"}
              aria-describedby=${errorId ?? `${fieldId(P, key)}-preview`}
              .value=${live(value.month)}
              @change=${(event: Event) => set((date) => (date.month = (event.target as HTMLSelectElement).value))}
            >
              <option value="" ?selected=${value.month === ""}>Month…</option>
              ${MONTH_NAMES.map(
                (name, index) => html`<option value=${String(index + 1)} ?selected=${value.month === String(index + 1)}>${name}</option>`,
              )}
            </select>`
          : nothing}
        ${showDay
          ? html`<input
              class="field day"
              type="text"
              inputmode="numeric"
              maxlength="2"
              placeholder="DD"
              autocomplete="off"
              data-field=${`${key}.day`}
              aria-label=${`${legend}: day`}
              aria-invalid=${bad === "day" ? "true" : "false"}
              aria-describedby=${errorId ?? `${fieldId(P, key)}-preview`}
              .value=${live(value.day)}
              @input=${(event: InputEvent) => set((date) => (date.day = (event.target as HTMLInputElement).value))}
            />`
          : nothing}
      </div>
      ${error
        ? errorText(P, key, error)
        : html`<p class="form-hint" id=${`${fieldId(P, key)}-preview`}>
            ${preview && preview.text ? formatPartialDate(preview.text) : value.precision === "none" ? "Leave as is for a one-day event." : "\u00a0"}
          </p>`}
    </fieldset>`;
  }

  private actorSuggestions(text: string): Suggestion[] {
    const taken = this.form.actors.map((actor) => actor.name);
    return rankSuggestions(
      text,
      this.callbacks.actors().map((actor) => ({
        value: actor.name,
        label: actor.name,
        detail: `${sideLabel(actor.side)} · ${actor.count}`,
        weight: actor.count,
      })),
      8,
      taken,
    );
  }

  private actorsGroup(): TemplateResult {
    const rows = this.form.actors;
    while (this.actorInputs.length < rows.length) this.actorInputs.push(new Autocomplete(() => this.render()));
    this.actorInputs.length = rows.length;
    const groupError = this.errors.get("actors");
    return html`<fieldset class="form-group rows-group" data-group="actors">
      <legend class="form-label">Actors</legend>
      ${rows.length > 0
        ? html`<div class="row-headings" aria-hidden="true"><span>Name</span><span>Side</span><span></span></div>`
        : html`<p class="form-hint">No actors yet.</p>`}
      ${rows.map((row, index) => {
        const nameKey = `actors.${index}.name`;
        const nameError = this.errors.get(nameKey) ?? this.errors.get(`actors.${index}`);
        const sideError = this.errors.get(`actors.${index}.side`);
        const input = this.actorInputs[index] as Autocomplete;
        return html`<div class="actor-row">
          ${input.template({
            id: fieldId(P, nameKey),
            value: row.name,
            dataField: nameKey,
            ariaLabel: `Actor ${index + 1}: name`,
            placeholder: "e.g. Wang Yi",
            invalid: nameError !== undefined,
            describedBy: nameError ? `${fieldId(P, nameKey)}-error` : undefined,
            suggestions: (text) => this.actorSuggestions(text),
            onInput: (value) => this.change((form) => ((form.actors[index] as typeof row).name = value), [nameKey, `actors.${index}`]),
            onChoose: (suggestion) => {
              const known = this.callbacks.actors().find((actor) => actor.name === suggestion.value);
              this.change(
                (form) => {
                  const target = form.actors[index] as typeof row;
                  target.name = suggestion.value;
                  if (known) target.side = known.side;
                },
                [nameKey, `actors.${index}`],
              );
            },
          })}
          <select
            class="field select"
            data-field=${`actors.${index}.side`}
            aria-label=${`Actor ${index + 1}: side`}
            aria-invalid=${sideError ? "true" : "false"}
            .value=${live(row.side)}
            @change=${(event: Event) =>
              this.change((form) => ((form.actors[index] as typeof row).side = (event.target as HTMLSelectElement).value as Side), [
                `actors.${index}.side`,
              ])}
          >
            ${SIDES.map((side) => html`<option value=${side} ?selected=${side === row.side}>${sideLabel(side)}</option>`)}
          </select>
          <button
            type="button"
            class="button icon quiet"
            aria-label=${`Remove actor ${index + 1}${row.name ? ` (${row.name})` : ""}`}
            title="Remove this actor"
            @click=${() => this.removeRow("actors", index)}
          >
            ✕
          </button>
          <div class="actor-zh-inputs">
            <input
              class="field"
              data-field=${`actors.${index}.name_zh`}
              aria-label=${`Actor ${index + 1}: name in Chinese`}
              placeholder="中文名 (optional)"
              spellcheck="false"
              .value=${live(row.nameZh)}
              @input=${(event: Event) =>
                this.change((form) => ((form.actors[index] as typeof row).nameZh = (event.target as HTMLInputElement).value), [
                  `actors.${index}.name_zh`,
                ])}
            />
            <input
              class="field"
              data-field=${`actors.${index}.pinyin`}
              aria-label=${`Actor ${index + 1}: pinyin`}
              placeholder="Pinyin (optional)"
              spellcheck="false"
              .value=${live(row.pinyin)}
              @input=${(event: Event) =>
                this.change((form) => ((form.actors[index] as typeof row).pinyin = (event.target as HTMLInputElement).value), [
                  `actors.${index}.pinyin`,
                ])}
            />
          </div>
          ${errorText(P, nameKey, nameError)} ${errorText(P, `actors.${index}.side`, sideError)}
          ${errorText(P, `actors.${index}.name_zh`, this.errors.get(`actors.${index}.name_zh`))}
        </div>`;
      })}
      ${errorText(P, "actors", groupError)}
      <button type="button" class="button add-row" data-testid="add-actor" @click=${() => this.addRow("actors")}>+ Add actor</button>
    </fieldset>`;
  }

  private tagsField(): TemplateResult {
    const error = this.errors.get("tags");
    const id = fieldId(P, "tags");
    return html`<div class="form-field ${error ? "has-error" : ""}">
      <label class="form-label" for=${id}>Tags</label>
      ${this.tagsInput.template({
        id,
        label: "Tags",
        values: this.form.tags,
        draft: this.form.tagDraft,
        dataField: "tags",
        placeholder: this.form.tags.length === 0 ? "Type a tag, then Enter or comma" : "Add a tag",
        invalid: error !== undefined,
        describedBy: error ? `${id}-error` : undefined,
        suggestions: (text) =>
          rankSuggestions(
            text,
            tagSuggestions(this.callbacks.tags()),
            8,
            this.form.tags,
          ),
        onChange: (values, draft) =>
          this.change(
            (form) => {
              form.tags = values;
              form.tagDraft = draft;
            },
            ["tags"],
          ),
      })}
      ${errorText(P, "tags", error)}
    </div>`;
  }

  private sourcesGroup(): TemplateResult {
    const rows = this.form.sources;
    return html`<fieldset class="form-group rows-group" data-group="sources">
      <legend class="form-label">Sources</legend>
      ${rows.length === 0 ? html`<p class="form-hint">No sources yet. A source lets readers check the event.</p>` : nothing}
      ${rows.map((row, index) => this.sourceBlock(row, index))} ${errorText(P, "sources", this.errors.get("sources"))}
      <button type="button" class="button add-row" data-testid="add-source" @click=${() => this.addRow("sources")}>+ Add source</button>
    </fieldset>`;
  }

  private sourceBlock(row: SourceRow, index: number): TemplateResult {
    const key = (field: string): string => `sources.${index}.${field}`;
    const e = (field: string): string | undefined => this.errors.get(key(field));
    const blockError = this.errors.get(`sources.${index}`);
    const set = (field: keyof SourceRow, mutate: (source: SourceRow) => void): void =>
      this.change((form) => mutate(form.sources[index] as SourceRow), [key(field), `sources.${index}`]);
    return html`<div class="source-block ${blockError ? "has-error" : ""}" data-source=${index}>
      <div class="source-block-header">
        <h3 class="source-block-title">Source ${index + 1}</h3>
        <button
          type="button"
          class="button quiet small"
          aria-label=${`Remove source ${index + 1}`}
          @click=${() => this.removeRow("sources", index)}
        >
          Remove
        </button>
      </div>
      ${errorText(P, `sources.${index}`, blockError)}
      <div class="form-row two">
        ${textInput({
          prefix: P,
          key: key("url"),
          label: "URL",
          type: "url",
          value: row.url,
          placeholder: "https://…",
          error: e("url"),
          onInput: (value) =>
            set("url", (source) => {
              source.url = value;
              const guess = publisherFromUrl(value);
              if (source.publisher.trim() === "" || source.publisherGuessed) {
                source.publisher = guess ?? "";
                source.publisherGuessed = guess !== null;
                this.errors.delete(key("publisher"));
              }
            }),
        })}
        ${textInput({
          prefix: P,
          key: key("title"),
          label: "Title",
          value: row.title,
          placeholder: "Headline or document title",
          error: e("title"),
          onInput: (value) => set("title", (source) => (source.title = value)),
        })}
      </div>
      <div class="form-row two">
        ${textInput({
          prefix: P,
          key: key("publisher"),
          label: "Publisher",
          value: row.publisher,
          hint: row.publisherGuessed ? "Filled in from the URL's address." : undefined,
          error: e("publisher"),
          onInput: (value) =>
            set("publisher", (source) => {
              source.publisher = value;
              source.publisherGuessed = false;
            }),
        })}
        ${textInput({
          prefix: P,
          key: key("published"),
          label: "Published (optional)",
          value: row.published,
          placeholder: "2023-11-15, 2023-11 or 2023",
          error: e("published"),
          onInput: (value) => set("published", (source) => (source.published = value)),
        })}
      </div>
      ${textArea({
        prefix: P,
        key: key("quote"),
        label: "Quote (optional)",
        value: row.quote,
        rows: 2,
        placeholder: "The sentence of the source that supports the event.",
        error: e("quote"),
        onInput: (value) => set("quote", (source) => (source.quote = value)),
      })}
      <details class="source-provenance" ?open=${[row.reportedDate, row.reportedPlace, row.archivedUrl, row.archivedAt].some((v) => v.trim() !== "")}>
        <summary>Date it reports, archived copy</summary>
        <div class="form-row two">
          ${textInput({
            prefix: P,
            key: key("reportedDate"),
            label: "Date it gives for the event",
            value: row.reportedDate,
            placeholder: "2001-04-01",
            hint: "Sources that give different dates mark the event disputed.",
            error: e("reportedDate") ?? e("reported_date"),
            onInput: (value) => set("reportedDate", (source) => (source.reportedDate = value)),
          })}
          ${textInput({
            prefix: P,
            key: key("reportedPlace"),
            label: "In the calendar of",
            value: row.reportedPlace,
            placeholder: "Washington, Beijing…",
            error: e("reportedPlace") ?? e("reported_place"),
            onInput: (value) => set("reportedPlace", (source) => (source.reportedPlace = value)),
          })}
        </div>
        <div class="form-row two">
          ${textInput({
            prefix: P,
            key: key("archivedUrl"),
            label: "Archived copy",
            type: "url",
            value: row.archivedUrl,
            placeholder: "https://web.archive.org/…",
            error: e("archivedUrl") ?? e("archived_url"),
            onInput: (value) => set("archivedUrl", (source) => (source.archivedUrl = value)),
          })}
          ${textInput({
            prefix: P,
            key: key("archivedAt"),
            label: "Archived on",
            value: row.archivedAt,
            placeholder: "2024-02-01",
            error: e("archivedAt") ?? e("archived_at"),
            onInput: (value) => set("archivedAt", (source) => (source.archivedAt = value)),
          })}
        </div>
      </details>
    </div>`;
  }

  private addRow(list: "actors" | "sources"): void {
    const index = this.form[list].length;
    this.focusAfterRender = list === "actors" ? `actors.${index}.name` : `sources.${index}.url`;
    this.change((form) => {
      if (list === "actors") form.actors.push(emptyActor());
      else form.sources.push(emptySource());
    });
  }

  private removeRow(list: "actors" | "sources", index: number): void {
    // Errors of later rows move up with their rows.
    const prefix = `${list}.`;
    const moved: FieldErrors = new Map();
    for (const [key, message] of this.errors) {
      if (!key.startsWith(prefix)) {
        moved.set(key, message);
        continue;
      }
      const [, rowText, ...rest] = key.split(".");
      const row = Number(rowText);
      if (row === index) continue;
      moved.set([list, row > index ? row - 1 : row, ...rest].join("."), message);
    }
    this.errors = moved;
    if (list === "actors") this.actorInputs.splice(index, 1);
    this.change((form) => {
      form[list].splice(index, 1);
    });
    const remaining = this.form[list].length;
    const next =
      remaining === 0
        ? null
        : this.dialog.querySelector<HTMLElement>(
            list === "actors" ? `[data-field="actors.${Math.min(index, remaining - 1)}.name"]` : `[data-field="sources.${Math.min(index, remaining - 1)}.url"]`,
          );
    (next ?? this.dialog.querySelector<HTMLElement>(`[data-testid="add-${list === "actors" ? "actor" : "source"}"]`))?.focus();
  }
}
