// One candidate event as a card: date at its precision, kind, title, actors with their sides,
// place, the sentence it was read from, what will be done with it (a new event, or the article
// as a source of a stored event), and Accept / Edit / Reject.
import { html, nothing, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import type { StoredEvent } from "../api/types";
import { formatDateRange } from "../format/date";
import { kindClass, kindLabel, sideLabel } from "../format/labels";
import type { Decision } from "./decisions";

export interface CardProps {
  index: number;
  decision: Decision;
  /** The stored events the candidate may be, best first (those still found in the store). */
  matches: readonly StoredEvent[];
  active: boolean;
  error: string | null;
  busy: boolean;
}

export interface CardActions {
  show(index: number): void;
  accept(index: number): void;
  reject(index: number): void;
  edit(index: number): void;
  target(index: number, id: string | null): void;
}

/** “Title” (15 November 2023): a stored event named in a card. */
export function storedLabel(event: StoredEvent): string {
  return `“${event.title}” (${formatDateRange(event.start, event.end)})`;
}

function status(decision: Decision): TemplateResult | typeof nothing {
  const parts: string[] = [];
  if (decision.choice === "accepted") parts.push(decision.target ? "Accepted as a source" : "Accepted");
  if (decision.choice === "rejected") parts.push("Rejected");
  if (decision.edited) parts.push("edited");
  if (parts.length === 0) return nothing;
  return html`<span class="card-status" data-testid="candidate-status">${parts.join(" · ")}</span>`;
}

function targetChoice(props: CardProps, actions: CardActions): TemplateResult | typeof nothing {
  const { index, decision, matches } = props;
  if (matches.length === 0) return nothing;
  const name = `candidate-${index}-target`;
  const option = (id: string | null, label: string, testid: string): TemplateResult => html`<label class="card-option">
    <input
      type="radio"
      name=${name}
      data-testid=${testid}
      .checked=${live(decision.target === id)}
      ?disabled=${props.busy}
      @change=${() => actions.target(index, id)}
    />
    <span>${label}</span>
  </label>`;
  return html`<fieldset class="card-target">
    <legend class="visually-hidden">What to add</legend>
    ${matches.map((stored) =>
      option(stored.id, `Add this article as a source of ${storedLabel(stored)}`, "candidate-as-source"),
    )}
    ${option(null, "Add as a new event anyway", "candidate-as-new")}
  </fieldset>`;
}

export function candidateCard(props: CardProps, actions: CardActions): TemplateResult {
  const { index, decision } = props;
  const event = decision.event;
  const quote = decision.article === null ? undefined : event.sources[decision.article]?.quote;
  const titleId = `candidate-${index}-title`;
  const onCard = (e: MouseEvent): void => {
    // A click on the card's text shows its sentence; its controls do their own thing.
    if (e.target instanceof Element && e.target.closest("button, input, label, a")) return;
    actions.show(index);
  };
  return html`<li
    class="candidate-card ${kindClass(event.kind)} ${decision.choice} ${props.active ? "active" : ""} ${props.error ? "has-error" : ""}"
    data-testid="candidate"
    data-index=${index}
    data-choice=${decision.choice}
    aria-labelledby=${titleId}
    @click=${onCard}
  >
    <div class="card-head">
      <span class="card-date" data-testid="candidate-date">${formatDateRange(event.start, event.end)}</span>
      <span class="card-kind"><span class="swatch" aria-hidden="true"></span>${kindLabel(event.kind)}</span>
      ${status(decision)}
    </div>
    <h3 class="card-title">
      <button
        type="button"
        class="card-show"
        id=${titleId}
        data-testid="candidate-title"
        title="Show its sentence in the text"
        @click=${() => actions.show(index)}
      >
        ${event.title}
      </button>
    </h3>
    ${event.actors.length > 0
      ? html`<ul class="card-actors" aria-label="Actors">
          ${event.actors.map(
            (actor) =>
              html`<li class="actor"><span class="actor-name">${actor.name}</span><span class="actor-sep"> · </span><span
                  class="actor-side side-${actor.side}"
                  >${sideLabel(actor.side)}</span
                ></li>`,
          )}
        </ul>`
      : nothing}
    ${event.location ? html`<p class="card-location"><span class="muted">Where:</span> ${event.location}</p>` : nothing}
    ${quote ? html`<blockquote class="card-quote" data-testid="candidate-quote">${quote}</blockquote>` : nothing}
    ${targetChoice(props, actions)}
    ${props.error ? html`<p class="form-error" role="alert" data-testid="candidate-error">${props.error}</p>` : nothing}
    <div class="card-actions" role="group" aria-label="Decide">
      <button
        type="button"
        class="button small ${decision.choice === "accepted" ? "primary" : ""}"
        data-testid="candidate-accept"
        aria-pressed=${decision.choice === "accepted" ? "true" : "false"}
        ?disabled=${props.busy}
        @click=${() => actions.accept(index)}
      >
        ${decision.choice === "accepted" ? "✓ Accepted" : "Accept"}
      </button>
      <button type="button" class="button small" data-testid="candidate-edit" ?disabled=${props.busy} @click=${() => actions.edit(index)}>
        Edit…
      </button>
      <button
        type="button"
        class="button small quiet"
        data-testid="candidate-reject"
        aria-pressed=${decision.choice === "rejected" ? "true" : "false"}
        ?disabled=${props.busy}
        @click=${() => actions.reject(index)}
      >
        ${decision.choice === "rejected" ? "Rejected" : "Reject"}
      </button>
    </div>
  </li>`;
}
