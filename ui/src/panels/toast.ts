// A short message at the bottom of the window, with an optional action ("Deleted “…” · Undo").
// It never takes focus; it goes away by itself after a few seconds, or, for work under way
// ("Deleting 25,000 events…"), stays until the next message replaces it.

export interface Toast {
  show(message: string, action?: { label: string; run(): void }): void;
  /** A message that stays until the next one (or `hide`): work that takes a while. */
  working(message: string): void;
  hide(): void;
}

const SHOW_MS = 6000;

export function createToast(root: HTMLElement): Toast {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hide = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    root.hidden = true;
    root.replaceChildren();
  };
  const toast: Toast = {
    working(message) {
      toast.show(message);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    show(message, action) {
      if (timer !== undefined) clearTimeout(timer);
      const text = document.createElement("span");
      text.className = "toast-message";
      text.textContent = message;
      const parts: Node[] = [text];
      if (action) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button quiet toast-action";
        button.dataset.testid = "toast-action";
        button.textContent = action.label;
        button.addEventListener("click", () => {
          hide();
          action.run();
        });
        parts.push(button);
      }
      root.replaceChildren(...parts);
      root.hidden = false;
      timer = setTimeout(hide, SHOW_MS);
    },
    hide,
  };
  return toast;
}
