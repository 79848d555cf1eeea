// @vitest-environment happy-dom
// The Views menu: what saving captures, what applying a saved view sets, and the questions it
// asks before replacing or deleting (focus on Cancel), over an in-memory stand-in backend.
import { beforeEach, describe, expect, it } from "vitest";
import { BackendError } from "../src/api/errors";
import type { Filter, SavedView, SavedViews } from "../src/api/types";
import { utcMs } from "../src/format/partial-date";
import { createConfirm } from "../src/panels/confirm";
import { captureView, viewTarget, type CurrentView } from "../src/panels/saved-view-model";
import { createViewsMenu, type ViewsBackend } from "../src/panels/views-menu";
import type { ViewTarget } from "../src/panels/saved-view-model";
import { fakeToast, find, loadPage, settle } from "./page";

const FILTER: Filter = { kinds: ["summit"], sides: ["us"], actors: ["Wang Yi"], tags: [], origins: ["dataset", "user"], from: "2017" };

const CURRENT: CurrentView = {
  filter: FILTER,
  domain: [utcMs(2017, 1, 20) + 3_600_000, utcMs(2021, 1, 20) + 7_200_000],
  groupBy: "actor",
  titles: "both",
};

/** Keeps views by name as the store does: a taken name is a conflict unless replacing. */
class MemoryViews implements ViewsBackend {
  views = new Map<string, SavedView>();
  async savedViews(): Promise<SavedViews> {
    return { views: [...this.views.values()], unreadable: [{ name: "From the future", message: "filter.languages: not a field" }] };
  }
  async saveView(view: SavedView, replace: boolean): Promise<SavedView> {
    if (this.views.has(view.name) && !replace) throw new BackendError({ code: "conflict", message: `a view named "${view.name}" is already saved`, field: null });
    this.views.set(view.name, view);
    return view;
  }
  async renameView(name: string, newName: string): Promise<string> {
    const view = this.views.get(name);
    if (!view) throw new BackendError({ code: "invalid", message: "no such view", field: "name" });
    this.views.delete(name);
    this.views.set(newName, { ...view, name: newName });
    return newName;
  }
  async deleteView(name: string): Promise<null> {
    this.views.delete(name);
    return null;
  }
  async exportViews(): Promise<string | null> {
    return null;
  }
  async importViews(): Promise<null> {
    return null;
  }
}

describe("a saved view", () => {
  it("applies as the filter, grouping, titles and whole days it was saved with", () => {
    const view = captureView("  Trump years ", CURRENT);
    expect(view).toMatchObject({ name: "Trump years", from: "2017-01-20", to: "2021-01-20", group_by: "actor", titles: "both" });
    const target = viewTarget(view);
    expect(target.filter).toEqual(FILTER);
    expect(target.filter, "a copy: changing the view later does not change the saved one").not.toBe(FILTER);
    expect(target.groupBy).toBe("actor");
    expect(target.titles).toBe("both");
    expect(target.domain).toEqual([utcMs(2017, 1, 20), utcMs(2021, 1, 21)]);
    expect(target.domain![0] <= CURRENT.domain[0] && target.domain![1] >= CURRENT.domain[1], "covers what was shown").toBe(true);
  });

  it("without a range keeps the range shown; unknown values fall back to the defaults", () => {
    const target = viewTarget({ name: "x", filter: FILTER, group_by: "year", titles: "fr" });
    expect(target).toMatchObject({ domain: null, groupBy: "none", titles: "en" });
  });
});

describe("the Views menu", () => {
  let backend: MemoryViews;
  let applied: ViewTarget[];
  const toast = fakeToast();

  beforeEach(async () => {
    loadPage();
    backend = new MemoryViews();
    backend.views.set("<b>Bold</b>", captureView("<b>Bold</b>", CURRENT));
    applied = [];
    createViewsMenu(find("[data-testid=views-menu]"), find<HTMLDialogElement>("[data-testid=view-name-dialog]"), {
      backend,
      current: () => CURRENT,
      apply: (target) => applied.push(target),
      confirm: createConfirm(find<HTMLDialogElement>("[data-testid=confirm-dialog]")),
      toast,
      error: (error) => {
        throw error;
      },
    });
    await settle();
  });

  const items = (): HTMLButtonElement[] => Array.from(document.querySelectorAll<HTMLButtonElement>("#views-menu-list [role=menuitem]"));
  const open = (): void => find<HTMLButtonElement>("[data-testid=views-menu-button]").click();

  it("lists the views as text, and a click applies one", () => {
    open();
    const names = items().filter((item) => item.dataset.testid === "view-apply");
    expect(names.map((item) => item.querySelector(".menu-label")?.textContent)).toEqual(["<b>Bold</b>", "From the future"]);
    expect(document.querySelector("#views-menu-list b"), "a name is never markup").toBeNull();
    expect(names[1]?.disabled, "a view from a newer version is listed, not applied").toBe(true);
    expect(document.activeElement?.getAttribute("data-testid"), "the keyboard starts on Save").toBe("views-save");
    names[0]?.click();
    expect(applied).toEqual([viewTarget(captureView("<b>Bold</b>", CURRENT))]);
  });

  it("saves under a new name, and asks before replacing a saved one with focus on Cancel", async () => {
    open();
    find<HTMLButtonElement>("[data-testid=views-save]").click();
    const input = find<HTMLInputElement>("[data-testid=view-name-input]");
    expect(document.activeElement).toBe(input);
    input.value = "New one";
    find<HTMLButtonElement>("[data-testid=view-name-submit]").click();
    await settle();
    await settle();
    expect(backend.views.get("New one")).toEqual(captureView("New one", CURRENT));
    expect(find<HTMLDialogElement>("[data-testid=view-name-dialog]").open).toBe(false);

    backend.views.set("New one", { ...captureView("New one", CURRENT), group_by: "kind" });
    open();
    find<HTMLButtonElement>("[data-testid=views-save]").click();
    find<HTMLInputElement>("[data-testid=view-name-input]").value = "New one";
    find<HTMLButtonElement>("[data-testid=view-name-submit]").click();
    await settle();
    expect(find<HTMLDialogElement>("[data-testid=confirm-dialog]").open).toBe(true);
    expect(document.activeElement?.getAttribute("data-testid"), "Enter by habit must not replace").toBe("confirm-cancel");
    (document.activeElement as HTMLButtonElement).click();
    await settle();
    await settle();
    expect(backend.views.get("New one")?.group_by, "not replaced").toBe("kind");
    expect(find("[data-testid=view-name-error]").textContent).toContain("another name");

    find<HTMLButtonElement>("[data-testid=view-name-submit]").click();
    await settle();
    find<HTMLButtonElement>("[data-testid=confirm-accept]").click();
    await settle();
    await settle();
    expect(backend.views.get("New one")?.group_by, "replaced once confirmed").toBe("actor");
  });

  it("asks before deleting, with focus on Cancel", async () => {
    open();
    items().find((item) => item.dataset.testid === "view-delete")?.click();
    await settle();
    expect(document.activeElement?.getAttribute("data-testid")).toBe("confirm-cancel");
    (document.activeElement as HTMLButtonElement).click();
    await settle();
    expect(backend.views.has("<b>Bold</b>")).toBe(true);
    open();
    items().find((item) => item.dataset.testid === "view-delete")?.click();
    await settle();
    find<HTMLButtonElement>("[data-testid=confirm-accept]").click();
    await settle();
    await settle();
    expect(backend.views.has("<b>Bold</b>")).toBe(false);
  });
});
