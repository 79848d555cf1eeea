// The header's "Views" menu: save the current view under a name, apply a saved one, rename or
// delete it, and carry the views to another database as a file. The keyboard works as in the
// File menu (file-menu.ts drives both). Names are the user's text: set with textContent only.
import type { SavedView, SavedViews, ViewsImported } from "../api/types";
import { toErrorPayload } from "../api/errors";
import { openModal } from "../forms/modal";
import type { ConfirmOptions } from "./confirm";
import { createFileMenu } from "./file-menu";
import { captureView, viewTarget, type CurrentView, type ViewTarget } from "./saved-view-model";
import type { Toast } from "./toast";

/** The backend calls the menu makes (api/backend.ts has them under these names). */
export interface ViewsBackend {
  savedViews(): Promise<SavedViews>;
  saveView(view: SavedView, replace: boolean): Promise<SavedView>;
  renameView(name: string, newName: string): Promise<string>;
  deleteView(name: string): Promise<unknown>;
  exportViews(): Promise<string | null>;
  importViews(): Promise<ViewsImported | null>;
}

export interface ViewsMenuDeps {
  backend: ViewsBackend;
  current(): CurrentView;
  apply(target: ViewTarget): void;
  confirm(options: ConfirmOptions): Promise<boolean>;
  toast: Toast;
  error(error: unknown): void;
}

export interface ViewsMenu {
  /** Reads the saved views again and redraws the list. */
  refresh(): Promise<void>;
}

/** The most characters a name takes (the core refuses longer ones). */
const MAX_NAME = 80;

function item(command: string, label: string, testId: string, extra?: (button: HTMLButtonElement) => void): HTMLLIElement {
  const li = document.createElement("li");
  li.setAttribute("role", "none");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "menu-item";
  button.setAttribute("role", "menuitem");
  button.tabIndex = -1;
  button.dataset.command = command;
  button.dataset.testid = testId;
  const text = document.createElement("span");
  text.className = "menu-label";
  text.textContent = label;
  button.append(text);
  extra?.(button);
  li.append(button);
  return li;
}

function separator(): HTMLLIElement {
  const li = document.createElement("li");
  li.setAttribute("role", "separator");
  li.className = "menu-separator";
  return li;
}

/** One saved view: its name applies it; Rename and Delete beside it. */
function viewRow(index: number, name: string, readable: boolean, why: string): HTMLLIElement {
  const li = document.createElement("li");
  li.setAttribute("role", "none");
  li.className = "view-row";
  const apply = item(`apply:${index}`, name, "view-apply", (button) => {
    button.classList.add("view-apply");
    if (!readable) {
      button.disabled = true;
      button.title = why;
      const note = document.createElement("span");
      note.className = "view-note";
      note.textContent = "newer version";
      button.append(note);
    }
  }).firstElementChild as HTMLButtonElement;
  const rename = item(`rename:${index}`, "Rename", "view-rename", (button) => {
    button.classList.add("view-action");
    button.setAttribute("aria-label", `Rename “${name}”`);
  }).firstElementChild as HTMLButtonElement;
  const remove = item(`delete:${index}`, "Delete", "view-delete", (button) => {
    button.classList.add("view-action");
    button.setAttribute("aria-label", `Delete “${name}”`);
  }).firstElementChild as HTMLButtonElement;
  li.append(apply, rename, remove);
  return li;
}

interface NameRequest {
  title: string;
  initial: string;
  submitLabel: string;
  /** Does the work; answers a message to show (the dialog stays open) or null to close. */
  submit(name: string): Promise<string | null>;
}

/** A small modal asking for a name; errors show under the field and leave it open. */
function askName(dialog: HTMLDialogElement, request: NameRequest): void {
  dialog.replaceChildren();
  const form = document.createElement("form");
  form.method = "dialog";
  form.className = "dialog-body view-name-form";
  const heading = document.createElement("h2");
  heading.className = "dialog-title";
  heading.id = "view-name-heading";
  heading.textContent = request.title;
  const label = document.createElement("label");
  label.htmlFor = "view-name-input";
  label.textContent = "Name";
  const input = document.createElement("input");
  input.id = "view-name-input";
  input.className = "field";
  input.type = "text";
  input.maxLength = MAX_NAME;
  input.required = true;
  input.autocomplete = "off";
  input.value = request.initial;
  input.dataset.testid = "view-name-input";
  input.setAttribute("aria-describedby", "view-name-error");
  const problem = document.createElement("p");
  problem.className = "form-error";
  problem.id = "view-name-error";
  problem.dataset.testid = "view-name-error";
  problem.hidden = true;
  const actions = document.createElement("div");
  actions.className = "dialog-actions";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "button";
  cancel.textContent = "Cancel";
  cancel.dataset.testid = "view-name-cancel";
  cancel.addEventListener("click", () => dialog.close());
  const submit = document.createElement("button");
  submit.type = "submit";
  submit.className = "button primary";
  submit.textContent = request.submitLabel;
  submit.dataset.testid = "view-name-submit";
  actions.append(cancel, submit);
  form.append(heading, label, input, problem, actions);
  dialog.append(form);
  dialog.setAttribute("aria-labelledby", "view-name-heading");

  const show = (message: string | null): void => {
    problem.textContent = message ?? "";
    problem.hidden = message === null;
    input.setAttribute("aria-invalid", message === null ? "false" : "true");
  };
  let busy = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    const name = input.value.trim();
    if (name === "") {
      show("A saved view needs a name.");
      input.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    void request
      .submit(name)
      .then((message) => {
        if (message === null) dialog.close();
        else {
          show(message);
          input.focus();
        }
      })
      .finally(() => {
        busy = false;
        submit.disabled = false;
      });
  });
  openModal(dialog, {
    initialFocus: () => {
      input.select();
      return input;
    },
  });
}

export function createViewsMenu(root: HTMLElement, nameDialog: HTMLDialogElement, deps: ViewsMenuDeps): ViewsMenu {
  const list = root.querySelector<HTMLElement>("[role=menu]");
  if (!list) throw new Error("Views menu markup lacks its list");
  let saved: SavedViews = { views: [], unreadable: [] };
  /** The names in the order drawn: a row's command carries its index here. */
  let listed: string[] = [];

  const draw = (): void => {
    const rows: HTMLLIElement[] = [item("save", "Save current view…", "views-save")];
    const all = [
      ...saved.views.map((view) => ({ name: view.name, readable: true, why: "" })),
      ...saved.unreadable.map((view) => ({ name: view.name, readable: false, why: view.message })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    if (all.length > 0) rows.push(separator());
    all.forEach((view, index) => rows.push(viewRow(index, view.name, view.readable, view.why)));
    rows.push(separator(), item("export", "Export views…", "views-export"), item("import", "Import views…", "views-import"));
    list.replaceChildren(...rows);
    listed = all.map((view) => view.name);
  };

  const refresh = (): Promise<void> =>
    deps.backend
      .savedViews()
      .then((views) => {
        saved = views;
        draw();
      })
      .catch((error: unknown) => deps.error(error));

  const message = (error: unknown): string => toErrorPayload(error).message;

  const saveCurrent = (): void => {
    askName(nameDialog, {
      title: "Save current view",
      initial: "",
      submitLabel: "Save",
      submit: async (name) => {
        const view = captureView(name, deps.current());
        try {
          await deps.backend.saveView(view, false);
        } catch (error) {
          if (toErrorPayload(error).code !== "conflict") return message(error);
          const replace = await deps.confirm({
            title: `Replace “${view.name}”?`,
            message: "A view of this name is saved already. Replacing it keeps only the current view.",
            confirmLabel: "Replace",
            danger: true,
          });
          if (!replace) return "Choose another name, or save again to replace it.";
          try {
            await deps.backend.saveView(view, true);
          } catch (again) {
            return message(again);
          }
        }
        deps.toast.show(`Saved the view “${view.name}”`);
        await refresh();
        return null;
      },
    });
  };

  const rename = (name: string): void => {
    askName(nameDialog, {
      title: `Rename “${name}”`,
      initial: name,
      submitLabel: "Rename",
      submit: async (newName) => {
        try {
          await deps.backend.renameView(name, newName);
        } catch (error) {
          return message(error);
        }
        await refresh();
        return null;
      },
    });
  };

  const remove = async (name: string): Promise<void> => {
    const sure = await deps.confirm({
      title: `Delete the view “${name}”?`,
      message: "The saved view is deleted; no event changes.",
      confirmLabel: "Delete",
      danger: true,
    });
    if (!sure) return;
    try {
      await deps.backend.deleteView(name);
      deps.toast.show(`Deleted the view “${name}”`);
    } catch (error) {
      deps.error(error);
    }
    await refresh();
  };

  const apply = (name: string): void => {
    const view = saved.views.find((candidate) => candidate.name === name);
    if (view) deps.apply(viewTarget(view));
  };

  const transfer = async (command: "export" | "import"): Promise<void> => {
    try {
      if (command === "export") {
        const path = await deps.backend.exportViews();
        if (path !== null) deps.toast.show(`Exported the saved views to ${path}`);
        return;
      }
      const imported = await deps.backend.importViews();
      if (imported === null) return;
      const replaced = imported.replaced.length > 0 ? ` (${imported.replaced.length} replaced)` : "";
      const count = imported.added.length + imported.replaced.length;
      deps.toast.show(`Imported ${count} ${count === 1 ? "view" : "views"}${replaced}`);
      await refresh();
    } catch (error) {
      deps.error(error);
    }
  };

  createFileMenu(root, {
    run: (command) => {
      const [verb, at] = command.split(":");
      const name = at === undefined ? undefined : listed[Number(at)];
      if (verb === "save") saveCurrent();
      else if (verb === "export" || verb === "import") void transfer(verb);
      else if (name === undefined) return;
      else if (verb === "apply") apply(name);
      else if (verb === "rename") rename(name);
      else if (verb === "delete") void remove(name);
    },
  });
  draw();
  void refresh();
  return { refresh };
}
