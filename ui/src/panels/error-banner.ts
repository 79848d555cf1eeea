// The error banner: every backend failure is shown here until the user dismisses it. Some
// failures come with a way out (a link no browser could open: "Copy link").
import { toErrorPayload } from "../api/errors";

export interface BannerOptions {
  /** Replaces the error code under the message (for instance the link that could not open). */
  detail?: string;
  /** A button beside the message; it runs the action and leaves closing the banner to it. */
  action?: { label: string; run(): void };
}

export interface ErrorBanner {
  show(error: unknown, options?: BannerOptions): void;
  hide(): void;
}

export function createErrorBanner(root: HTMLElement): ErrorBanner {
  const message = root.querySelector<HTMLElement>(".error-message");
  const detail = root.querySelector<HTMLElement>(".error-detail");
  const dismiss = root.querySelector<HTMLButtonElement>("[data-action=dismiss-error]");
  const actionButton = root.querySelector<HTMLButtonElement>("[data-action=error-action]");
  if (!message || !detail || !dismiss || !actionButton) throw new Error("Error banner markup is incomplete");
  let action: BannerOptions["action"];
  dismiss.addEventListener("click", () => {
    root.hidden = true;
  });
  actionButton.addEventListener("click", () => action?.run());

  return {
    show(error, options = {}) {
      const payload = toErrorPayload(error);
      console.error("Bilateral:", payload);
      message.textContent = payload.message;
      detail.textContent =
        options.detail ?? (payload.field ? `${payload.code} · field: ${payload.field}` : payload.code);
      action = options.action;
      actionButton.textContent = action?.label ?? "";
      actionButton.hidden = action === undefined;
      root.hidden = false;
    },
    hide() {
      root.hidden = true;
    },
  };
}
