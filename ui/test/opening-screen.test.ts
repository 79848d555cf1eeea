// @vitest-environment happy-dom
// The screen shown while the database opens at start: nothing for an ordinary start, what the
// backend is doing when it takes long (an upgrade), and gone once the database is open.
import { beforeEach, describe, expect, it } from "vitest";
import type { OpeningStep } from "../src/api/types";
import { POLL_MS, SHOW_AFTER_MS, waitUntilOpen } from "../src/panels/opening-screen";

/** A backend answering `steps` in turn (then null), and a clock that only moves when waited on. */
function backend(steps: OpeningStep[]) {
  let asked = 0;
  const seen: (string | null)[] = [];
  return {
    seen,
    deps: {
      step: async () => {
        const step = asked < steps.length ? steps[asked] : null;
        asked += 1;
        return step ?? null;
      },
      wait: async () => {
        // What a user would see between two polls.
        seen.push(document.querySelector("[data-testid=opening-screen]")?.textContent?.replace(/\s+/g, " ").trim() ?? null);
      },
    },
  };
}

describe("the opening screen", () => {
  beforeEach(() => {
    document.body.innerHTML = "<main></main>";
  });

  it("shows nothing when the database opens at once", async () => {
    const { deps, seen } = backend(["opening"]);
    await waitUntilOpen(deps);
    expect(seen).toEqual([null]);
    expect(document.querySelector("[data-testid=opening-screen]")).toBeNull();
  });

  it("says an upgrade is under way once it takes a while, then the chronology, then goes", async () => {
    const polls = Math.ceil(SHOW_AFTER_MS / POLL_MS);
    const steps: OpeningStep[] = [...Array<OpeningStep>(polls).fill("upgrading"), "upgrading", "updating_chronology"];
    const { deps, seen } = backend(steps);
    await waitUntilOpen(deps);
    expect(seen.slice(0, polls), "a short wait shows nothing").toEqual(Array(polls).fill(null));
    expect(seen[polls]).toContain("Upgrading the database…");
    expect(seen[polls]).toContain("nothing is lost");
    expect(seen[polls + 1]).toContain("Bringing in this version’s chronology…");
    expect(seen[polls + 1]).toContain("your own events and edits are kept");
    expect(document.querySelector("[data-testid=opening-screen]"), "gone once open").toBeNull();
  });

  it("is announced to a screen reader as a status", async () => {
    let screen: Element | null = null;
    const steps: OpeningStep[] = Array<OpeningStep>(10).fill("opening");
    let asked = 0;
    await waitUntilOpen({
      step: async () => (asked < steps.length ? steps[asked++] ?? null : null),
      wait: async () => {
        screen ??= document.querySelector("[data-testid=opening-screen]");
      },
    });
    expect(screen).not.toBeNull();
    expect(screen!.getAttribute("role")).toBe("status");
    expect(screen!.textContent).toContain("Opening the database…");
  });

  it("starts the app when the backend cannot say (an error counts as opened)", async () => {
    await waitUntilOpen({
      step: () => Promise.reject(new Error("no such command")),
      wait: () => Promise.reject(new Error("never waits")),
    });
    expect(document.querySelector("[data-testid=opening-screen]")).toBeNull();
  });
});
