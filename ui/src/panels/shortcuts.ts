// The "?" dialog: every keyboard shortcut, from the same list the key handler documents, and
// what the search box understands.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { openModal } from "../forms/modal";
import { SHORTCUTS, type ShortcutEntry } from "../keyboard";
import { SEARCH_SYNTAX } from "./search";

function combo(keys: readonly string[]): TemplateResult {
  return html`<span class="combo">
    ${keys.map((key, index) => html`${index > 0 ? html`<span class="key-plus">+</span>` : ""}<kbd>${key}</kbd>`)}
  </span>`;
}

function entry(shortcut: ShortcutEntry): TemplateResult {
  return html`<div class="shortcut">
    <dt>${shortcut.combos.map((keys, alt) => html`${alt > 0 ? html`<span class="key-or">or</span>` : ""}${combo(keys)}`)}</dt>
    <dd>${shortcut.what}</dd>
  </div>`;
}

function group(title: string, entries: readonly ShortcutEntry[]): TemplateResult {
  return html`<section class="shortcut-group">
    <h3 class="shortcut-group-title">${title}</h3>
    <dl class="shortcut-list">${entries.map(entry)}</dl>
  </section>`;
}

function searchSyntax(): TemplateResult {
  return html`<section class="shortcut-group" data-testid="search-syntax">
    <h3 class="shortcut-group-title">In the search box</h3>
    <dl class="shortcut-list">
      ${SEARCH_SYNTAX.map(
        (item) => html`<div class="shortcut">
          <dt><code class="syntax">${item.example}</code></dt>
          <dd>${item.what}</dd>
        </div>`,
      )}
    </dl>
  </section>`;
}

export function showShortcuts(dialog: HTMLDialogElement): void {
  // Two columns on a wide window (find and timeline | curate and anywhere), one on a narrow one.
  const columns = [SHORTCUTS.slice(0, 2), SHORTCUTS.slice(2)];
  render(
    html`<div class="dialog-header">
        <h2 class="dialog-title" id="shortcuts-heading">Keyboard shortcuts</h2>
        <button type="button" class="button icon quiet" aria-label="Close" title="Close (Esc)" @click=${() => dialog.close()}>✕</button>
      </div>
      <div class="dialog-body shortcuts">
        ${columns.map(
          (column, index) =>
            html`<div class="shortcut-column">
              ${column.map((g) => group(g.group, g.entries))}${index === 0 ? searchSyntax() : nothing}
            </div>`,
        )}
        <p class="shortcut-note muted">Shortcuts wait while you type in a field, except Ctrl+E, Ctrl+O and Ctrl+Shift+N.</p>
      </div>`,
    dialog,
  );
  openModal(dialog, { initialFocus: () => dialog.querySelector<HTMLElement>("button") });
}
