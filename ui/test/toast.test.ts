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

  it("updates work under way in place: the bar moves and its Cancel stays the same button", () => {
    const root = document.createElement("div");
    const toast = createToast(root);
    let cancelled = 0;
    const cancel = { label: "Cancel", run: () => void (cancelled += 1) };
    toast.working("Deleting 30,000 events…", { percent: 0, action: cancel });
    const button = root.querySelector<HTMLButtonElement>("[data-testid=toast-action]");
    const bar = root.querySelector<HTMLElement>("[data-testid=toast-progress]");
    expect(bar?.getAttribute("aria-valuenow")).toBe("0");
    toast.working("Deleting 30,000 events… finishing", { percent: 100, action: cancel });
    expect(root.querySelector("[data-testid=toast-action]")).toBe(button);
    expect(bar?.getAttribute("aria-valuenow")).toBe("100");
    expect(bar?.querySelector<HTMLElement>(".progress-fill")?.style.width).toBe("100%");
    expect(root.querySelector(".toast-message")?.textContent).toBe("Deleting 30,000 events… finishing");
    button?.click();
    expect(cancelled).toBe(1);
    expect(root.hidden).toBe(true);
    // A message without a bar is drawn afresh.
    toast.working("Cancelling the delete…");
    expect(root.querySelector("[data-testid=toast-progress]")).toBeNull();
    expect(root.textContent).toBe("Cancelling the delete…");
  });
});
