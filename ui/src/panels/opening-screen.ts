// While the database opens at start (on the backend's own thread), the window says what it is
// doing: an upgrade after an update can take a minute or more at a million events, and a blank
// window looks like a hung app. An ordinary start takes a fraction of a second and shows
// nothing: the screen appears only once the wait is long enough to notice.
import { html, nothing, render, type TemplateResult } from "lit-html";
import type { OpeningStep } from "../api/types";

export interface OpeningDeps {
  /** What opening is doing; null once it has ended. */
  step(): Promise<OpeningStep | null>;
  wait(ms: number): Promise<void>;
}

/** Waits shorter than this show nothing. */
export const SHOW_AFTER_MS = 300;
// Short: the timeline starts at most this long after the database has opened.
export const POLL_MS = 50;

export function openingText(step: OpeningStep): { title: string; detail: string | null } {
  switch (step) {
    case "upgrading":
      return {
        title: "Upgrading the database…",
        detail:
          "Bilateral was updated, and its database is brought up to date once. A database of a million events can take a minute or more. " +
          "If Bilateral is closed meanwhile, nothing is lost: the upgrade starts again next time.",
      };
    case "updating_chronology":
      return {
        title: "Bringing in this version’s chronology…",
        detail: "The shipped events are updated once after an update. A backup is taken first, and your own events and edits are kept.",
      };
    case "opening":
      return { title: "Opening the database…", detail: null };
  }
}

function template(step: OpeningStep): TemplateResult {
  const { title, detail } = openingText(step);
  return html`<div class="opening-card">
    <div class="opening-spinner" aria-hidden="true"></div>
    <h2>${title}</h2>
    ${detail ? html`<p>${detail}</p>` : nothing}
  </div>`;
}

/**
 * Resolves once the database has opened (or failed to: the start-up problem screen says so),
 * showing what it is doing meanwhile when that takes a while.
 */
export async function waitUntilOpen(deps: OpeningDeps): Promise<void> {
  let waited = 0;
  let screen: HTMLElement | null = null;
  for (;;) {
    const step = await deps.step().catch(() => null);
    if (step === null) break;
    if (waited >= SHOW_AFTER_MS) {
      if (!screen) {
        screen = document.createElement("div");
        screen.className = "opening-screen";
        screen.dataset.testid = "opening-screen";
        screen.setAttribute("role", "status");
        screen.setAttribute("aria-live", "polite");
        document.body.append(screen);
      }
      render(template(step), screen);
    }
    await deps.wait(POLL_MS);
    waited += POLL_MS;
  }
  screen?.remove();
}
