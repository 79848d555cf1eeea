// The header's "Jump to date": a text field that reads what people type (typed-date.ts), says
// what it understood ("→ February 1972") before jumping, and explains a refusal under the field.
import { formatParts } from "../format/date";
import { parseTypedDate } from "../format/typed-date";
import type { PartialDateParts } from "../format/partial-date";

export interface JumpDateCallbacks {
  /** Shows the view for the date typed: a year or a month whole, a day centred. */
  jump(parts: PartialDateParts): void;
}

/** What the field says it understood. */
export function understoodText(parts: PartialDateParts): string {
  return `→ ${formatParts(parts)}`;
}

export function createJumpDate(form: HTMLFormElement, callbacks: JumpDateCallbacks): void {
  const input = form.querySelector<HTMLInputElement>("[data-testid=jump-date]");
  const note = form.querySelector<HTMLElement>("[data-testid=jump-understood]");
  if (!input || !note) throw new Error("Jump-to-date markup is incomplete");

  const say = (text: string, isError: boolean): void => {
    note.textContent = text;
    note.hidden = text === "";
    note.classList.toggle("is-error", isError);
    if (isError) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };

  // While typing, only a date that can be read is echoed: half-typed text ("Feb 19") is not
  // an error yet. A refusal is explained when the user asks to jump.
  input.addEventListener("input", () => {
    const result = parseTypedDate(input.value);
    say(result?.ok ? understoodText(result.parts) : "", false);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !note.hidden) {
      event.stopPropagation();
      say("", false);
    }
  });
  // The note floats over the filter bar: it shows only while the field has focus. A refused
  // date keeps its red border, and its reason comes back with focus.
  input.addEventListener("blur", () => {
    note.hidden = true;
  });
  input.addEventListener("focus", () => {
    if (note.textContent !== "") note.hidden = false;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const result = parseTypedDate(input.value);
    if (result === null) {
      say("Type a date first, such as Feb 1972.", true);
      input.focus();
      return;
    }
    if (!result.ok) {
      say(result.message, true);
      input.focus();
      return;
    }
    // The view now shows the date; the note would only cover the filter bar's count.
    say("", false);
    callbacks.jump(result.parts);
  });
}
