// Every keyboard shortcut of the app: which key does what (a pure function, tested), the
// list the "?" dialog shows, and the one document-level listener. Shortcuts never fire while
// the user types in a field or while a dialog is open (dialogs handle their own keys).
import { EVENT_SELECTOR } from "./timeline/labels";

export type KeyCommand =
  | { type: "search" }
  | { type: "new" }
  | { type: "edit" }
  | { type: "delete" }
  | { type: "duplicate" }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "shortcuts" }
  | { type: "export" }
  | { type: "import" }
  | { type: "article" }
  | { type: "escape" }
  | { type: "zoomIn" }
  | { type: "zoomOut" }
  | { type: "fitAll" }
  | { type: "step"; direction: -1 | 1 }
  | { type: "pan"; direction: -1 | 1; large: boolean };

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface KeyContext {
  /** Focus is in a text field, select or text area. */
  typing: boolean;
  /** A modal dialog is open. */
  modalOpen: boolean;
  /** Focus is on an event of the timeline. */
  eventFocused: boolean;
  /** Focus is inside the detail panel (arrows and Home scroll it natively). */
  inPanel: boolean;
}

export function keyCommand(input: KeyInput, context: KeyContext): KeyCommand | null {
  if (context.modalOpen) return null;
  if (input.key === "Escape") return { type: "escape" };
  const key = input.key;
  if ((input.ctrlKey || input.metaKey) && !input.altKey && !input.shiftKey) {
    // Menu commands: they mean nothing to a text field, so they work from one too.
    const lower = key.toLowerCase();
    if (lower === "e") return { type: "export" };
    if (lower === "o") return { type: "import" };
  }
  if ((input.ctrlKey || input.metaKey) && !input.altKey && input.shiftKey && key.toLowerCase() === "n") {
    // New from article: a menu command too, so it works from a text field.
    return { type: "article" };
  }
  if (context.typing) return null;
  if (input.ctrlKey || input.metaKey) {
    if (input.altKey) return null;
    const lower = key.toLowerCase();
    if (lower === "z") return input.shiftKey ? { type: "redo" } : { type: "undo" };
    if (lower === "y" && !input.shiftKey) return { type: "redo" };
    if (lower === "d" && !input.shiftKey) return { type: "duplicate" };
    return null;
  }
  if (input.altKey) return null;
  switch (key) {
    case "/":
      return { type: "search" };
    case "?":
      return { type: "shortcuts" };
    case "n":
    case "N":
      return { type: "new" };
    case "e":
    case "E":
      return { type: "edit" };
    case "Delete":
      return { type: "delete" };
    case "+":
    case "=":
      return { type: "zoomIn" };
    case "-":
    case "_":
      return { type: "zoomOut" };
    case "Home":
    case "0":
      return context.inPanel ? null : { type: "fitAll" };
    case "ArrowLeft":
    case "ArrowRight": {
      if (context.inPanel) return null;
      const direction = key === "ArrowLeft" ? -1 : 1;
      return context.eventFocused ? { type: "step", direction } : { type: "pan", direction, large: input.shiftKey };
    }
    default:
      return null;
  }
}

/** One line of the shortcuts dialog: alternative key combinations (each a list of keys pressed together). */
export interface ShortcutEntry {
  combos: readonly (readonly string[])[];
  what: string;
}

/** What the shortcuts dialog lists, in groups; kept next to keyCommand so the two agree. */
export const SHORTCUTS: readonly { group: string; entries: readonly ShortcutEntry[] }[] = [
  {
    group: "Find",
    entries: [
      { combos: [["/"]], what: "Search events" },
      { combos: [["↑"], ["↓"]], what: "Move through the search results" },
      { combos: [["Enter"]], what: "Show the chosen result on the timeline" },
    ],
  },
  {
    group: "Timeline",
    entries: [
      { combos: [["←"], ["→"]], what: "On an event: previous / next event in time. Elsewhere: pan" },
      { combos: [["Shift", "←"], ["Shift", "→"]], what: "Pan further" },
      { combos: [["+"], ["−"]], what: "Zoom in / out" },
      { combos: [["0"], ["Home"]], what: "Fit all events" },
      { combos: [["Tab"]], what: "Move between events and controls" },
      { combos: [["Enter"]], what: "Open the focused event" },
    ],
  },
  {
    group: "Table",
    entries: [
      { combos: [["↑"], ["↓"]], what: "Previous / next row (shown in the panel)" },
      { combos: [["Shift", "↑"], ["Shift", "↓"]], what: "Extend the selection up / down" },
      { combos: [["Shift", "Click"]], what: "Select the rows from the last one clicked" },
      { combos: [["Ctrl", "Click"]], what: "Add or remove one row" },
      { combos: [["Ctrl", "A"]], what: "Select every row the filter matches" },
      { combos: [["Esc"]], what: "Clear a selection of several rows" },
      { combos: [["Page Up"], ["Page Down"]], what: "A screenful up / down" },
      { combos: [["Home"], ["End"]], what: "First / last row" },
      { combos: [["Enter"]], what: "Open the selected row's event" },
    ],
  },
  {
    group: "Curate",
    entries: [
      { combos: [["N"]], what: "New event" },
      { combos: [["E"]], what: "Edit the focused or open event" },
      { combos: [["Delete"]], what: "Delete the focused or open event, or the rows selected in the table (asks first)" },
      { combos: [["Ctrl", "D"]], what: "Duplicate the open event (opens the editor on a copy)" },
      { combos: [["Ctrl", "Z"]], what: "Undo" },
      { combos: [["Ctrl", "Shift", "Z"], ["Ctrl", "Y"]], what: "Redo" },
      { combos: [["Ctrl", "Enter"]], what: "Save the event form" },
    ],
  },
  {
    group: "File",
    entries: [
      { combos: [["Ctrl", "Shift", "N"]], what: "New events from an article…" },
      { combos: [["Ctrl", "E"]], what: "Export the view or the selection…" },
      { combos: [["Ctrl", "O"]], what: "Import events from a file…" },
    ],
  },
  {
    group: "Anywhere",
    entries: [
      { combos: [["Esc"]], what: "Close the top-most list, dialog or panel" },
      { combos: [["?"]], what: "Show these shortcuts" },
    ],
  },
];

export function isTextEntry(target: EventTarget | null): boolean {
  if (typeof HTMLElement === "undefined" || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(target.type);
  }
  return false;
}

/** Listens on the document and runs the command a key stands for. */
export function attachShortcuts(doc: Document, panel: HTMLElement, run: (command: KeyCommand, event: KeyboardEvent) => boolean): void {
  doc.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target;
    const element = target instanceof Element ? target : null;
    const command = keyCommand(event, {
      typing: isTextEntry(target),
      modalOpen: doc.querySelector("dialog[open]") !== null,
      eventFocused: (element?.closest(EVENT_SELECTOR) ?? null) !== null,
      inPanel: element !== null && panel.contains(element),
    });
    if (command && run(command, event)) event.preventDefault();
  });
}
