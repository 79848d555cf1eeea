// The form controls every dialog uses, as lit-html templates: a label tied to its input, a
// hint, and an error message under the input that screen readers hear with it. Values go in
// through properties (`.value`), never through HTML; `live()` keeps the input and the state
// in step when the state changes under the user (an error fix, a filled publisher).
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { live } from "lit-html/directives/live.js";

/** A DOM id for a field key within one form ("sources.1.url" → "ev-sources-1-url"). */
export function fieldId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

export interface FieldProps {
  /** Form-wide id prefix. */
  prefix: string;
  /** The field key; also set as data-field on the input (tests and error focus find it). */
  key: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** Visually hidden label (rows whose column headers say it). */
  hideLabel?: boolean;
  className?: string;
}

function describedBy(props: FieldProps): string | undefined {
  const ids: string[] = [];
  if (props.hint) ids.push(`${fieldId(props.prefix, props.key)}-hint`);
  if (props.error) ids.push(`${fieldId(props.prefix, props.key)}-error`);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** The label, the control and the messages under it. */
export function fieldShell(props: FieldProps, control: TemplateResult): TemplateResult {
  const id = fieldId(props.prefix, props.key);
  return html`<div class="form-field ${props.className ?? ""} ${props.error ? "has-error" : ""}">
    <label class="form-label ${props.hideLabel ? "visually-hidden" : ""}" for=${id}>${props.label}</label>
    ${control}
    ${props.hint ? html`<p class="form-hint" id=${`${id}-hint`}>${props.hint}</p>` : nothing}
    ${errorText(props.prefix, props.key, props.error)}
  </div>`;
}

/** An error message tied to a field key (also used for errors that belong to a group). */
export function errorText(prefix: string, key: string, error: string | undefined): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<p class="form-error" id=${`${fieldId(prefix, key)}-error`} data-error-for=${key} role="alert">${error}</p>`;
}

export interface TextProps extends FieldProps {
  value: string;
  onInput(value: string): void;
  type?: "text" | "url" | "search";
  placeholder?: string;
  inputMode?: "text" | "numeric" | "url";
  maxLength?: number;
  required?: boolean;
  autocomplete?: string;
  onPaste?(value: string): void;
}

export function textInput(props: TextProps): TemplateResult {
  return fieldShell(
    props,
    html`<input
      id=${fieldId(props.prefix, props.key)}
      class="field"
      type=${props.type ?? "text"}
      data-field=${props.key}
      .value=${live(props.value)}
      placeholder=${ifDefined(props.placeholder)}
      inputmode=${ifDefined(props.inputMode)}
      maxlength=${ifDefined(props.maxLength)}
      autocomplete=${props.autocomplete ?? "off"}
      spellcheck="false"
      ?required=${props.required === true}
      aria-required=${props.required ? "true" : "false"}
      aria-invalid=${props.error ? "true" : "false"}
      aria-describedby=${ifDefined(describedBy(props))}
      @input=${(event: InputEvent) => props.onInput((event.target as HTMLInputElement).value)}
    />`,
  );
}

export interface TextAreaProps extends FieldProps {
  value: string;
  onInput(value: string): void;
  rows?: number;
  placeholder?: string;
}

export function textArea(props: TextAreaProps): TemplateResult {
  return fieldShell(
    props,
    html`<textarea
      id=${fieldId(props.prefix, props.key)}
      class="field textarea"
      data-field=${props.key}
      rows=${props.rows ?? 3}
      .value=${live(props.value)}
      placeholder=${ifDefined(props.placeholder)}
      aria-invalid=${props.error ? "true" : "false"}
      aria-describedby=${ifDefined(describedBy(props))}
      @input=${(event: InputEvent) => props.onInput((event.target as HTMLTextAreaElement).value)}
    ></textarea>`,
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends FieldProps {
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
}

export function selectInput(props: SelectProps): TemplateResult {
  return fieldShell(
    props,
    html`<select
      id=${fieldId(props.prefix, props.key)}
      class="field select"
      data-field=${props.key}
      .value=${live(props.value)}
      aria-invalid=${props.error ? "true" : "false"}
      aria-describedby=${ifDefined(describedBy(props))}
      @change=${(event: Event) => props.onChange((event.target as HTMLSelectElement).value)}
    >
      ${props.options.map(
        (option) =>
          html`<option value=${option.value} ?disabled=${option.disabled === true} ?selected=${option.value === props.value}>${option.label}</option>`,
      )}
    </select>`,
  );
}
