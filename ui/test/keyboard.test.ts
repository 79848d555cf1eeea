import { describe, expect, it } from "vitest";
import { keyCommand, SHORTCUTS, type KeyContext } from "../src/keyboard";
import { rankSuggestions } from "../src/forms/suggest";

const none = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
const idle: KeyContext = { typing: false, modalOpen: false, eventFocused: false, inPanel: false };

describe("keyboard shortcuts", () => {
  it("maps the single keys", () => {
    expect(keyCommand({ ...none, key: "/" }, idle)).toEqual({ type: "search" });
    expect(keyCommand({ ...none, key: "n" }, idle)).toEqual({ type: "new" });
    expect(keyCommand({ ...none, key: "N", shiftKey: true }, idle)).toEqual({ type: "new" });
    expect(keyCommand({ ...none, key: "e" }, idle)).toEqual({ type: "edit" });
    expect(keyCommand({ ...none, key: "Delete" }, idle)).toEqual({ type: "delete" });
    expect(keyCommand({ ...none, key: "?", shiftKey: true }, idle)).toEqual({ type: "shortcuts" });
    expect(keyCommand({ ...none, key: "Escape" }, idle)).toEqual({ type: "escape" });
    expect(keyCommand({ ...none, key: "0" }, idle)).toEqual({ type: "fitAll" });
  });
  it("undoes and redoes with Ctrl", () => {
    expect(keyCommand({ ...none, key: "z", ctrlKey: true }, idle)).toEqual({ type: "undo" });
    expect(keyCommand({ ...none, key: "Z", ctrlKey: true, shiftKey: true }, idle)).toEqual({ type: "redo" });
    expect(keyCommand({ ...none, key: "y", ctrlKey: true }, idle)).toEqual({ type: "redo" });
    expect(keyCommand({ ...none, key: "n", ctrlKey: true }, idle), "Ctrl+N is not N").toBeNull();
  });
  it("duplicates with Ctrl+D, never while typing, and lists it with the table's selection keys", () => {
    expect(keyCommand({ ...none, key: "d", ctrlKey: true }, idle)).toEqual({ type: "duplicate" });
    expect(keyCommand({ ...none, key: "d", metaKey: true }, idle)).toEqual({ type: "duplicate" });
    expect(keyCommand({ ...none, key: "d", ctrlKey: true }, { ...idle, typing: true })).toBeNull();
    const listed = SHORTCUTS.flatMap((group) => group.entries.map((entry) => entry.combos.map((combo) => combo.join("+"))).flat());
    for (const combo of ["Ctrl+D", "Ctrl+A", "Shift+↓", "Shift+Click", "Ctrl+Click"]) expect(listed).toContain(combo);
  });
  it("exports with Ctrl+E and imports with Ctrl+O, from a field too, never under a dialog", () => {
    expect(keyCommand({ ...none, key: "e", ctrlKey: true }, idle)).toEqual({ type: "export" });
    expect(keyCommand({ ...none, key: "o", ctrlKey: true }, idle)).toEqual({ type: "import" });
    expect(keyCommand({ ...none, key: "O", ctrlKey: true }, { ...idle, typing: true })).toEqual({ type: "import" });
    expect(keyCommand({ ...none, key: "e", ctrlKey: true }, { ...idle, modalOpen: true })).toBeNull();
    expect(keyCommand({ ...none, key: "e", ctrlKey: true, shiftKey: true }, idle)).toBeNull();
    expect(keyCommand({ ...none, key: "o", ctrlKey: true, altKey: true }, idle)).toBeNull();
  });
  it("opens New from article with Ctrl+Shift+N, from a field too, never under a dialog", () => {
    expect(keyCommand({ ...none, key: "N", ctrlKey: true, shiftKey: true }, idle)).toEqual({ type: "article" });
    expect(keyCommand({ ...none, key: "N", ctrlKey: true, shiftKey: true }, { ...idle, typing: true })).toEqual({ type: "article" });
    expect(keyCommand({ ...none, key: "N", ctrlKey: true, shiftKey: true }, { ...idle, modalOpen: true })).toBeNull();
    expect(keyCommand({ ...none, key: "N", shiftKey: true }, idle), "Shift+N is still a new event").toEqual({ type: "new" });
    expect(keyCommand({ ...none, key: "N", ctrlKey: true, shiftKey: true, altKey: true }, idle)).toBeNull();
    const listed = SHORTCUTS.flatMap((group) => group.entries.map((entry) => entry.combos.map((combo) => combo.join("+"))).flat());
    expect(listed).toContain("Ctrl+Shift+N");
  });
  it("steps between events on an event, and pans elsewhere", () => {
    expect(keyCommand({ ...none, key: "ArrowRight" }, { ...idle, eventFocused: true })).toEqual({ type: "step", direction: 1 });
    expect(keyCommand({ ...none, key: "ArrowLeft" }, idle)).toEqual({ type: "pan", direction: -1, large: false });
    expect(keyCommand({ ...none, key: "ArrowLeft", shiftKey: true }, idle)).toEqual({ type: "pan", direction: -1, large: true });
    expect(keyCommand({ ...none, key: "ArrowLeft" }, { ...idle, inPanel: true }), "the panel scrolls natively").toBeNull();
  });
  it("never fires while typing or under a dialog (Esc still closes from a field)", () => {
    for (const key of ["/", "n", "e", "Delete", "?", "ArrowLeft", "0"]) {
      expect(keyCommand({ ...none, key }, { ...idle, typing: true }), key).toBeNull();
      expect(keyCommand({ ...none, key }, { ...idle, modalOpen: true }), key).toBeNull();
    }
    expect(keyCommand({ ...none, key: "z", ctrlKey: true }, { ...idle, typing: true }), "Ctrl+Z in a field is the field's undo").toBeNull();
    expect(keyCommand({ ...none, key: "Escape" }, { ...idle, typing: true })).toEqual({ type: "escape" });
    expect(keyCommand({ ...none, key: "Escape" }, { ...idle, modalOpen: true }), "the dialog handles its Esc").toBeNull();
  });
  it("lists every key in the shortcuts dialog", () => {
    const listed = SHORTCUTS.flatMap((group) => group.entries.flatMap((entry) => entry.combos.flat()));
    for (const key of ["/", "N", "E", "O", "Delete", "Z", "Y", "?", "Esc", "←", "→", "Enter", "+", "−", "0"]) {
      expect(listed, key).toContain(key);
    }
  });
});

describe("autocomplete suggestions", () => {
  const actors = [
    { value: "Wang Yi", label: "Wang Yi", weight: 20 },
    { value: "Xi Jinping", label: "Xi Jinping", weight: 15 },
    { value: "Deng Xiaoping", label: "Deng Xiaoping", weight: 7 },
    { value: "Xie Zhenhua", label: "Xie Zhenhua", weight: 1 },
    { value: "Li Xiannian", label: "Li Xiannian", weight: 2 },
  ];
  it("puts names starting with the text first, then words, then anything containing it", () => {
    expect(rankSuggestions("xi", actors).map((s) => s.value)).toEqual(["Xi Jinping", "Xie Zhenhua", "Deng Xiaoping", "Li Xiannian"]);
  });
  it("ignores case and accents, leaves out what is chosen, and lists the heaviest for no text", () => {
    expect(rankSuggestions("WÁNG", actors).map((s) => s.value)).toEqual(["Wang Yi"]);
    expect(rankSuggestions("xi", actors, 8, ["Xi Jinping"]).map((s) => s.value)[0]).toBe("Xie Zhenhua");
    expect(rankSuggestions("", actors, 2).map((s) => s.value)).toEqual(["Wang Yi", "Xi Jinping"]);
  });
});
