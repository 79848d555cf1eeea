// The filter bar (active filters as removable chips, "Clear all") and the "Filter" popover:
// kinds and sides as check boxes, actors and tags with type-ahead over the facets, and a
// from / to date range. Every change applies at once; counts come from the backend's facets.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import type { Facets, Filter, Kind, Side, Verification } from "../api/types";
import { KINDS, SIDES, VERIFICATIONS, kindClass, kindLabel, sideLabel, verificationLabel } from "../format/labels";
import { Autocomplete } from "../forms/autocomplete";
import { errorText } from "../forms/controls";
import { openModal } from "../forms/modal";
import { rankSuggestions } from "../forms/suggest";
import {
  addValue,
  emptyFilter,
  filterChips,
  includesGdelt,
  removeChip,
  setDate,
  setIncludeGdelt,
  setOnlyGdelt,
  onlyGdelt,
  toggleValue,
  toggleVerification,
  withoutField,
  type DateField,
  type FilterChip,
} from "./filter-model";

export interface FilterCallbacks {
  facets(filter: Filter): Promise<Facets>;
  change(filter: Filter): void;
  error(error: unknown): void;
  /** The title of the event whose thread is shown, for its chip; null if not known. */
  threadTitle?(id: string): string | null;
}

export interface Filters {
  /** Shows a new filter (chips, and the popover if it is open). */
  set(filter: Filter): void;
  openPopover(): void;
}

interface FacetCounts {
  kinds: Map<string, number>;
  actors: Facets["actors"];
  tags: Facets["tags"];
  sides: Map<string, number>;
  verifications: Map<string, number>;
}

function part<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`Filter bar markup lacks ${selector}`);
  return found;
}

const EMPTY_COUNTS: FacetCounts = { kinds: new Map(), actors: [], tags: [], sides: new Map(), verifications: new Map() };

export function createFilters(
  bar: HTMLElement,
  dialog: HTMLDialogElement,
  initial: Filter,
  callbacks: FilterCallbacks,
): Filters {
  const chipList = part<HTMLElement>(bar, "[data-testid=filter-chips]");
  const clearAll = part<HTMLButtonElement>(bar, "[data-testid=clear-filters]");
  const button = part<HTMLButtonElement>(bar, "[data-testid=filter-button]");

  let filter = initial;
  let counts: FacetCounts = EMPTY_COUNTS;
  let countsFor = -1;
  let request = 0;
  const dates: Record<DateField, string> = { from: initial.from ?? "", to: initial.to ?? "" };
  const dateErrors: Record<DateField, string | undefined> = { from: undefined, to: undefined };
  const drafts = { actors: "", tags: "" };
  const actorInput = new Autocomplete(() => drawPopover());
  const tagInput = new Autocomplete(() => drawPopover());

  const apply = (next: Filter): void => {
    filter = next;
    drawChips();
    callbacks.change(next);
    if (dialog.open) {
      drawPopover();
      void loadCounts();
    }
  };

  async function loadCounts(): Promise<void> {
    const mine = ++request;
    try {
      // Each field's counts ignore that field's own choices, so the other values stay visible.
      const withoutStates = { ...filter };
      delete withoutStates.verification;
      const [forKinds, forActors, forTags, forSides, forStates] = await Promise.all([
        callbacks.facets(withoutField(filter, "kinds")),
        callbacks.facets(withoutField(filter, "actors")),
        callbacks.facets(withoutField(filter, "tags")),
        callbacks.facets(withoutField(filter, "sides")),
        callbacks.facets(withoutStates),
      ]);
      if (mine !== request) return;
      counts = {
        kinds: new Map(forKinds.kinds.map((entry) => [entry.kind, entry.count])),
        actors: forActors.actors,
        tags: forTags.tags,
        sides: new Map(forSides.sides.map((entry) => [entry.side, entry.count])),
        verifications: new Map(forStates.verifications.map((entry) => [entry.verification, entry.count])),
      };
      countsFor = mine;
      drawPopover();
    } catch (error) {
      if (mine === request) callbacks.error(error);
    }
  }

  function drawChips(): void {
    const chips = filterChips(filter, (id) => callbacks.threadTitle?.(id) ?? null);
    clearAll.hidden = chips.length === 0;
    button.classList.toggle("active", chips.length > 0);
    button.setAttribute("aria-label", chips.length > 0 ? `Filter (${chips.length} active)` : "Filter");
    render(
      chips.map(
        (chip, index) => html`<li class="chip filter-chip" data-field=${chip.field}>
          <span class="chip-text">${chip.label}</span>
          <button
            type="button"
            class="chip-remove"
            data-testid="remove-filter"
            aria-label=${`Remove filter ${chip.label}`}
            title="Remove this filter"
            @click=${() => removeAt(chip, index)}
          >
            ✕
          </button>
        </li>`,
      ),
      chipList,
    );
  }

  function removeAt(chip: FilterChip, index: number): void {
    if (chip.field === "from" || chip.field === "to") dates[chip.field] = "";
    apply(removeChip(filter, chip));
    // Keep focus in the bar: the chip that took its place, else the Filter button.
    const buttons = chipList.querySelectorAll<HTMLButtonElement>("button.chip-remove");
    (buttons[Math.min(index, buttons.length - 1)] ?? button).focus();
  }

  function checkbox(label: TemplateResult | string, checked: boolean, count: number | null, onChange: (on: boolean) => void, testid: string): TemplateResult {
    return html`<label class="check ${count === 0 && !checked ? "empty" : ""}" data-testid=${testid}>
      <input type="checkbox" .checked=${live(checked)} @change=${(event: Event) => onChange((event.target as HTMLInputElement).checked)} />
      <span class="check-label">${label}</span>
      ${count === null ? nothing : html`<span class="count">${count}</span>`}
    </label>`;
  }

  function picker(field: "actors" | "tags", input: Autocomplete): TemplateResult {
    const label = field === "actors" ? "Actor" : "Tag";
    const candidates =
      field === "actors"
        ? counts.actors.map((a) => ({ value: a.name, label: a.name, detail: `${sideLabel(a.side)} · ${a.count}`, weight: a.count }))
        : counts.tags.map((t) => ({ value: t.tag, label: t.tag, detail: String(t.count), weight: t.count }));
    const chosen = filter[field];
    return html`<section class="filter-section">
      <h3 class="filter-section-title" id=${`filter-${field}-label`}>${field === "actors" ? "Actors" : "Tags"}</h3>
      ${chosen.length > 0
        ? html`<ul class="chips chosen" aria-label=${`Chosen ${field}`}>
            ${chosen.map(
              (value) => html`<li class="chip">
                <span class="chip-text">${value}</span>
                <button
                  type="button"
                  class="chip-remove"
                  aria-label=${`Remove filter ${label}: ${value}`}
                  @click=${() => apply(removeChip(filter, { field, value }))}
                >
                  ✕
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${input.template({
        id: `filter-${field}`,
        value: drafts[field],
        ariaLabel: `Add ${label.toLowerCase()} filter`,
        placeholder: field === "actors" ? "Type a name…" : "Type a tag…",
        dataField: `filter-${field}`,
        openOnFocus: true,
        suggestions: (text) => rankSuggestions(text, candidates, 8, chosen),
        onInput: (value) => {
          drafts[field] = value;
        },
        onChoose: (suggestion) => {
          drafts[field] = "";
          apply(addValue(filter, field, suggestion.value));
        },
      })}
    </section>`;
  }

  function dateInput(field: DateField): TemplateResult {
    const label = field === "from" ? "From" : "To";
    const id = `filter-${field}`;
    const commit = (): void => {
      const result = setDate(filter, field, dates[field]);
      dateErrors[field] = result.error ?? undefined;
      if (result.error) drawPopover();
      else if (result.filter.from !== filter.from || result.filter.to !== filter.to) apply(result.filter);
      else drawPopover();
    };
    return html`<div class="form-field ${dateErrors[field] ? "has-error" : ""}">
      <label class="form-label" for=${id}>${label}</label>
      <input
        id=${id}
        class="field"
        type="text"
        placeholder=${field === "from" ? "e.g. 2017" : "e.g. 2023-11"}
        data-field=${id}
        autocomplete="off"
        aria-invalid=${dateErrors[field] ? "true" : "false"}
        aria-describedby=${dateErrors[field] ? `filter-${field}-error` : "filter-dates-hint"}
        .value=${live(dates[field])}
        @input=${(event: InputEvent) => {
          dates[field] = (event.target as HTMLInputElement).value;
        }}
        @change=${commit}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === "Enter") {
            event.preventDefault();
            commit();
          }
        }}
      />
      ${errorText("filter", field, dateErrors[field])}
    </div>`;
  }

  function drawPopover(): void {
    const loading = countsFor === -1;
    render(
      html`<div class="dialog-header">
          <h2 class="dialog-title">Filters</h2>
          <button type="button" class="button icon quiet" aria-label="Close filters" title="Close (Esc)" @click=${() => dialog.close()}>✕</button>
        </div>
        <div class="dialog-body filter-body">
          <section class="filter-section">
            <h3 class="filter-section-title">Kind</h3>
            <div class="check-grid">
              ${KINDS.map((kind: Kind) =>
                checkbox(
                  html`<span class="swatch ${kindClass(kind)}" aria-hidden="true"></span>${kindLabel(kind)}`,
                  filter.kinds.includes(kind),
                  loading ? null : counts.kinds.get(kind) ?? 0,
                  (on) => apply(toggleValue(filter, "kinds", kind, on)),
                  `filter-kind-${kind}`,
                ),
              )}
            </div>
          </section>
          <section class="filter-section">
            <h3 class="filter-section-title">Side</h3>
            <div class="check-row">
              ${SIDES.map((side: Side) =>
                checkbox(sideLabel(side), filter.sides.includes(side), loading ? null : counts.sides.get(side) ?? 0, (on) => apply(toggleValue(filter, "sides", side, on)), `filter-side-${side}`),
              )}
            </div>
          </section>
          <div class="form-row two">${picker("actors", actorInput)} ${picker("tags", tagInput)}</div>
          <section class="filter-section">
            <h3 class="filter-section-title">Sources</h3>
            <div class="check-row">
              ${VERIFICATIONS.map((state: Verification) =>
                checkbox(
                  verificationLabel(state),
                  (filter.verification ?? []).includes(state),
                  loading ? null : counts.verifications.get(state) ?? 0,
                  (on) => apply(toggleVerification(filter, state, on)),
                  `filter-verification-${state}`,
                ),
              )}
            </div>
            <p class="form-hint">Corroborated: two independent publishers, or a government's or court's own record. Disputed: sources give different dates.</p>
          </section>
          <section class="filter-section">
            <h3 class="filter-section-title">Origin</h3>
            <div class="check-row">
              ${checkbox("Include GDELT events", includesGdelt(filter), null, (on) => apply(setIncludeGdelt(filter, on)), "filter-include-gdelt")}
              ${checkbox("Only GDELT events", onlyGdelt(filter), null, (on) => apply(setOnlyGdelt(filter, on)), "filter-only-gdelt")}
            </div>
            <p class="form-hint">Machine-coded from news by the GDELT Project; always ranked below curated events. Only GDELT events, then Ctrl+A in the table, selects a whole import of them.</p>
          </section>
          <section class="filter-section">
            <h3 class="filter-section-title">Date range</h3>
            <div class="form-row two">${dateInput("from")} ${dateInput("to")}</div>
            <p class="form-hint" id="filter-dates-hint">A year, a month or a day: 2023, 2023-11 or 2023-11-15. Events that overlap the range are kept.</p>
          </section>
        </div>
        <div class="dialog-actions">
          <button
            type="button"
            class="button quiet"
            data-testid="filter-clear"
            ?disabled=${filterChips(filter).length === 0}
            @click=${() => {
              dates.from = "";
              dates.to = "";
              dateErrors.from = undefined;
              dateErrors.to = undefined;
              apply(emptyFilter());
            }}
          >
            Clear all
          </button>
          <button type="button" class="button primary" data-testid="filter-done" @click=${() => dialog.close()}>Done</button>
        </div>`,
      dialog,
    );
  }

  function openPopover(): void {
    if (dialog.open) return;
    countsFor = -1;
    dateErrors.from = undefined;
    dateErrors.to = undefined;
    dates.from = filter.from ?? "";
    dates.to = filter.to ?? "";
    drawPopover();
    // Under the Filter button, kept inside the window.
    const anchor = button.getBoundingClientRect();
    dialog.style.left = `${Math.max(8, Math.min(anchor.left, window.innerWidth - 580))}px`;
    dialog.style.top = `${anchor.bottom + 6}px`;
    openModal(dialog, {
      initialFocus: () => dialog.querySelector<HTMLElement>("input[type=checkbox]"),
      fallbackFocus: () => button,
    });
    void loadCounts();
  }

  button.addEventListener("click", openPopover);
  clearAll.addEventListener("click", () => {
    dates.from = "";
    dates.to = "";
    apply(emptyFilter());
    button.focus();
  });
  drawChips();

  return {
    set(next) {
      filter = next;
      drawChips();
      if (dialog.open) drawPopover();
    },
    openPopover,
  };
}
