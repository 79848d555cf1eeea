import { describe, expect, it } from "vitest";
import { TableSelection, selectionText } from "../src/table/table-selection";

const idAt = (i: number): string => `e${i}`;

describe("TableSelection", () => {
  it("a plain click selects just that row and sets the anchor", () => {
    const s = new TableSelection();
    s.single(3, "e3");
    s.single(5, "e5");
    expect(s.isSelected("e3")).toBe(false);
    expect(s.isSelected("e5")).toBe(true);
    expect(s.count(100)).toBe(1);
    expect([s.anchor, s.lead, s.leadId]).toEqual([5, 5, "e5"]);
  });

  it("Shift+click selects the range from the anchor, either way, in place of the rest", () => {
    const s = new TableSelection();
    s.single(4, "e4");
    s.toggle(9, "e9");
    s.single(4, "e4");
    expect(s.extendTo(7, idAt)).toBe(true);
    expect(s.ids().sort()).toEqual(["e4", "e5", "e6", "e7"]);
    expect(s.extendTo(2, idAt)).toBe(true);
    expect(s.ids().sort()).toEqual(["e2", "e3", "e4"]);
    expect(s.anchor).toBe(4);
    expect(s.lead).toBe(2);
  });

  it("a range over rows not loaded changes nothing and says so, so the view can load them", () => {
    const s = new TableSelection();
    s.single(0, "e0");
    const gappy = (i: number): string | undefined => (i === 500 ? undefined : `e${i}`);
    expect(s.extendTo(1000, gappy)).toBe(false);
    expect(s.ids()).toEqual(["e0"]);
    expect(s.extendTo(1000, idAt)).toBe(true);
    expect(s.count(5000)).toBe(1001);
  });

  it("Shift+Down extends one row at a time from the anchor, Shift+Up shrinks it back", () => {
    const s = new TableSelection();
    s.single(10, "e10");
    s.extendTo(11, idAt);
    s.extendTo(12, idAt);
    expect(s.count(100)).toBe(3);
    s.extendTo(11, idAt);
    expect(s.ids().sort()).toEqual(["e10", "e11"]);
  });

  it("Ctrl+click toggles one row and keeps the others", () => {
    const s = new TableSelection();
    s.single(1, "e1");
    s.toggle(5, "e5");
    s.toggle(8, "e8");
    expect(s.ids().sort()).toEqual(["e1", "e5", "e8"]);
    s.toggle(5, "e5");
    expect(s.ids().sort()).toEqual(["e1", "e8"]);
    expect(selectionText(s, 100)).toBe("2 selected");
  });

  it("select all covers every matching row without listing them, minus the rows toggled out", () => {
    const s = new TableSelection();
    s.selectAll();
    expect(s.count(100_000)).toBe(100_000);
    expect(s.isSelected("never-loaded")).toBe(true);
    expect(selectionText(s, 100_000)).toBe("All 100,000 selected");
    s.toggle(3, "e3");
    expect(s.isSelected("e3")).toBe(false);
    expect(s.count(100_000)).toBe(99_999);
    expect(selectionText(s, 100_000)).toBe("99,999 selected");
    const filter = { kinds: ["summit" as const], sides: [], actors: [], tags: [] };
    expect(s.target(filter)).toEqual({ type: "matching", filter, except: ["e3"] });
  });

  it("ids are sent as a list when rows were picked one by one", () => {
    const s = new TableSelection();
    s.single(0, "a");
    s.toggle(1, "b");
    expect(s.target({ kinds: [], sides: [], actors: [], tags: [] })).toEqual({ type: "ids", ids: ["a", "b"] });
  });

  it("clear (Esc) leaves nothing selected", () => {
    const s = new TableSelection();
    s.selectAll();
    s.clear();
    expect(s.count(100)).toBe(0);
    expect(s.isSelected("e1")).toBe(false);
    expect(selectionText(s, 100)).toBe("");
    expect(s.lead).toBeNull();
  });
});
