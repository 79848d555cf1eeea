import { describe, expect, it } from "vitest";
import { labelBudget, MAX_BUDGET, MIN_BUDGET } from "../src/timeline/budget";

describe("labelBudget", () => {
  it("grows with the room the view has, so a bigger window shows more labels", () => {
    const small = labelBudget(900, 305, 26);
    const large = labelBudget(1910, 620, 26);
    expect(large, "a larger window holds more labelled events").toBeGreaterThan(small);
    expect(labelBudget(1500, 780, 26), "30 lanes of 7 labels").toBe(210);
  });

  it("asks for more than the lanes of a 900 × 650 window hold at Fit all, so they fill", () => {
    // 11 lanes of about four 260 px labels: the fair share per stretch answers with fewer.
    expect(labelBudget(890, 305, 26)).toBeGreaterThanOrEqual(44);
  });

  it("gives a grouped view room for several bands", () => {
    const flat = labelBudget(1400, 600, 26);
    expect(labelBudget(1400, 600, 26, 3)).toBe(3 * flat);
    expect(labelBudget(1400, 600, 26, 40), "beyond a few bands the user scrolls").toBe(4 * flat);
    expect(labelBudget(1400, 600, 26, 0)).toBe(flat);
  });

  it("keeps the main events in a tiny window and stays within the backend's cap", () => {
    expect(labelBudget(300, 100, 26)).toBe(MIN_BUDGET);
    expect(labelBudget(0, 0, 26), "before layout the view has no size").toBe(MIN_BUDGET);
    expect(labelBudget(100000, 100000, 26)).toBe(MAX_BUDGET);
  });
});
