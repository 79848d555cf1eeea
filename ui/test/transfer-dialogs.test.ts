// @vitest-environment happy-dom
// The File menu, the Export dialog and the import preview in a DOM: keyboard paths, what is
// sent to the backend, the rejection table, the progress bar, and file text kept as text.
import { beforeEach, describe, expect, it } from "vitest";
import { BackendError } from "../src/api/errors";
import type { ExportRequest, ImportPlan, ImportReading, ImportReport, TransferProgress } from "../src/api/types";
import { utcMs } from "../src/format/partial-date";
import { emptyFilter } from "../src/panels/filter-model";
import { createFileMenu } from "../src/panels/file-menu";
import { createExportDialog } from "../src/transfer/export-dialog";
import { createImporter, READING_SHOWN_AFTER_MS } from "../src/transfer/import-dialog";
import { CANCELLED_MESSAGE } from "../src/transfer/import-plan";
import { fakeToast, find, loadPage, settle } from "./page";

const XSS = "<img src=x onerror=alert(1)>";

beforeEach(loadPage);

function key(target: Element, name: string): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true }));
}

describe("the File menu", () => {
  it("opens on the first item, moves with the arrows, runs with a click, closes with Esc", () => {
    const ran: string[] = [];
    createFileMenu(find("[data-testid=file-menu]"), { run: (command) => ran.push(command) });
    const button = find<HTMLButtonElement>("[data-testid=file-menu-button]");
    const list = find<HTMLElement>("[role=menu]");
    expect(list.hidden).toBe(true);
    key(button, "ArrowDown");
    expect(list.hidden).toBe(false);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("menu-article");
    key(document.activeElement as Element, "ArrowDown");
    expect(document.activeElement?.getAttribute("data-testid"), "the separator is skipped").toBe("menu-export");
    key(document.activeElement as Element, "ArrowDown");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("menu-import");
    key(document.activeElement as Element, "ArrowDown");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("menu-restore");
    key(document.activeElement as Element, "ArrowDown");
    expect(document.activeElement?.getAttribute("data-testid"), "wraps around").toBe("menu-article");
    key(document.activeElement as Element, "End");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("menu-restore");
    key(document.activeElement as Element, "e");
    expect(document.activeElement?.getAttribute("data-testid"), "a letter jumps to its item").toBe("menu-export");
    key(document.activeElement as Element, "n");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("menu-article");
    key(document.activeElement as Element, "Escape");
    expect(list.hidden).toBe(true);
    expect(document.activeElement).toBe(button);

    key(button, "ArrowUp");
    expect(document.activeElement?.getAttribute("data-testid"), "↑ opens on the last item").toBe("menu-restore");
    key(document.activeElement as Element, "ArrowUp");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("menu-import");
    (document.activeElement as HTMLElement).click();
    expect(ran).toEqual(["import"]);
    expect(list.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
  });
});

describe("the Export dialog", () => {
  const domain: [number, number] = [utcMs(2023, 1, 1) + 3_600_000, utcMs(2023, 7, 1) - 3_600_000];

  type Answer = string | null | Error | ((onProgress: (progress: TransferProgress) => void) => Promise<string | null>);

  function setUp(answer: Answer, selected: { id: string; title: string } | null = null, counts = { all: 448, view: 7 }) {
    const requests: ExportRequest[] = [];
    const counted: unknown[] = [];
    const errors: unknown[] = [];
    let cancels = 0;
    const toast = fakeToast();
    const dialog = find<HTMLDialogElement>("[data-testid=export-dialog]");
    const exporter = createExportDialog(dialog, {
      exportEvents: async (request, onProgress) => {
        requests.push(request);
        if (answer instanceof Error) throw answer;
        if (typeof answer === "function") return answer(onProgress);
        return answer;
      },
      cancel: async () => {
        cancels += 1;
      },
      count: async (filter) => {
        counted.push(filter);
        // Every event when no filter is given; 7 in the view.
        return Object.values(filter).every((v) => v === undefined || (Array.isArray(v) && v.length === 0)) ? counts.all : counts.view;
      },
      view: () => ({ filter: { ...emptyFilter(), kinds: ["summit"] }, domain, selected }),
      toast,
      error: (error) => errors.push(error),
      store: null,
    });
    return { requests, counted, errors, toast, dialog, exporter, cancels: () => cancels };
  }

  it("exports the current view as Bilateral JSON and names the file in a toast", async () => {
    const { requests, counted, toast, dialog, exporter } = setUp("/tmp/out/view.json");
    exporter.open();
    await settle();
    expect(dialog.open).toBe(true);
    expect(counted).toContainEqual({ kinds: ["summit"], sides: [], actors: [], tags: [], from: "2023-01-01", to: "2023-06-30" });
    expect(find("[data-testid=export-scope-view]").closest("label")?.textContent).toContain("The current view: 7 events");
    expect(document.querySelector("[data-testid=export-scope-selected]"), "nothing is selected").toBeNull();
    expect(find<HTMLInputElement>("[data-testid=export-format-json]").checked).toBe(true);
    expect(document.querySelector("[data-testid=export-width]"), "no size for JSON").toBeNull();
    find<HTMLButtonElement>("[data-testid=export-submit]").click();
    await settle();
    expect(requests).toEqual([{ format: "json", ids: [], filter: { kinds: ["summit"], sides: [], actors: [], tags: [], from: "2023-01-01", to: "2023-06-30" } }]);
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual(["Exported 7 events to view.json"]);
  });

  it("exports every event as a PDF when All events is chosen, whatever the view's filter", async () => {
    const { requests, toast, exporter } = setUp("/tmp/out/all.pdf");
    exporter.open();
    await settle();
    const all = find<HTMLInputElement>("[data-testid=export-scope-all]");
    expect(all.closest("label")?.textContent).toContain("All events: 448 events");
    const pdf = find<HTMLInputElement>("[data-testid=export-format-pdf]");
    expect(pdf.closest("label")?.textContent).toContain("PDF document");
    pdf.checked = true;
    pdf.dispatchEvent(new Event("change", { bubbles: true }));
    expect(document.querySelector("[data-testid=export-width]"), "no picture size for a PDF").toBeNull();
    all.checked = true;
    all.dispatchEvent(new Event("change", { bubbles: true }));
    find<HTMLButtonElement>("[data-testid=export-submit]").click();
    await settle();
    expect(requests).toEqual([{ format: "pdf", ids: [], filter: emptyFilter() }]);
    expect(toast.shown).toEqual(["Exported 448 events to all.pdf"]);
  });

  it("asks for a size for pictures, 1600 × 900 at first, and refuses one out of range", async () => {
    const { requests, exporter } = setUp("/tmp/t.png");
    exporter.open();
    await settle();
    const png = find<HTMLInputElement>("[data-testid=export-format-png]");
    png.checked = true;
    png.dispatchEvent(new Event("change", { bubbles: true }));
    const width = find<HTMLInputElement>("[data-testid=export-width]");
    expect(width.value).toBe("1600");
    expect(find<HTMLInputElement>("[data-testid=export-height]").value).toBe("900");
    width.value = "50";
    width.dispatchEvent(new Event("input", { bubbles: true }));
    expect(find<HTMLButtonElement>("[data-testid=export-submit]").disabled).toBe(true);
    expect(find("[data-testid=export-dialog] .form-error").textContent).toContain("320 to 8000");
    width.value = "1200";
    width.dispatchEvent(new Event("input", { bubbles: true }));
    find<HTMLButtonElement>("[data-testid=export-submit]").click();
    await settle();
    expect(requests[0]).toMatchObject({ format: "png", width: 1200, height: 900 });
  });

  it("exports only the selected event when asked, and stays open when the save dialog is cancelled", async () => {
    const { requests, toast, dialog, exporter } = setUp(null, { id: "ev-1", title: XSS });
    exporter.open();
    await settle();
    const selected = find<HTMLInputElement>("[data-testid=export-scope-selected]");
    expect(selected.closest("label")?.textContent, "the title is text").toContain(XSS);
    expect(dialog.querySelector("img")).toBeNull();
    selected.checked = true;
    selected.dispatchEvent(new Event("change", { bubbles: true }));
    find<HTMLButtonElement>("[data-testid=export-submit]").click();
    await settle();
    expect(requests[0]).toMatchObject({ ids: ["ev-1"], filter: emptyFilter() });
    expect(dialog.open, "a cancelled save dialog leaves the choices as they were").toBe(true);
    expect(toast.shown).toEqual([]);
    expect(find<HTMLButtonElement>("[data-testid=export-submit]").disabled).toBe(false);
  });

  it("shows the writing's progress once the file is chosen, then names the file", async () => {
    let progress: (p: TransferProgress) => void = () => {};
    let written: (path: string) => void = () => {};
    const { toast, dialog, exporter } = setUp((onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => {
        written = resolve;
      });
    });
    exporter.open();
    await settle();
    find<HTMLButtonElement>("[data-testid=export-submit]").click();
    await settle();
    // The save dialog is up: no bar yet, and nothing to cancel here.
    expect(document.querySelector("[data-testid=export-progress]")).toBeNull();
    expect(dialog.textContent).toContain("Choose where to save the file…");
    progress({ done: 0, total: 1_000_000 });
    expect(find("[role=progressbar]").getAttribute("aria-valuenow")).toBe("0");
    progress({ done: 250_000, total: 1_000_000 });
    expect(find("[role=progressbar]").getAttribute("aria-valuenow")).toBe("25");
    expect(find(".progress-text").textContent).toContain("Exporting… 250,000 of 1,000,000 events");
    expect(find<HTMLButtonElement>("[data-testid=export-stop]").disabled).toBe(false);
    expect(find<HTMLButtonElement>("[data-testid=export-submit]").disabled).toBe(true);
    written("/tmp/out/everything.csv");
    await settle();
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual(["Exported 7 events to everything.csv"]);
  });

  it("cancels a long export: asks the backend to stop and says no file was written", async () => {
    let progress: (p: TransferProgress) => void = () => {};
    let fail: (error: unknown) => void = () => {};
    const { toast, errors, dialog, exporter, cancels } = setUp((onProgress) => {
      progress = onProgress;
      return new Promise((_, reject) => {
        fail = reject;
      });
    });
    exporter.open();
    await settle();
    find<HTMLButtonElement>("[data-testid=export-submit]").click();
    await settle();
    progress({ done: 10_000, total: 1_000_000 });
    find<HTMLButtonElement>("[data-testid=export-stop]").click();
    expect(cancels()).toBe(1);
    expect(find<HTMLButtonElement>("[data-testid=export-stop]").disabled).toBe(true);
    expect(find(".progress-text").textContent).toContain("Cancelling… no file will be written");
    // A second click does not ask again.
    find<HTMLButtonElement>("[data-testid=export-stop]").click();
    expect(cancels()).toBe(1);
    fail(new BackendError({ code: "cancelled", message: "the export was cancelled; no file was written", field: null }));
    await settle();
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual(["Export cancelled — no file was written"]);
    expect(errors).toEqual([]);
  });

  it("will not lay out a PDF of more events than one holds, and says what to do", async () => {
    const { requests, exporter } = setUp("/tmp/big.pdf", null, { all: 1_000_448, view: 20_000 });
    exporter.open();
    await settle();
    const pdf = find<HTMLInputElement>("[data-testid=export-format-pdf]");
    pdf.checked = true;
    pdf.dispatchEvent(new Event("change", { bubbles: true }));
    expect(document.querySelector("[data-testid=export-too-many]"), "the view fits").toBeNull();
    expect(find<HTMLButtonElement>("[data-testid=export-submit]").disabled).toBe(false);
    const all = find<HTMLInputElement>("[data-testid=export-scope-all]");
    all.checked = true;
    all.dispatchEvent(new Event("change", { bubbles: true }));
    expect(find("[data-testid=export-too-many]").textContent).toContain("A PDF holds at most 25,000 events, and these are 1,000,448");
    expect(find<HTMLButtonElement>("[data-testid=export-submit]").disabled).toBe(true);
    // CSV carries any number.
    const csv = find<HTMLInputElement>("[data-testid=export-format-csv]");
    csv.checked = true;
    csv.dispatchEvent(new Event("change", { bubbles: true }));
    expect(document.querySelector("[data-testid=export-too-many]")).toBeNull();
    find<HTMLButtonElement>("[data-testid=export-submit]").click();
    await settle();
    expect(requests).toEqual([{ format: "csv", ids: [], filter: emptyFilter() }]);
  });

  it("closes and reports a failure to the error banner", async () => {
    const failure = new BackendError({ code: "write", message: "disk full", field: null });
    const { errors, dialog, exporter } = setUp(failure);
    exporter.open();
    await settle();
    find<HTMLButtonElement>("[data-testid=export-submit]").click();
    await settle();
    expect(dialog.open).toBe(false);
    expect(errors).toEqual([failure]);
  });
});

describe("the import preview", () => {
  const plan = (change: Partial<ImportPlan> = {}): ImportPlan => ({
    file: "colleague.csv",
    format: "csv",
    new: 2,
    updated: 1,
    unchanged: 0,
    rejected: [],
    fields: ["title", "summary", "dates", "kind", "actors", "location", "tags", "sources"],
    duplicates: [],
    periods: 0,
    ...change,
    rejected_count: change.rejected_count ?? change.rejected?.length ?? 0,
  });

  function setUp(
    preview: ImportPlan | null,
    commit: (onProgress: (p: TransferProgress) => void, skipRejected: boolean) => Promise<ImportReport>,
  ) {
    const toast = fakeToast();
    const errors: unknown[] = [];
    const imported: ImportReport[] = [];
    let cancels = 0;
    const dialog = find<HTMLDialogElement>("[data-testid=import-dialog]");
    const importer = createImporter(dialog, {
      preview: async () => preview,
      commit,
      cancel: async () => {
        cancels += 1;
      },
      toast,
      error: (error) => errors.push(error),
      imported: (report) => imported.push(report),
    });
    return { toast, errors, imported, dialog, importer, cancels: () => cancels };
  }

  /** An importer whose preview reads slowly: the test says what it has read and when it ends. */
  function slowReading() {
    const toast = fakeToast();
    const errors: unknown[] = [];
    let cancels = 0;
    let hear: (reading: ImportReading) => void = () => {};
    let end: (plan: ImportPlan | null) => void = () => {};
    const dialog = find<HTMLDialogElement>("[data-testid=import-dialog]");
    const importer = createImporter(dialog, {
      preview: (onReading) => {
        hear = onReading;
        return new Promise((resolve) => {
          end = resolve;
        });
      },
      commit: () => Promise.reject(new Error("must not be called")),
      cancel: async () => {
        cancels += 1;
      },
      toast,
      error: (error) => errors.push(error),
      imported: () => {},
    });
    const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    return { toast, errors, dialog, importer, hear: (r: ImportReading) => hear(r), end: (p: ImportPlan | null) => end(p), cancels: () => cancels, wait };
  }

  it("shows a long reading with its progress and Cancel, then its preview", async () => {
    const { dialog, importer, hear, end, wait } = slowReading();
    importer.start();
    hear({ file: "3 GDELT exports", unit: "rows", items: 0, files_done: 0, files: 3 });
    await settle();
    expect(dialog.open, "a reading that may be quick is not shown at once").toBe(false);
    await wait(READING_SHOWN_AFTER_MS + 50);
    expect(dialog.open).toBe(true);
    expect(find("[data-testid=import-file]").textContent).toBe("3 GDELT exports");
    hear({ file: "3 GDELT exports", unit: "rows", items: 0, files_done: 2, files: 3 });
    await settle();
    expect(find("[data-testid=import-reading]").getAttribute("aria-valuenow")).toBe("66");
    expect(find("[data-testid=import-reading]").parentElement?.textContent).toContain("Reading… 2 of 3 files");
    end(plan({ file: "3 GDELT exports" }));
    await settle();
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector("[data-testid=import-reading]"), "the preview replaces the reading").toBeNull();
    expect(find("[data-testid=import-submit]").textContent?.trim()).toBe("Import 3 events");
  });

  it("stops a reading on Cancel (or Esc) and says nothing was written", async () => {
    const { dialog, importer, hear, end, wait, cancels, toast } = slowReading();
    importer.start();
    hear({ file: "events.json", unit: "events", items: 0, files_done: 0, files: 1 });
    await wait(READING_SHOWN_AFTER_MS + 50);
    hear({ file: "events.json", unit: "events", items: 412_000, files_done: 0, files: 1 });
    await settle();
    expect(find("[data-testid=import-reading]").textContent).toBe("Reading… 412,000 events so far");
    key(dialog, "Escape");
    dialog.dispatchEvent(new Event("cancel", { cancelable: true }));
    await settle();
    expect(cancels()).toBe(1);
    expect(dialog.open, "the dialog waits for the reading to stop").toBe(true);
    expect(find("[data-testid=import-reading]").textContent).toBe("Cancelling… nothing will be written");
    expect(find<HTMLButtonElement>("[data-testid=import-cancel]").disabled).toBe(true);
    end(null);
    await settle();
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual([CANCELLED_MESSAGE]);
  });

  it("keeps to a Cancel pressed as the reading finished: no preview, nothing written", async () => {
    const { dialog, importer, hear, end, wait, cancels, toast } = slowReading();
    importer.start();
    hear({ file: "events.json", unit: "events", items: 0, files_done: 0, files: 1 });
    await wait(READING_SHOWN_AFTER_MS + 50);
    find<HTMLButtonElement>("[data-testid=import-cancel]").click();
    end(plan());
    await settle();
    expect(cancels()).toBe(1);
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual([CANCELLED_MESSAGE]);
  });

  it("opens a quick preview without showing its reading first", async () => {
    const { dialog, importer, hear, end, wait } = slowReading();
    importer.start();
    hear({ file: "colleague.csv", unit: "events", items: 3, files_done: 0, files: 1 });
    end(plan());
    await settle();
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector("[data-testid=import-reading]")).toBeNull();
    await wait(READING_SHOWN_AFTER_MS + 50);
    expect(dialog.querySelector("[data-testid=import-reading]"), "nor later").toBeNull();
    expect(find("[data-testid=import-submit]")).toBeTruthy();
  });

  it("lists every rejected row with its place and field, and will not import", async () => {
    const { dialog, importer } = setUp(
      plan({
        file: XSS,
        rejected: [
          { at: { line: 3 }, field: "start", message: `no such day: 2023-02-30 ${XSS}` },
          { at: { item: 0 }, field: "event", message: "not an object" },
        ],
      }),
      () => Promise.reject(new Error("must not be called")),
    );
    importer.start();
    await settle();
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector("img"), "file text stays text").toBeNull();
    expect(find("[data-testid=import-file]").textContent).toBe(XSS);
    const rows = Array.from(dialog.querySelectorAll("[data-testid=rejection]")).map((row) =>
      Array.from(row.querySelectorAll("td")).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ["item 1", "whole event", "not an object"],
      ["line 3", "start", `no such day: 2023-02-30 ${XSS}`],
    ]);
    expect(find<HTMLButtonElement>("[data-testid=import-submit]").disabled).toBe(true);
    expect(find("[data-testid=import-blocked]").textContent).toContain("Nothing will be written until the file is fixed");
    expect(find("[data-testid=import-rejected]").textContent).toBe("2");
  });

  it("imports the rest, leaving the rejected rows out, only once the user says so", async () => {
    const asked: boolean[] = [];
    const { toast, dialog, importer } = setUp(
      plan({ new: 5, updated: 0, unchanged: 0, rejected: [{ at: { line: 4 }, field: "Day (column 2)", message: "no such day" }] }),
      (_, skipRejected) => {
        asked.push(skipRejected);
        return Promise.resolve({ created: 5, updated: 0, unchanged: 0, ids: [], undoable: true, periods: 0, skipped: 1 });
      },
    );
    importer.start();
    await settle();
    const submit = find<HTMLButtonElement>("[data-testid=import-submit]");
    expect(submit.disabled).toBe(true);
    expect(find("[data-testid=import-blocked]").textContent).toContain("or leave it out and import the rest");
    const skip = find<HTMLInputElement>("[data-testid=import-skip] input");
    expect(skip.checked).toBe(false);
    expect(find("[data-testid=import-skip]").textContent).toContain("Leave out the row listed below and import the rest");
    skip.click();
    await settle();
    expect(find<HTMLButtonElement>("[data-testid=import-submit]").disabled).toBe(false);
    expect(dialog.querySelector("[data-testid=import-blocked]"), "nothing blocks it now").toBeNull();
    expect(dialog.querySelectorAll("[data-testid=rejection]"), "what is left out stays listed").toHaveLength(1);
    expect(find("[data-testid=import-submit]").textContent?.trim()).toBe("Import 5 events");
    find<HTMLButtonElement>("[data-testid=import-submit]").click();
    await settle();
    expect(asked).toEqual([true]);
    expect(toast.shown).toEqual(["Imported: 5 new, 0 updated, 1 row left out · Undo takes it all back"]);
  });

  it("offers no way past rejected rows when nothing else would be imported", async () => {
    const { dialog, importer } = setUp(
      plan({ new: 0, updated: 0, unchanged: 0, rejected: [{ at: { line: 2 }, field: "start", message: "bad" }] }),
      () => Promise.reject(new Error("must not be called")),
    );
    importer.start();
    await settle();
    expect(dialog.querySelector("[data-testid=import-skip]")).toBeNull();
    expect(find("[data-testid=import-blocked]").textContent).not.toContain("leave it out");
  });

  it("imports with a progress bar, then closes and says what it did", async () => {
    let report: (value: ImportReport) => void = () => {};
    let progress: (p: TransferProgress) => void = () => {};
    const { toast, imported, dialog, importer } = setUp(plan(), (onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => {
        report = resolve;
      });
    });
    importer.start();
    await settle();
    const submit = find<HTMLButtonElement>("[data-testid=import-submit]");
    expect(submit.textContent?.trim()).toBe("Import 3 events");
    submit.click();
    const bar = find("[role=progressbar]");
    expect(bar.getAttribute("aria-valuenow")).toBe("0");
    progress({ done: 2, total: 3 });
    expect(find("[role=progressbar]").getAttribute("aria-valuenow")).toBe("66");
    expect(dialog.textContent).toContain("2 of 3 events");
    expect(find("[data-testid=import-cancel]").textContent?.trim()).toBe("Cancel import");
    // Every event written: the bar is full and says what is left, and Cancel still works.
    progress({ done: 3, total: 3 });
    expect(find(".progress-text").textContent).toContain("Finishing… indexing 3 events for search");
    expect(find<HTMLButtonElement>("[data-testid=import-cancel]").disabled).toBe(false);
    report({ created: 2, updated: 1, unchanged: 0, ids: ["a", "b", "c"], undoable: true, periods: 0, skipped: 0 });
    await settle();
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual(["Imported: 2 new, 1 updated · Undo takes it all back"]);
    expect(imported).toHaveLength(1);
  });

  it("cancels: asks the backend to stop and says nothing was written", async () => {
    let fail: (error: unknown) => void = () => {};
    const { toast, errors, imported, dialog, importer, cancels } = setUp(
      plan(),
      () =>
        new Promise((_, reject) => {
          fail = reject;
        }),
    );
    importer.start();
    await settle();
    find<HTMLButtonElement>("[data-testid=import-submit]").click();
    find<HTMLButtonElement>("[data-testid=import-cancel]").click();
    expect(cancels()).toBe(1);
    expect(find<HTMLButtonElement>("[data-testid=import-cancel]").disabled).toBe(true);
    fail({ code: "cancelled", message: "cancelled", field: null });
    await settle();
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual(["Import cancelled — nothing was written"]);
    expect(errors).toEqual([]);
    expect(imported).toEqual([]);
  });

  it("says so when a cancel came too late and the import landed", async () => {
    let report: (value: ImportReport) => void = () => {};
    const { toast, imported, dialog, importer, cancels } = setUp(
      plan(),
      () =>
        new Promise((resolve) => {
          report = resolve;
        }),
    );
    importer.start();
    await settle();
    find<HTMLButtonElement>("[data-testid=import-submit]").click();
    find<HTMLButtonElement>("[data-testid=import-cancel]").click();
    expect(cancels()).toBe(1);
    expect(dialog.textContent).toContain("Cancelling… nothing will be written");
    // The backend was committing: the import comes back done, not cancelled.
    report({ created: 3, updated: 0, unchanged: 0, ids: ["a", "b", "c"], undoable: true, periods: 0, skipped: 0 });
    await settle();
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual([
      "Too late to cancel, the import had finished. Imported: 3 new, 0 updated · Undo takes it all back",
    ]);
    expect(imported).toHaveLength(1);
  });

  it("does nothing when the open dialog is cancelled", async () => {
    const { toast, errors, dialog, importer } = setUp(null, () => Promise.reject(new Error("no")));
    importer.start();
    await settle();
    expect(dialog.open).toBe(false);
    expect(toast.shown).toEqual([]);
    expect(errors).toEqual([]);
  });
});
