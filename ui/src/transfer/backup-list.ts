// Backups in words: when (in the user's own time zone, "today at 20:15"), why, and how many
// events, for the Restore dialog and its messages. Pure functions, tested without a DOM.
import type { Backup, BackupReason, Restored } from "../api/types";
import { formatEventCount, MONTH_NAMES } from "../format/date";

const REASONS: Record<BackupReason, string> = {
  "before-import": "Before an import",
  "before-upgrade": "Before a dataset upgrade",
  "before-restore": "Before a restore",
  "before-delete": "Before a delete",
};

export function backupReason(reason: BackupReason): string {
  return REASONS[reason];
}

const dayKey = (date: Date): string => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

/** `takenAt` (UTC, RFC 3339) in local words: "today at 20:15", "yesterday at 9:02", "3 November 2026 at 14:00". */
export function backupTime(takenAt: string, now: Date = new Date()): string {
  const taken = new Date(takenAt);
  if (Number.isNaN(taken.getTime())) return takenAt;
  const time = `${taken.getHours()}:${String(taken.getMinutes()).padStart(2, "0")}`;
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (dayKey(taken) === dayKey(now)) return `today at ${time}`;
  if (dayKey(taken) === dayKey(yesterday)) return `yesterday at ${time}`;
  const month = MONTH_NAMES[taken.getMonth()] ?? "";
  return `${taken.getDate()} ${month} ${taken.getFullYear()} at ${time}`;
}

export function backupEvents(backup: Backup): string {
  return backup.events === null ? "cannot be read" : formatEventCount(backup.events);
}

/** The question asked before a restore replaces everything. */
export function restoreQuestion(backup: Backup, now: Date = new Date()): string {
  const events = backup.events === null ? "" : ` and its ${formatEventCount(backup.events)}`;
  return (
    `The timeline will be replaced by the backup from ${backupTime(backup.taken_at, now)}${events}. ` +
    "What you have now is backed up first, so you can come back to it. Undo history is cleared."
  );
}

export function restoredMessage(backup: Backup, restored: Restored, now: Date = new Date()): string {
  const kept = restored.saved ? " — what you had is kept as a backup" : "";
  return `Restored the backup from ${backupTime(backup.taken_at, now)}: ${formatEventCount(restored.events)}${kept}`;
}

export const NO_BACKUPS =
  "No backups yet. Bilateral takes one before a dataset upgrade, before a large import and before a restore.";
