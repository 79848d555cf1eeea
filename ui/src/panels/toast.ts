// A short message at the bottom of the window, with an optional action ("Deleted “…” · Undo").
// It never takes focus; it goes away by itself after a few seconds, or, for work under way
// ("Deleting 25,000 events…"), stays until the next message replaces it, with how far the
// work has got and a way to stop it.

export interface ToastAction {
  label: string;
  run(): void;
}

export interface WorkingOptions {
  /** How much of the work is done, 0 to 100: drawn as a bar. */
  percent?: number;
  /** Stops the work ("Cancel"). */
  action?: ToastAction;
}

export interface Toast {
  show(message: string, action?: ToastAction): void;
  /** A message that stays until the next one (or `hide`): work that takes a while. Called
   * again while it shows, it updates the text and the bar in place (the first call's action
   * stays), so a press on its button is never lost to a redraw. */
  working(message: string, options?: WorkingOptions): void;
  hide(): void;
}

const SHOW_MS = 6000;

function setPercent(bar: HTMLElement, percent: number): void {
  const whole = Math.max(0, Math.min(100, Math.round(percent)));
  bar.setAttribute("aria-valuenow", String(whole));
  const fill = bar.firstElementChild;
  if (fill instanceof HTMLElement) fill.style.width = `${whole}%`;
}

/** What a working toast shows, kept to be updated in place. */
interface Working {
  text: HTMLElement;
  bar: HTMLElement | null;
  label: string | undefined;
}

export function createToast(root: HTMLElement): Toast {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let working: Working | null = null;
  const hide = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    working = null;
    root.hidden = true;
    root.replaceChildren();
  };
  const render = (message: string, action: ToastAction | undefined, percent: number | undefined): Working => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const text = document.createElement("span");
    text.className = "toast-message";
    text.textContent = message;
    const parts: Node[] = [text];
    let bar: HTMLElement | null = null;
    if (percent !== undefined) {
      // The import's and export's bar, small: the same look for the same kind of wait.
      bar = document.createElement("div");
      bar.className = "progress toast-progress";
      bar.setAttribute("role", "progressbar");
      bar.setAttribute("aria-label", "Progress");
      bar.setAttribute("aria-valuemin", "0");
      bar.setAttribute("aria-valuemax", "100");
      bar.dataset.testid = "toast-progress";
      const fill = document.createElement("div");
      fill.className = "progress-fill";
      bar.append(fill);
      setPercent(bar, percent);
      parts.push(bar);
    }
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
    return { text, bar, label: action?.label };
  };
  const toast: Toast = {
    working(message, options = {}) {
      const { percent, action } = options;
      const same = working && (working.bar !== null) === (percent !== undefined) && working.label === action?.label;
      if (working && same) {
        working.text.textContent = message;
        if (working.bar && percent !== undefined) setPercent(working.bar, percent);
        return;
      }
      working = render(message, action, percent);
    },
    show(message, action) {
      working = null;
      render(message, action, undefined);
      timer = setTimeout(hide, SHOW_MS);
    },
    hide,
  };
  return toast;
}
