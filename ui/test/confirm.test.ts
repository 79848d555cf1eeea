// @vitest-environment happy-dom
// The confirmation dialog: focus starts on Cancel, so Enter pressed by habit cancels and the
// destructive action needs a deliberate click (or Tab, then Enter).
import { beforeEach, describe, expect, it } from "vitest";
import { createConfirm } from "../src/panels/confirm";
import { find, loadPage, settle } from "./page";

beforeEach(() => loadPage());

function ask(): { dialog: HTMLDialogElement; answer: Promise<boolean> } {
  const dialog = find<HTMLDialogElement>("[data-testid=confirm-dialog]");
  const confirm = createConfirm(dialog);
  const answer = confirm({ title: "Delete “Woodside”?", message: "You can undo this.", confirmLabel: "Delete", danger: true });
  return { dialog, answer };
}

describe("the confirmation dialog", () => {
  it("puts focus on Cancel, not on the destructive button", () => {
    const { dialog } = ask();
    expect(dialog.open).toBe(true);
    expect(document.activeElement?.getAttribute("data-testid"), "Enter must not delete").toBe("confirm-cancel");
    expect(find("[data-testid=confirm-accept]").className, "the destructive button is marked red").toContain("danger-solid");
  });

  it("answers false when the focused button is pressed, true only from the confirm button", async () => {
    const first = ask();
    (document.activeElement as HTMLButtonElement).click();
    await settle();
    expect(await first.answer, "the focused button cancels").toBe(false);
    expect(first.dialog.open).toBe(false);

    const second = ask();
    find<HTMLButtonElement>("[data-testid=confirm-accept]").click();
    await settle();
    expect(await second.answer).toBe(true);
  });
});
