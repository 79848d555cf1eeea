// @vitest-environment happy-dom
// A search the core refuses (an unknown kind, a bad date) says why under the box, as text,
// and lists nothing; a failure of another kind still goes to the error banner. The ? dialog
// lists the syntax.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { beforeEach, describe, expect, it } from "vitest";
import { BackendError } from "../src/api/errors";
import type { SearchAnswer, SearchHit } from "../src/api/types";
import { emptyFilter } from "../src/panels/filter-model";
import { createSearch, SEARCH_DEBOUNCE_MS } from "../src/panels/search";
import { showShortcuts } from "../src/panels/shortcuts";

beforeEach(() => {
  const page = readFileSync(join(cwd(), "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "";
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, "");
});

const hit: SearchHit = { id: "woodside", title: "Biden and Xi meet", start: "2023-11-15", kind: "summit", snippet: "" };

/** A search box whose backend answers `answer(text)`; returns what reached the banner. */
function searchBox(answer: (text: string) => Promise<SearchAnswer>) {
  const root = document.querySelector<HTMLElement>("[data-testid=search]");
  const input = root?.querySelector<HTMLInputElement>("input");
  const status = root?.querySelector<HTMLElement>("[data-testid=search-status]");
  if (!root || !input || !status) throw new Error("search markup");
  const banner: unknown[] = [];
  createSearch(root, {
    search: (text) => answer(text),
    choose() {},
    error: (e) => banner.push(e),
    filter: emptyFilter,
  });
  const type = async (text: string): Promise<void> => {
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event("input"));
    // Enter asks at once rather than after the debounce; the answer is a resolved promise.
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** Types as a reader does, leaving the list open: the search runs after the debounce. */
  const typeAndLook = async (text: string): Promise<void> => {
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event("input"));
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS * 2));
  };
  return { root, status, banner, type, typeAndLook };
}

describe("a refused search", () => {
  it("shows the core's reason under the box, as text, and lists nothing", async () => {
    const reason = 'unknown kind "<img src=x onerror=alert(1)>"; kinds are summit, meeting';
    const box = searchBox(async (text) => {
      if (text.startsWith("kind:")) throw new BackendError({ code: "invalid", message: reason, field: "text" });
      return { hits: [hit] };
    });
    await box.type("kind:<img src=x onerror=alert(1)>");
    expect(box.status.textContent).toBe(`Cannot search: ${reason}`);
    expect(box.status.classList.contains("refused")).toBe(true);
    expect(box.root.querySelector("img")).toBeNull();
    expect(box.root.querySelectorAll("[data-testid=search-hit]")).toHaveLength(0);
    expect(box.banner, "a refusal is not an app error").toEqual([]);

    await box.type("biden");
    expect(box.status.classList.contains("refused"), "the next answer clears the reason").toBe(false);
    expect(box.status.textContent).not.toContain("Cannot search");
  });

  it("leaves other failures to the error banner", async () => {
    const failure = new BackendError({ code: "database", message: "disk I/O error", field: null });
    const box = searchBox(async () => {
      throw failure;
    });
    await box.type("biden");
    expect(box.banner).toEqual([failure]);
    expect(box.status.textContent).not.toContain("Cannot search");
  });
});

describe("the status line", () => {
  const many = (n: number): SearchHit[] => Array.from({ length: n }, (_, i) => ({ ...hit, id: `e${i}` }));

  it("counts the hits when every match was ranked", async () => {
    const box = searchBox(async () => ({ hits: many(3) }));
    await box.typeAndLook("woodside");
    expect(box.status.textContent).toBe("3 events · ↑↓ to move, Enter to show");
  });

  it("says when a common word was ranked among its most significant matches only", async () => {
    const box = searchBox(async () => ({ hits: many(30), ranked_among: 2000 }));
    await box.typeAndLook("trade");
    expect(box.status.textContent).toBe("the 30 best of the 2,000 most significant matches · ↑↓ to move, Enter to show");
  });

  it("says the best when there were more hits than the list shows", async () => {
    const plain = searchBox(async () => ({ hits: many(30) }));
    await plain.typeAndLook("woodside");
    expect(plain.status.textContent).toBe("the 30 best events · ↑↓ to move, Enter to show");
  });
});

describe("the ? dialog", () => {
  it("lists what the search box understands, each example as text", () => {
    const dialog = document.querySelector<HTMLDialogElement>("[data-testid=shortcuts-dialog]");
    if (!dialog) throw new Error("dialog markup");
    showShortcuts(dialog);
    const examples = [...dialog.querySelectorAll("[data-testid=search-syntax] code")].map((c) => c.textContent);
    expect(examples).toContain('"wang yi"');
    expect(examples).toContain("kind:summit");
    expect(examples).toContain("-taiwan");
    expect(dialog.querySelector("[data-testid=search-syntax]")?.textContent).toContain("trade measure");
  });
});
