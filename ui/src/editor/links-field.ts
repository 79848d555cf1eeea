// The editor's "Links" group: the event's links to other events, each removable, and a row
// to add one: a relation, then the other event found by title through the app's search.
// Search answers arrive out of order; only the answer to the latest text is shown.
import { html, nothing, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import type { Relation, SearchHit } from "../api/types";
import { formatPartialDate } from "../format/date";
import { Autocomplete } from "../forms/autocomplete";
import type { Suggestion } from "../forms/suggest";
import { RELATIONS, relationLabel } from "../panels/event-links";
import { addLink, removeLink, type EventForm } from "./event-form";

/** How many events the search offers at a time. */
const HITS = 8;

/** The search's hits as suggestions, without the event itself. */
export function linkSuggestions(hits: readonly SearchHit[], selfId: string): Suggestion[] {
  return hits
    .filter((hit) => hit.id !== selfId)
    .map((hit) => ({ value: hit.id, label: hit.title, detail: formatPartialDate(hit.start) }));
}

export class LinksField {
  private relation: Relation = "responds_to";
  private text = "";
  private hits: SearchHit[] = [];
  private asked = 0;
  private error: string | null = null;
  private readonly input: Autocomplete;

  constructor(
    private readonly update: () => void,
    private readonly search: (text: string, limit: number) => Promise<SearchHit[]>,
  ) {
    this.input = new Autocomplete(update);
  }

  /** A fresh row for a newly opened form. */
  reset(): void {
    this.relation = "responds_to";
    this.text = "";
    this.hits = [];
    this.error = null;
    this.asked += 1;
  }

  private find(text: string): void {
    this.text = text;
    this.error = null;
    const mine = ++this.asked;
    if (text.trim() === "") {
      this.hits = [];
      return;
    }
    this.search(text, HITS)
      .then((hits) => {
        if (mine !== this.asked) return;
        this.hits = hits;
        this.update();
      })
      .catch(() => {
        if (mine !== this.asked) return;
        this.hits = [];
        this.error = "The search failed; try again.";
        this.update();
      });
  }

  template(form: EventForm, change: (mutate: (form: EventForm) => void) => void): TemplateResult {
    return html`<fieldset class="form-group rows-group" data-group="links">
      <legend class="form-label">Links to other events</legend>
      ${form.links.length === 0 ? html`<p class="form-hint">No links. A reply can respond to what it answers; a statement can be part of its summit.</p>` : nothing}
      <ul class="link-rows" data-testid="editor-links">
        ${form.links.map(
          (link, index) => html`<li class="link-row">
            <span class="link-row-relation">${relationLabel(link.relation)}:</span>
            <span class="link-row-title">${link.title !== "" ? link.title : link.target}</span>
            <button
              type="button"
              class="button icon quiet"
              aria-label=${`Remove link ${relationLabel(link.relation)} ${link.title || link.target}`}
              title="Remove this link"
              data-testid="remove-link"
              @click=${() => change((f) => removeLink(f, index))}
            >
              ✕
            </button>
          </li>`,
        )}
      </ul>
      <div class="link-add">
        <select
          class="field select"
          aria-label="Relation of the new link"
          data-field="links.relation"
          .value=${live(this.relation)}
          @change=${(event: Event) => {
            this.relation = (event.target as HTMLSelectElement).value as Relation;
          }}
        >
          ${RELATIONS.map((relation) => html`<option value=${relation} ?selected=${relation === this.relation}>${relationLabel(relation)}</option>`)}
        </select>
        ${this.input.template({
          id: "ev-links-search",
          value: this.text,
          dataField: "links.search",
          ariaLabel: "Find the other event by title",
          placeholder: "Find an event by title…",
          invalid: this.error !== null,
          describedBy: this.error ? "ev-links-error" : undefined,
          suggestions: () => linkSuggestions(this.hits, form.id),
          onInput: (value) => this.find(value),
          onChoose: (suggestion) => {
            const hit = this.hits.find((h) => h.id === suggestion.value);
            change((f) => {
              this.error = addLink(f, this.relation, suggestion.value, hit?.title ?? suggestion.label);
            });
            if (this.error === null) {
              this.text = "";
              this.hits = [];
            }
          },
        })}
      </div>
      ${this.error ? html`<p class="form-error" id="ev-links-error" role="alert">${this.error}</p>` : nothing}
    </fieldset>`;
  }
}
