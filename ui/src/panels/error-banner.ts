// The error banner: every backend failure is shown here until the user dismisses it.
import { toErrorPayload } from "../api/errors";

export interface ErrorBanner {
  show(error: unknown): void;
  hide(): void;
}

export function createErrorBanner(root: HTMLElement): ErrorBanner {
  const message = root.querySelector<HTMLElement>(".error-message");
  const detail = root.querySelector<HTMLElement>(".error-detail");
  const dismiss = root.querySelector<HTMLButtonElement>("[data-action=dismiss-error]");
  if (!message || !detail || !dismiss) throw new Error("Error banner markup is incomplete");
  dismiss.addEventListener("click", () => {
    root.hidden = true;
  });

  return {
    show(error) {
      const payload = toErrorPayload(error);
      console.error("Bilateral:", payload);
      message.textContent = payload.message;
      detail.textContent = payload.field ? `${payload.code} · field: ${payload.field}` : payload.code;
      root.hidden = false;
    },
    hide() {
      root.hidden = true;
    },
  };
}
