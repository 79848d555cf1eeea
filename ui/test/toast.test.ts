// @vitest-environment happy-dom
// The toast: a message goes by itself after a few seconds; work under way stays until the
// message that ends it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createToast } from "../src/panels/toast";

describe("toast", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("hides a message after a few seconds", () => {
    const root = document.createElement("div");
    const toast = createToast(root);
    toast.show("Deleted 3 events", { label: "Undo", run: () => {} });
    expect(root.hidden).toBe(false);
    expect(root.textContent).toBe("Deleted 3 eventsUndo");
    vi.advanceTimersByTime(10_000);
    expect(root.hidden).toBe(true);
  });

  it("keeps work under way in sight however long it takes, until the next message", () => {
    const root = document.createElement("div");
    const toast = createToast(root);
    toast.show("Saved");
    toast.working("Deleting 1,000,000 events…");
    vi.advanceTimersByTime(120_000);
    expect(root.hidden).toBe(false);
    expect(root.textContent).toBe("Deleting 1,000,000 events…");
    toast.show("Deleted 1,000,000 events");
    vi.advanceTimersByTime(10_000);
    expect(root.hidden).toBe(true);
  });
});
