// "Are you sure?" as a modal dialog: resolves true when the user confirms, false on Cancel or Esc.
// Focus starts on Cancel: Enter pressed out of habit must never run a destructive action;
// confirming takes a deliberate click, or Tab then Enter.
import { html, render } from "lit-html";
import { openModal } from "../forms/modal";

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** A destructive action: the confirm button is red. */
  danger?: boolean;
}

export function createConfirm(dialog: HTMLDialogElement): (options: ConfirmOptions) => Promise<boolean> {
  return (options) =>
    new Promise<boolean>((resolve) => {
      let answer = false;
      const finish = (value: boolean): void => {
        answer = value;
        dialog.close();
      };
      render(
        html`<div class="dialog-body">
          <h2 class="dialog-title" id="confirm-heading">${options.title}</h2>
          <p class="confirm-message" id="confirm-message">${options.message}</p>
        </div>
        <div class="dialog-actions">
          <button type="button" class="button" data-testid="confirm-cancel" @click=${() => finish(false)}>${options.cancelLabel ?? "Cancel"}</button>
          <button type="button" class="button ${options.danger ? "danger-solid" : "primary"}" data-testid="confirm-accept" @click=${() => finish(true)}>
            ${options.confirmLabel}
          </button>
        </div>`,
        dialog,
      );
      openModal(dialog, {
        initialFocus: () => dialog.querySelector<HTMLElement>("[data-testid=confirm-cancel]"),
        onClose: () => resolve(answer),
      });
    });
}
