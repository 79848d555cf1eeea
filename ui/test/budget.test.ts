import { describe, expect, it } from "vitest";
import { labelBudget, MAX_BUDGET, MIN_BUDGET } from "../src/timeline/budget";

describe("labelBudget", () => {
  it("grows with the room the view has, so a bigger window shows more labels", () => {
    const small = labelBudget(800, 400, 26);
    const large = labelBudget(1600, 900, 26);
    expect(large, "a larger window holds more labelled events").toBeGreaterThan(small);
    expect(labelBudget(1500, 780, 26), "30 lanes of 5 labels").toBe(150);
  });

  it("keeps the main events in a tiny window and stays within the backend's cap", () => {
    expect(labelBudget(300, 100, 26)).toBe(MIN_BUDGET);
    expect(labelBudget(0, 0, 26), "before layout the view has no size").toBe(MIN_BUDGET);
    expect(labelBudget(100000, 100000, 26)).toBe(MAX_BUDGET);
  });
});
