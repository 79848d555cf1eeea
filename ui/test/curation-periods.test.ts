// Undo and redo of steps that changed the user's periods: the view is refreshed (which redraws
// the periods) and the toast says what came back, offering the opposite step.
import { describe, expect, it } from "vitest";
import type { Replayed } from "../src/api/types";
import { createCuration } from "../src/curation";

function setup(answer: Replayed) {
  const toasts: { message: string; label: string | undefined }[] = [];
  let changed = 0;
  const curation = createCuration({
    backend: {
      getEvent: () => Promise.reject(new Error("not used")),
      deleteEvent: () => Promise.resolve(null),
      undo: () => Promise.resolve(answer),
      redo: () => Promise.resolve(answer),
    },
    toast: { show: (message, action) => void toasts.push({ message, label: action?.label }), hide: () => {} },
    confirm: () => Promise.resolve(false),
    error: (error) => {
      throw error;
    },
    editor: () => {
      throw new Error("not used");
    },
    selected: () => null,
    focusedId: () => null,
    loaded: () => null,
    show: () => {},
    forget: () => {},
    changed: () => void (changed += 1),
  });
  return { curation, toasts, changed: () => changed };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("undoing period changes", () => {
  it("refreshes the view and says a period changed, offering Redo", async () => {
    const { curation, toasts, changed } = setup({ id: "p1", event: null, count: 0, periods: 1, kind: "period" });
    curation.undo();
    await settle();
    expect(changed()).toBe(1);
    expect(toasts).toEqual([{ message: "Undid the change to your period", label: "Redo" }]);
  });

  it("counts the periods an import brought along with its events", async () => {
    const { curation, toasts } = setup({ id: "e1", event: null, count: 2, periods: 1, kind: "import" });
    curation.redo();
    await settle();
    expect(toasts[0]).toEqual({ message: "Redid the import of 2 events and 1 period", label: "Undo" });
  });

  it("names an import of periods alone", async () => {
    const { curation, toasts } = setup({ id: "p1", event: null, count: 0, periods: 3, kind: "import" });
    curation.undo();
    await settle();
    expect(toasts[0]?.message).toBe("Undid the import of 3 periods");
  });
});
