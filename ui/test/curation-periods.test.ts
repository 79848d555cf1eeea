// Undo and redo of steps that changed the user's periods: the periods are read again and the
// toast says what came back, offering the opposite step.
import { describe, expect, it } from "vitest";
import type { Change, Facets } from "../src/api/types";
import { createCuration } from "../src/curation";
import { emptyFilter } from "../src/panels/filter-model";
import { createAppState } from "../src/state/app-state";

const noFacets: Facets = { total: 0, kinds: [], actors: [], tags: [], sides: [], verifications: [] };

function setup(answer: Change) {
  const toasts: { message: string; label: string | undefined }[] = [];
  let periodsRead = 0;
  const state = createAppState(
    { filter: emptyFilter() },
    { facets: () => Promise.resolve(noFacets), getEvent: () => Promise.reject(new Error("not used")), error: () => undefined },
  );
  const curation = createCuration({
    backend: {
      getEvent: () => Promise.reject(new Error("not used")),
      deleteEvent: () => Promise.reject(new Error("not used")),
      bulkDelete: () => Promise.reject(new Error("not used")),
      bulkDeleteCancel: () => Promise.reject(new Error("not used")),
      undo: () => Promise.resolve(answer),
      redo: () => Promise.resolve(answer),
    },
    state,
    toast: {
      show: (message, action) => void toasts.push({ message, label: action?.label }),
      working: () => {},
      hide: () => {},
    },
    confirm: () => Promise.resolve(false),
    error: (error) => {
      throw error;
    },
    editor: () => {
      throw new Error("not used");
    },
    focusedId: () => null,
    loaded: () => null,
    show: () => {},
    closed: () => {},
    periodsChanged: () => void (periodsRead += 1),
  });
  return { curation, toasts, state, periodsRead: () => periodsRead };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const history = { can_undo: false, can_redo: true };
const imported = (ids: string[]) => ids.map((id) => ({ id, effect: "created" as const, event: null }));

describe("undoing period changes", () => {
  it("reads the periods again and says a period changed, offering Redo", async () => {
    const { curation, toasts, state, periodsRead } = setup({ kind: "period", events: [], periods: 1, history });
    curation.undo();
    await settle();
    expect(periodsRead()).toBe(1);
    expect(state.get().history).toEqual(history);
    expect(toasts).toEqual([{ message: "Undid the change to your period", label: "Redo" }]);
  });

  it("counts the periods an import brought along with its events", async () => {
    const { curation, toasts, periodsRead } = setup({ kind: "import", events: imported(["e1", "e2"]), periods: 1, history });
    curation.redo();
    await settle();
    expect(periodsRead()).toBe(1);
    expect(toasts[0]).toEqual({ message: "Redid the import of 2 events and 1 period", label: "Undo" });
  });

  it("names an import of periods alone", async () => {
    const { curation, toasts } = setup({ kind: "import", events: [], periods: 3, history });
    curation.undo();
    await settle();
    expect(toasts[0]?.message).toBe("Undid the import of 3 periods");
  });

  it("leaves the periods alone when a step changed only events", async () => {
    const { curation, periodsRead } = setup({ kind: "import", events: imported(["e1", "e2"]), periods: 0, history });
    curation.undo();
    await settle();
    expect(periodsRead()).toBe(0);
  });
});
