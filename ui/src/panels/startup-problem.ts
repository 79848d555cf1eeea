// The screen shown instead of the timeline when the database cannot be opened: what is wrong
// in plain words, and the ways out (open another database, create a new one, quit). The old
// file is never touched from here.
import { html, nothing, render, type TemplateResult } from "lit-html";
import { toErrorPayload } from "../api/errors";
import type { OpenProblem } from "../api/types";

export interface StartupDeps {
  openDatabase(): Promise<string | null>;
  createDatabase(): Promise<string | null>;
  quit(): Promise<unknown>;
  /** A database is open now: start the app on it. */
  opened(path: string): void;
}

/** The heading for each kind of problem. */
export function problemHeading(problem: OpenProblem): string {
  switch (problem.code) {
    case "too_new":
      return "This database was made by a newer version of Bilateral";
    case "foreign":
      return "This file belongs to another program";
    default:
      return "Bilateral cannot open its database";
  }
}

/** What the user can do about it, in a sentence. */
export function problemAdvice(problem: OpenProblem): string {
  if (problem.code === "too_new") {
    return "Update Bilateral to open it, or open or create another database for now. The file is left as it is.";
  }
  return "The file is left as it is. Open another Bilateral database, or create a new one with the shipped events.";
}

export function showStartupProblem(root: HTMLElement, problem: OpenProblem, deps: StartupDeps): void {
  let failure: string | null = null;
  let busy = false;

  const attempt = (action: () => Promise<string | null>): void => {
    if (busy) return;
    busy = true;
    failure = null;
    draw();
    action()
      .then((path) => {
        if (path) deps.opened(path);
      })
      .catch((error: unknown) => {
        failure = toErrorPayload(error).message;
      })
      .finally(() => {
        busy = false;
        draw();
      });
  };

  const template = (): TemplateResult => html`<section class="startup-problem" data-testid="startup-problem" aria-labelledby="startup-heading">
    <h2 id="startup-heading">${problemHeading(problem)}</h2>
    <p class="startup-message" data-testid="startup-message">${problem.message}</p>
    <p class="muted">${problemAdvice(problem)}</p>
    ${failure ? html`<p class="form-error general" role="alert" data-testid="startup-failure">${failure}</p>` : nothing}
    <div class="startup-actions">
      <button type="button" class="button primary" data-testid="startup-open" ?disabled=${busy} @click=${() => attempt(deps.openDatabase)}>
        Open another database…
      </button>
      <button type="button" class="button" data-testid="startup-create" ?disabled=${busy} @click=${() => attempt(deps.createDatabase)}>
        Create a new database…
      </button>
      <button type="button" class="button quiet" data-testid="startup-quit" @click=${() => void deps.quit()}>Quit</button>
    </div>
  </section>`;

  const draw = (): void => {
    render(template(), root);
  };
  draw();
  root.querySelector<HTMLElement>("[data-testid=startup-open]")?.focus();
}
