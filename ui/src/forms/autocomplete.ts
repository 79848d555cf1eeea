// A text input with a list of suggestions (the ARIA combobox pattern): type to narrow, ↑/↓ to
// move, Enter or a click to choose, Esc to close the list (and only the list). One instance
// per input; it keeps just "open" and "active", the owner keeps the value and re-renders.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { live } from "lit-html/directives/live.js";
import type { Suggestion } from "./suggest";

export interface AutocompleteProps {
  id: string;
  value: string;
  /** The suggestions for the current text (already ranked and cut). */
  suggestions(text: string): Suggestion[];
  onInput(value: string): void;
  onChoose(suggestion: Suggestion): void;
  /** Enter with no suggestion highlighted; return true when it was used (e.g. a tag added). */
  onEnter?(value: string): boolean;
  /** Keys the owner wants first (Backspace in an empty tag input); return true when handled. */
  onKey?(event: KeyboardEvent): boolean;
  placeholder?: string;
  ariaLabel?: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  dataField?: string;
  className?: string;
  /** Whether the list may show with nothing typed (focus shows the most frequent). */
  openOnFocus?: boolean;
}

export class Autocomplete {
  private open = false;
  private active = -1;
  private shown: Suggestion[] = [];
  private readonly update: () => void;

  constructor(update: () => void) {
    this.update = update;
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.active = -1;
    this.update();
  }

  isOpen(): boolean {
    return this.open && this.shown.length > 0;
  }

  template(props: AutocompleteProps): TemplateResult {
    const listId = `${props.id}-list`;
    this.shown = this.open && (props.value.trim() !== "" || props.openOnFocus) ? props.suggestions(props.value) : [];
    if (this.active >= this.shown.length) this.active = this.shown.length - 1;
    const expanded = this.shown.length > 0;
    const activeId = expanded && this.active >= 0 ? `${props.id}-opt-${this.active}` : undefined;

    const choose = (suggestion: Suggestion): void => {
      this.open = false;
      this.active = -1;
      props.onChoose(suggestion);
      this.update();
    };

    const onKeydown = (event: KeyboardEvent): void => {
      if (props.onKey?.(event)) return;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!this.open) this.open = true;
          else if (this.shown.length > 0) this.active = (this.active + 1) % this.shown.length;
          this.update();
          break;
        case "ArrowUp":
          event.preventDefault();
          if (this.shown.length > 0) this.active = this.active <= 0 ? this.shown.length - 1 : this.active - 1;
          this.update();
          break;
        case "Enter": {
          if (event.ctrlKey || event.metaKey) return;
          const chosen = this.active >= 0 ? this.shown[this.active] : undefined;
          if (chosen) {
            event.preventDefault();
            choose(chosen);
          } else if (props.onEnter?.(props.value)) {
            event.preventDefault();
            this.open = false;
            this.update();
          }
          break;
        }
        case "Escape":
          if (expanded) {
            // Close the list only; the dialog around it stays open.
            event.preventDefault();
            event.stopPropagation();
            this.close();
          }
          break;
        default:
          break;
      }
    };

    return html`<div class="autocomplete ${props.className ?? ""}">
      <input
        id=${props.id}
        class="field"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${expanded ? "true" : "false"}
        aria-controls=${listId}
        aria-activedescendant=${ifDefined(activeId)}
        aria-label=${ifDefined(props.ariaLabel)}
        aria-describedby=${ifDefined(props.describedBy)}
        aria-invalid=${props.invalid ? "true" : "false"}
        data-field=${ifDefined(props.dataField)}
        placeholder=${ifDefined(props.placeholder)}
        .value=${live(props.value)}
        @input=${(event: InputEvent) => {
          this.open = true;
          this.active = -1;
          props.onInput((event.target as HTMLInputElement).value);
          this.update();
        }}
        @focus=${() => {
          if (props.openOnFocus) {
            this.open = true;
            this.update();
          }
        }}
        @keydown=${onKeydown}
        @blur=${() => this.close()}
      />
      <ul class="suggestions" id=${listId} role="listbox" aria-label=${ifDefined(props.ariaLabel)} ?hidden=${!expanded}>
        ${expanded
          ? this.shown.map(
              (suggestion, index) => html`<li
                id=${`${props.id}-opt-${index}`}
                class="suggestion ${index === this.active ? "active" : ""}"
                role="option"
                aria-selected=${index === this.active ? "true" : "false"}
                @mousedown=${(event: MouseEvent) => event.preventDefault() /* keep focus in the input */}
                @click=${() => choose(suggestion)}
              >
                <span class="suggestion-label">${suggestion.label}</span>
                ${suggestion.detail ? html`<span class="suggestion-detail">${suggestion.detail}</span>` : nothing}
              </li>`,
            )
          : nothing}
      </ul>
    </div>`;
  }
}
