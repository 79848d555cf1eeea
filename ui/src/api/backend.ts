// The only module that talks to the Rust backend. Argument names match the
// #[tauri::command] signatures in src-tauri/src/commands.rs exactly.
import { Channel, invoke } from "@tauri-apps/api/core";
import { BackendError, toErrorPayload } from "./errors";
import type {
  ArticleAdded,
  ArticleFile,
  ArticleItem,
  ArticleRequest,
  Backup,
  BulkAnswer,
  BulkDeleteAnswer,
  BulkEdit,
  BulkTarget,
  Change,
  Era,
  Period,
  Event,
  EventLinks,
  LinkPair,
  ExportRequest,
  Extent,
  Extraction,
  Facets,
  Filter,
  ImportPlan,
  ImportReading,
  TransferProgress,
  ImportReport,
  OpenProblem,
  OpeningStep,
  HistoryState,
  Restored,
  SavedView,
  SavedViews,
  ViewsImported,
  SearchAnswer,
  SearchQuery,
  StoredEvent,
  TablePage,
  TablePositionQuery,
  TableQuery,
  Window,
  WindowQuery,
} from "./types";

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw new BackendError(toErrorPayload(error, command));
  }
}

/**
 * Window requests, and the search box's searches, are numbered: the backend skips or
 * interrupts a request once a newer one of the same kind arrives, answering it with the code
 * "superseded". The session is this page's own (a reload starts a new one), so the numbering
 * of a page that is gone never holds up this one.
 */
const pageSession = Math.floor(Math.random() * 2 ** 32);
let windowSeq = 0;
let searchSeq = 0;

/** True for the answer to a window request or search that a newer one replaced. */
export function isSuperseded(error: unknown): boolean {
  return error instanceof BackendError && error.payload.code === "superseded";
}

/**
 * Events overlapping [query.from, query.to] (and matching query.filter), with density buckets when there are too many.
 * Each call supersedes the calls before it: only the timeline asks for windows.
 */
export function windowEvents(query: WindowQuery): Promise<Window> {
  windowSeq += 1;
  return call<Window>("window_events", { query, seq: windowSeq, session: pageSession });
}

/** One page of the table view: the matching events sorted by a column, rows offset..offset + limit. */
export function tablePage(query: TableQuery): Promise<TablePage> {
  return call<TablePage>("table_page", { query });
}

/** The row an event has in the table's filter and sort; null when the filter leaves it out. */
export function tablePosition(query: TablePositionQuery): Promise<number | null> {
  return call<number | null>("table_position", { query });
}

/** The span of all events, or null when the store is empty. */
/** The days the events matching `filter` span (every event without one); null when none match. */
export function extent(filter?: Filter): Promise<Extent | null> {
  return call<Extent | null>("extent", filter ? { filter } : {});
}

/** The eras drawn behind the lanes (shipped with the app; answered without a database). */
export function eras(): Promise<Era[]> {
  return call<Era[]>("eras", {});
}

/** The user's periods, oldest first. */
export function periods(): Promise<Period[]> {
  return call<Period[]>("periods", {});
}

/** Adds a period (an empty id gets a fresh one); an undo step. */
export function createPeriod(period: Period): Promise<Period> {
  return call<Period>("create_period", { period });
}

export function updatePeriod(period: Period): Promise<Period> {
  return call<Period>("update_period", { period });
}

export function deletePeriod(id: string): Promise<void> {
  return call<void>("delete_period", { id });
}

export function getEvent(id: string): Promise<StoredEvent> {
  return call<StoredEvent>("get_event", { id });
}

/** The event's links both ways, each end with its title (null: that event was deleted). */
export function eventLinks(id: string): Promise<EventLinks> {
  return call<EventLinks>("event_links", { id });
}

/** The ids of the events reachable from `id` through links either way, itself included. */
export function eventThread(id: string): Promise<string[]> {
  return call<string[]>("event_thread", { id });
}

/** The links whose both ends are among `ids` (the events a view shows). */
export function linksAmong(ids: string[]): Promise<LinkPair[]> {
  return call<LinkPair[]>("links_among", { ids });
}

/**
 * Ranked full-text hits; matched terms in `snippet` sit between U+0002 and U+0003. A common
 * word's hits may be ranked among its most significant matches only (`ranked_among`).
 */
export function search(query: SearchQuery): Promise<SearchAnswer> {
  return call<SearchAnswer>("search", { query });
}

/**
 * A search as the user types: each call supersedes the searches before it, so the answer to
 * the last keystroke does not wait for theirs. Only the search box asks this way.
 */
export function searchAsTyped(query: SearchQuery): Promise<SearchAnswer> {
  searchSeq += 1;
  return call<SearchAnswer>("search", { query, seq: searchSeq, session: pageSession });
}

/** Kinds, actors and tags of the events matching `filter`, with counts. */
export function facets(filter: Filter): Promise<Facets> {
  return call<Facets>("facets", { filter });
}

// Writes answer what they changed: the events and how, and the history after the write.

/** Stores a new event; send `id: ""` and the backend assigns a UUID v7. */
export function createEvent(event: Event): Promise<Change> {
  return call<Change>("create_event", { event });
}

/** Replaces an event (a shipped one becomes `edited`). */
export function updateEvent(event: Event): Promise<Change> {
  return call<Change>("update_event", { event });
}

export function deleteEvent(id: string): Promise<Change> {
  return call<Change>("delete_event", { id });
}

/** One change to many events (the table's selection), in one transaction, undone in one step. */
export function bulkEdit(edit: BulkEdit): Promise<BulkAnswer> {
  return call<BulkAnswer>("bulk_edit", { edit });
}

/**
 * Deletes the table's selection in one transaction: one undo step, or (past the undo limit) a
 * backup first; `onProgress` hears how many events are deleted so far. Rejects with code
 * "cancelled" after bulkDeleteCancel (then nothing was deleted).
 */
export function bulkDelete(target: BulkTarget, onProgress: (progress: TransferProgress) => void = () => {}): Promise<BulkDeleteAnswer> {
  const progress = new Channel<TransferProgress>();
  progress.onmessage = onProgress;
  return call<BulkDeleteAnswer>("bulk_delete", { target, progress });
}

/** Asks a running bulk delete to stop; it rolls back and bulkDelete rejects with "cancelled". */
export function bulkDeleteCancel(): Promise<null> {
  return call<null>("bulk_delete_cancel", {});
}

/** Whether undo and redo have a step to take, for the toolbar after a bulk write (import, restore). */
export function history(): Promise<HistoryState> {
  return call<HistoryState>("history", {});
}

/** Undoes the last write of this session; null when there is nothing to undo. */
export function undo(): Promise<Change | null> {
  return call<Change | null>("undo", {});
}

/** Redoes the last undone write; null when there is nothing to redo. */
export function redo(): Promise<Change | null> {
  return call<Change | null>("redo", {});
}

/** Opens an http(s) URL in the system browser; the backend refuses anything else. */
export function openSource(url: string): Promise<void> {
  return call<void>("open_source", { url });
}

/**
 * Exports through the native save dialog (the backend shows it and writes the file):
 * the path written, or null when the user cancelled the dialog. Once the file is chosen,
 * reports how many events are written; rejects with code "cancelled" after exportCancel
 * (then no file was written).
 */
export function exportEvents(request: ExportRequest, onProgress: (progress: TransferProgress) => void): Promise<string | null> {
  const progress = new Channel<TransferProgress>();
  progress.onmessage = onProgress;
  return call<string | null>("export_events", { request, progress });
}

/** Asks a running export to stop. */
export function exportCancel(): Promise<null> {
  return call<null>("export_cancel", {});
}

/**
 * Lets the user pick files in the native open dialog and previews their import (nothing is
 * written): new / updated / unchanged counts and every rejected row. `onReading` hears how
 * far the reading has got; importCancel stops it. Null when the dialog or the reading was
 * cancelled.
 */
export function importPreview(onReading: (reading: ImportReading) => void): Promise<ImportPlan | null> {
  const progress = new Channel<ImportReading>();
  progress.onmessage = onReading;
  return call<ImportPlan | null>("import_preview", { progress });
}

/**
 * Writes the previewed import in one transaction, reporting progress as it goes; with
 * `skipRejected`, every row but those the preview rejected (else they refuse the import).
 * Rejects with code "cancelled" after importCancel (then nothing was written).
 */
export function importCommit(onProgress: (progress: TransferProgress) => void, skipRejected = false): Promise<ImportReport> {
  const progress = new Channel<TransferProgress>();
  progress.onmessage = onProgress;
  return call<ImportReport>("import_commit", { progress, skipRejected });
}

/** Asks a running import to stop; it rolls back and importCommit rejects with "cancelled". */
export function importCancel(): Promise<null> {
  return call<null>("import_cancel", {});
}

/** What opening the database at start is doing; null once it has ended. */
export function openingStep(): Promise<OpeningStep | null> {
  return call<OpeningStep | null>("opening_step", {});
}

/** Why the database could not be opened at start; null when one is open. */
export function startupProblem(): Promise<OpenProblem | null> {
  return call<OpenProblem | null>("startup_problem", {});
}

/** Picks another database in the native open dialog and opens it; null when cancelled. */
export function openDatabase(): Promise<string | null> {
  return call<string | null>("open_database", {});
}

/** Creates a new database where the user says (never over an existing file); null when cancelled. */
export function createDatabase(): Promise<string | null> {
  return call<string | null>("create_database", {});
}

export function quit(): Promise<null> {
  return call<null>("quit", {});
}

/** The automatic backups kept beside the database, newest first. */
export function listBackups(): Promise<Backup[]> {
  return call<Backup[]>("list_backups", {});
}

/**
 * Replaces the database with the backup called `name` (a name from listBackups), after the
 * backend has backed up the current state. The session's undo history is cleared.
 */
export function restoreBackup(name: string): Promise<Restored> {
  return call<Restored>("restore_backup", { name });
}

/**
 * Reads an article: its anchor date (detected, or `request.published`), every time expression
 * resolved against it, and candidate events matched against the stored ones. Writes nothing.
 */
export function extractArticle(request: ArticleRequest): Promise<Extraction> {
  return call<Extraction>("extract_article", { request });
}

/** Lets the user pick an article file (.txt, .html, .md) in the native open dialog; null when cancelled. */
export function openArticleFile(): Promise<ArticleFile | null> {
  return call<ArticleFile | null>("open_article_file", {});
}

/** Writes the accepted candidates in one transaction (all or nothing), undone in one step. */
export function addFromArticle(items: ArticleItem[]): Promise<ArticleAdded> {
  return call<ArticleAdded>("add_from_article", { items });
}

/** Every saved view by name, and those a newer release stored (listed, never dropped). */
export function savedViews(): Promise<SavedViews> {
  return call<SavedViews>("saved_views", {});
}

/** Saves a view; a name already saved answers `conflict` unless `replace`. */
export function saveView(view: SavedView, replace: boolean): Promise<SavedView> {
  return call<SavedView>("save_view", { view, replace });
}

/** Renames a saved view; answers the new name as stored (trimmed). */
export function renameView(name: string, newName: string): Promise<string> {
  return call<string>("rename_view", { name, newName });
}

export function deleteView(name: string): Promise<null> {
  return call<null>("delete_view", { name });
}

/** Writes every saved view to a file the user picks; null when cancelled. */
export function exportViews(): Promise<string | null> {
  return call<string | null>("export_views", {});
}

/** Imports the views of a file the user picks, all or nothing; null when cancelled. */
export function importViews(): Promise<ViewsImported | null> {
  return call<ViewsImported | null>("import_views", {});
}
