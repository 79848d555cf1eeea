// @vitest-environment happy-dom
// File → Restore backup…: the list in words (local time, reason, events), the confirmation,
// what is sent to the backend, and text from the backend kept as text.
import { beforeEach, describe, expect, it } from "vitest";
import { BackendError } from "../src/api/errors";
import type { Backup, Restored } from "../src/api/types";
import { createFileMenu } from "../src/panels/file-menu";
import { backupEvents, backupReason, backupTime, NO_BACKUPS, restoredMessage, restoreQuestion } from "../src/transfer/backup-list";
import { createRestorer } from "../src/transfer/restore-dialog";
import { fakeToast, find, loadPage, settle } from "./page";

const XSS = "<img src=x onerror=alert(1)>";

/** A local wall-clock time as the backend sends it (UTC, RFC 3339). */
function utc(year: number, month: number, day: number, hour: number, minute: number): string {
  return new Date(year, month - 1, day, hour, minute).toISOString().replace(/\.000Z$/, "Z");
}

const NOW = new Date(2026, 11, 1, 21, 0);

function backup(name: string, takenAt: string, reason: Backup["reason"], events: number | null): Backup {
  return { name, taken_at: takenAt, reason, bytes: 123_456, events };
}

const BACKUPS: Backup[] = [
  backup("bilateral-b.db", utc(2026, 12, 1, 20, 15), "before-import", 1234),
  backup("bilateral-a.db", utc(2026, 11, 30, 9, 2), "before-upgrade", 1),
  backup("bilateral-0.db", utc(2026, 11, 3, 14, 0), "before-restore", null),
];

describe("backups in words", () => {
  it("says when in local time: today, yesterday, or the date", () => {
    expect(backupTime(utc(2026, 12, 1, 20, 15), NOW)).toBe("today at 20:15");
    expect(backupTime(utc(2026, 11, 30, 9, 2), NOW)).toBe("yesterday at 9:02");
    expect(backupTime(utc(2026, 11, 3, 14, 0), NOW)).toBe("3 November 2026 at 14:00");
    expect(backupTime(utc(2025, 12, 1, 20, 15), NOW), "a year ago is not today").toBe("1 December 2025 at 20:15");
    expect(backupTime("garbage", NOW)).toBe("garbage");
  });

  it("says why and how many events", () => {
    expect(backupReason("before-import")).toBe("Before an import");
    expect(backupReason("before-upgrade")).toBe("Before a dataset upgrade");
    expect(backupReason("before-restore")).toBe("Before a restore");
    expect(backupEvents(BACKUPS[1] as Backup)).toBe("1 event");
    expect(backupEvents(BACKUPS[2] as Backup)).toBe("cannot be read");
  });

  it("asks and reports in words", () => {
    const first = BACKUPS[0] as Backup;
    expect(restoreQuestion(first, NOW)).toContain("replaced by the backup from today at 20:15 and its 1234 events");
    expect(restoreQuestion(first, NOW)).toContain("backed up first");
    const restored: Restored = { events: 1234, saved: BACKUPS[2] as Backup };
    expect(restoredMessage(first, restored, NOW)).toBe(
      "Restored the backup from today at 20:15: 1234 events — what you had is kept as a backup",
    );
    expect(restoredMessage(first, { events: 2, saved: null }, NOW)).toBe("Restored the backup from today at 20:15: 2 events");
  });
});

beforeEach(loadPage);

function setUp(backups: Backup[], restore: (name: string) => Promise<Restored>) {
  const toast = fakeToast();
  const errors: unknown[] = [];
  const restored: Restored[] = [];
  const asked: string[] = [];
  const dialog = find<HTMLDialogElement>("[data-testid=restore-dialog]");
  const restorer = createRestorer(dialog, {
    list: async () => backups,
    restore: (name) => {
      asked.push(name);
      return restore(name);
    },
    toast,
    error: (error) => errors.push(error),
    restored: (done) => restored.push(done),
    now: () => NOW,
  });
  return { toast, errors, restored, asked, dialog, restorer };
}

describe("the Restore dialog", () => {
  it("is in the File menu", () => {
    const ran: string[] = [];
    createFileMenu(find("[data-testid=file-menu]"), { run: (command) => ran.push(command) });
    const item = find<HTMLButtonElement>("[data-testid=menu-restore]");
    expect(item.textContent?.trim()).toBe("Restore backup…");
    find<HTMLButtonElement>("[data-testid=file-menu-button]").click();
    item.click();
    expect(ran).toEqual(["restore"]);
  });

  it("lists the backups newest first, in words, the newest chosen", async () => {
    const { dialog, restorer } = setUp(BACKUPS, () => Promise.reject(new Error("not asked")));
    restorer.open();
    await settle();
    expect(dialog.open).toBe(true);
    const rows = Array.from(dialog.querySelectorAll("[data-testid=backup-row]")).map((row) => [
      row.querySelector("[data-testid=backup-time]")?.textContent?.trim(),
      row.querySelector("[data-testid=backup-reason]")?.textContent?.trim(),
      row.querySelector("[data-testid=backup-events]")?.textContent?.trim(),
    ]);
    expect(rows).toEqual([
      ["today at 20:15", "Before an import", "1234 events"],
      ["yesterday at 9:02", "Before a dataset upgrade", "1 event"],
      ["3 November 2026 at 14:00", "Before a restore", "cannot be read"],
    ]);
    const radios = Array.from(dialog.querySelectorAll<HTMLInputElement>("input[type=radio]"));
    expect(radios.map((r) => r.checked)).toEqual([true, false, false]);
    expect(document.activeElement, "focus starts on the chosen backup").toBe(radios[0]);
  });

  it("asks before restoring, then restores the chosen backup and reloads", async () => {
    const saved = BACKUPS[0] as Backup;
    const { toast, restored, asked, dialog, restorer } = setUp(BACKUPS, async () => ({ events: 1, saved }));
    restorer.open();
    await settle();
    const second = dialog.querySelectorAll<HTMLInputElement>("input[type=radio]")[1] as HTMLInputElement;
    second.click();
    find<HTMLButtonElement>("[data-testid=restore-submit]").click();
    expect(asked, "nothing is restored before the user confirms").toEqual([]);
    expect(find("[data-testid=restore-question]").textContent).toContain("the backup from yesterday at 9:02 and its 1 event");
    expect(document.activeElement?.getAttribute("data-testid"), "focus waits on Back, not on the destructive Restore").toBe("restore-back");

    find<HTMLButtonElement>("[data-testid=restore-back]").click();
    expect(dialog.querySelector("[data-testid=restore-question]"), "Back returns to the list").toBeNull();
    find<HTMLButtonElement>("[data-testid=restore-submit]").click();
    find<HTMLButtonElement>("[data-testid=restore-confirm]").click();
    await settle();
    expect(asked).toEqual(["bilateral-a.db"]);
    expect(dialog.open).toBe(false);
    expect(restored).toHaveLength(1);
    expect(toast.shown).toEqual(["Restored the backup from yesterday at 9:02: 1 event — what you had is kept as a backup"]);
  });

  it("shows a refusal from the backend and reloads nothing", async () => {
    const refusal = new BackendError({ code: "backup", message: `damaged ${XSS}`, field: null });
    const { errors, restored, dialog, restorer } = setUp(BACKUPS, () => Promise.reject(refusal));
    restorer.open();
    await settle();
    find<HTMLButtonElement>("[data-testid=restore-submit]").click();
    find<HTMLButtonElement>("[data-testid=restore-confirm]").click();
    await settle();
    expect(errors).toEqual([refusal]);
    expect(restored).toEqual([]);
    expect(dialog.open).toBe(false);
  });

  it("says when there is no backup yet, and offers nothing to restore", async () => {
    const { dialog, restorer } = setUp([], () => Promise.reject(new Error("not asked")));
    restorer.open();
    await settle();
    expect(find("[data-testid=restore-empty]").textContent).toBe(NO_BACKUPS);
    expect(dialog.querySelector("[data-testid=restore-submit]")).toBeNull();
    expect(find("[data-testid=restore-close]").textContent?.trim()).toBe("Close");
  });

  it("keeps text from the backend as text", async () => {
    const odd = backup(XSS, utc(2026, 12, 1, 20, 15), "before-import", 3);
    const { dialog, restorer } = setUp([{ ...odd, taken_at: XSS }], () => Promise.reject(new Error("not asked")));
    restorer.open();
    await settle();
    expect(dialog.querySelector("img"), "no markup from the backend is ever inserted").toBeNull();
    expect(find("[data-testid=backup-time]").textContent?.trim()).toBe(XSS);
    expect(find<HTMLInputElement>("input[type=radio]").value).toBe(XSS);
  });
});
