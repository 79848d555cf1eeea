// The header's "File" menu button (WAI-ARIA menu button): Enter, Space or ↓ opens it on the
// first item, ↑ on the last; ↑ / ↓ / Home / End move, a letter jumps to the item it starts,
// Enter runs, Esc closes and gives focus back to the button, Tab or a click elsewhere closes.
// The items' keyboard shortcuts (Ctrl+Shift+N, Ctrl+E, Ctrl+O) live in keyboard.ts like every other.

export interface MenuCommands {
  /** Runs the item whose data-command is `command`, after the menu closed. */
  run(command: string): void;
}

export interface Menu {
  close(): void;
}

function part<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`File menu markup lacks ${selector}`);
  return found;
}

export function createFileMenu(root: HTMLElement, commands: MenuCommands): Menu {
  const button = part<HTMLButtonElement>(root, "[aria-haspopup=menu]");
  const list = part<HTMLElement>(root, "[role=menu]");
  const items = (): HTMLButtonElement[] => Array.from(list.querySelectorAll<HTMLButtonElement>("[role=menuitem]:not(:disabled)"));

  const isOpen = (): boolean => !list.hidden;

  const focusItem = (index: number): void => {
    const all = items();
    if (all.length === 0) return;
    const wrapped = ((index % all.length) + all.length) % all.length;
    all[wrapped]?.focus();
  };

  const open = (focus: "first" | "last"): void => {
    list.hidden = false;
    button.setAttribute("aria-expanded", "true");
    focusItem(focus === "first" ? 0 : -1);
  };

  const close = (giveFocusBack: boolean): void => {
    if (!isOpen()) return;
    list.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (giveFocusBack) button.focus();
  };

  button.addEventListener("click", () => {
    if (isOpen()) close(true);
    else open("first");
  });

  button.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowDown" ? "first" : "last");
    }
  });

  list.addEventListener("keydown", (event) => {
    const all = items();
    const current = all.indexOf(document.activeElement as HTMLButtonElement);
    let handled = true;
    switch (event.key) {
      case "ArrowDown":
        focusItem(current + 1);
        break;
      case "ArrowUp":
        focusItem(current - 1);
        break;
      case "Home":
        focusItem(0);
        break;
      case "End":
        focusItem(-1);
        break;
      case "Escape":
        close(true);
        break;
      case "Tab":
        close(false);
        handled = false;
        break;
      default: {
        handled = false;
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
          const letter = event.key.toLowerCase();
          const start = current + 1;
          const order = [...all.slice(start), ...all.slice(0, start)];
          const match = order.find((item) => (item.textContent ?? "").trim().toLowerCase().startsWith(letter));
          if (match) match.focus();
          handled = true;
        }
      }
    }
    if (handled) {
      // Keep the document's shortcuts (arrows pan, Esc closes panels) out of the menu.
      event.preventDefault();
      event.stopPropagation();
    }
  });

  list.addEventListener("click", (event) => {
    const item = event.target instanceof Element ? event.target.closest<HTMLButtonElement>("[role=menuitem]") : null;
    if (!item || item.disabled) return;
    close(true);
    const command = item.dataset.command;
    if (command) commands.run(command);
  });

  // A press on an item must not move focus first (WebKit may blur to the body on mousedown).
  list.addEventListener("mousedown", (event) => event.preventDefault());
  // Focus or a pointer leaving the menu closes it (checked once focus has settled).
  root.addEventListener("focusout", () => {
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (isOpen() && !(active instanceof Node && root.contains(active))) close(false);
    });
  });
  document.addEventListener("pointerdown", (event) => {
    if (isOpen() && !(event.target instanceof Node && root.contains(event.target))) close(false);
  });

  return { close: () => close(false) };
}
