// @vitest-environment happy-dom
// The header's "Jump to date" field in the real page: it echoes what it understood while the
// user types, jumps at the precision typed, and explains a refusal instead of jumping.
import { beforeEach, describe, expect, it } from "vitest";
import type { PartialDateParts } from "../src/format/partial-date";
import { createJumpDate } from "../src/panels/jump-date";
import { find, loadPage } from "./page";

let jumps: PartialDateParts[];

beforeEach(() => {
  loadPage();
  jumps = [];
  createJumpDate(find<HTMLFormElement>("form.jump"), { jump: (parts) => jumps.push(parts) });
});

function type(text: string): void {
  const input = find<HTMLInputElement>("[data-testid=jump-date]");
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function go(): void {
  find<HTMLFormElement>("form.jump").requestSubmit();
}

const note = (): HTMLElement => find("[data-testid=jump-understood]");

describe("jump to date", () => {
  it("is a plain text field, not the browser's date picker", () => {
    expect(find<HTMLInputElement>("[data-testid=jump-date]").type).toBe("text");
  });

  it("says what it understood while typing, before any jump", () => {
    type("Feb 19");
    expect(note().hidden, "half-typed text is not an error yet").toBe(true);
    type("Feb 1972");
    expect(note().hidden).toBe(false);
    expect(note().textContent).toBe("→ February 1972");
    type("21/2/1972");
    expect(note().textContent).toBe("→ 21 February 1972");
    expect(jumps, "typing alone never moves the view").toEqual([]);
  });

  it("jumps to what was typed, at its precision", () => {
    type("Feb 1972");
    go();
    expect(jumps).toEqual([{ year: 1972, month: 2, day: 1, precision: "month" }]);
    expect(note().hidden, "once the view shows it, the note goes").toBe(true);
  });

  it("explains a refusal instead of jumping", () => {
    type("30 Feb 1972");
    go();
    expect(jumps).toEqual([]);
    expect(note().textContent).toBe("February 1972 has 29 days: there is no 30 February.");
    expect(note().classList.contains("is-error")).toBe(true);
    expect(find("[data-testid=jump-date]").getAttribute("aria-invalid")).toBe("true");
    type("29 Feb 1972");
    expect(find("[data-testid=jump-date]").getAttribute("aria-invalid"), "fixing the text clears the error").toBeNull();
    expect(note().textContent).toBe("→ 29 February 1972");
  });

  it("keeps typed text as text", () => {
    type("<img src=x onerror=alert(1)>");
    go();
    expect(note().querySelector("img")).toBeNull();
    expect(note().textContent).toContain("Type a date such as");
  });
});

describe("jump to date, leaving the field", () => {
  it("hides the note so it never sits over the filter bar, and brings a refusal back with focus", () => {
    const input = find<HTMLInputElement>("[data-testid=jump-date]");
    input.focus();
    type("2/3/1972");
    go();
    expect(note().hidden).toBe(false);
    input.blur();
    expect(note().hidden).toBe(true);
    expect(input.getAttribute("aria-invalid"), "the field stays marked").toBe("true");
    input.focus();
    expect(note().hidden).toBe(false);
    expect(note().textContent).toContain("could be 2 March or 3 February 1972");
  });
});
