// A short message at the bottom of the window, with an optional action ("Deleted “…” · Undo").
// It never takes focus; it goes away by itself after a few seconds.

export interface Toast {
  show(message: string, action?: { label: string; run(): void }): void;
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
  return {
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
}
