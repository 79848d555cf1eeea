// Modal dialogs: <dialog> with showModal(), so the browser traps focus and makes the page
// behind inert. This adds what it lacks: focus on the right control when it opens, a chance
// to refuse Esc (unsaved changes), and focus given back to where it was when it closes.

export interface ModalOptions {
  /** The control to focus when the dialog opens (default: the browser's choice, the first). */
  initialFocus?: () => HTMLElement | null;
  /**
   * Esc (or a cancel button through requestClose) asks this first; the dialog closes only
   * when it resolves true. Default: close at once.
   */
  beforeCancel?: () => boolean | Promise<boolean>;
  /** After it closed and focus went back. */
  onClose?: () => void;
  /** Where focus goes when the element focused before is gone (e.g. a redrawn timeline item). */
  fallbackFocus?: () => HTMLElement | null;
}

const handles = new WeakMap<HTMLDialogElement, { requestClose(): void }>();

export function openModal(dialog: HTMLDialogElement, options: ModalOptions = {}): void {
  if (dialog.open) return;
  const previous = document.activeElement instanceof HTMLElement || document.activeElement instanceof SVGElement
    ? (document.activeElement as HTMLElement)
    : null;
  let asking = false;

  const requestClose = (): void => {
    if (asking) return;
    const answer = options.beforeCancel ? options.beforeCancel() : true;
    if (answer === true) {
      dialog.close();
      return;
    }
    if (answer === false) return;
    asking = true;
    void answer.then((ok) => {
      asking = false;
      if (ok && dialog.open) dialog.close();
    });
  };

  const onCancel = (event: Event): void => {
    event.preventDefault();
    requestClose();
  };
  const onBackdrop = (event: MouseEvent): void => {
    // A click on the backdrop lands on the dialog element itself, outside its box.
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) requestClose();
  };
  dialog.addEventListener("cancel", onCancel);
  dialog.addEventListener("click", onBackdrop);
  dialog.addEventListener(
    "close",
    () => {
      dialog.removeEventListener("cancel", onCancel);
      dialog.removeEventListener("click", onBackdrop);
      handles.delete(dialog);
      const target = previous?.isConnected ? previous : options.fallbackFocus?.() ?? null;
      target?.focus();
      options.onClose?.();
    },
    { once: true },
  );
  handles.set(dialog, { requestClose });
  dialog.showModal();
  const first = options.initialFocus?.();
  if (first) {
    first.focus();
    // WebKitGTK sometimes runs the dialog's own focusing steps after ours (seen on every
    // second opening of the same dialog): try again once the opening has settled.
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (dialog.open && (active === dialog || !dialog.contains(active))) first.focus();
    });
  }
}

/** Ctrl+Enter (Cmd+Enter) in the open dialog runs `save`, as its primary button would. */
export function saveOnCtrlEnter(dialog: HTMLDialogElement, save: () => void): void {
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && dialog.open) {
      event.preventDefault();
      save();
    }
  });
}

/** Closes a dialog the way Esc does (asking first when the dialog wants to). */
export function requestClose(dialog: HTMLDialogElement): void {
  const handle = handles.get(dialog);
  if (handle) handle.requestClose();
  else if (dialog.open) dialog.close();
}
