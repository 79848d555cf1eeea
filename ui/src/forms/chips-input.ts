// Labels as removable chips with a type-ahead input: Enter or "," adds what was typed,
// Backspace in the empty input removes the last chip, each chip has its own remove button.
import { html, type TemplateResult } from "lit-html";
import { Autocomplete } from "./autocomplete";
import type { Suggestion } from "./suggest";

export interface ChipsProps {
  id: string;
  label: string;
  values: readonly string[];
  draft: string;
  suggestions(text: string): Suggestion[];
  onChange(values: string[], draft: string): void;
  placeholder?: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  dataField?: string;
}

export class ChipsInput {
  private readonly autocomplete: Autocomplete;

  constructor(update: () => void) {
    this.autocomplete = new Autocomplete(update);
  }

  template(props: ChipsProps): TemplateResult {
    const add = (text: string): boolean => {
      const value = text.trim().replace(/,+$/, "").trim();
      if (value === "") return false;
      const values = props.values.includes(value) ? [...props.values] : [...props.values, value];
      props.onChange(values, "");
      return true;
    };
    const remove = (value: string): void => {
      props.onChange(
        props.values.filter((v) => v !== value),
        props.draft,
      );
    };
    return html`<div class="chips-input ${props.invalid ? "invalid" : ""}">
      <ul class="chips" aria-label=${props.label}>
        ${props.values.map(
          (value) => html`<li class="chip">
            <span class="chip-text">${value}</span>
            <button type="button" class="chip-remove" aria-label=${`Remove ${props.label.toLowerCase().replace(/s$/, "")} ${value}`} title="Remove" @click=${() => remove(value)}>✕</button>
          </li>`,
        )}
      </ul>
      ${this.autocomplete.template({
        id: props.id,
        value: props.draft,
        className: "chips-entry",
        ariaLabel: props.label,
        placeholder: props.placeholder,
        describedBy: props.describedBy,
        invalid: props.invalid,
        dataField: props.dataField,
        suggestions: props.suggestions,
        onInput: (value) => {
          if (value.endsWith(",")) {
            if (!add(value)) props.onChange([...props.values], "");
          } else {
            props.onChange([...props.values], value);
          }
        },
        onChoose: (suggestion) => {
          add(suggestion.value);
        },
        onEnter: (value) => add(value),
        onKey: (event) => {
          if (event.key === "Backspace" && props.draft === "" && props.values.length > 0) {
            event.preventDefault();
            remove(props.values[props.values.length - 1] as string);
            return true;
          }
          return false;
        },
      })}
    </div>`;
  }
}
