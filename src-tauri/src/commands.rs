//! The IPC surface. Each command converts its arguments and errors and delegates to the core.
//! Events arrive as raw JSON so that a bad field comes back as `{code, message, field}`
//! rather than as Tauri's argument error.

use bilateral_core::readers::{Answer, Lane, Ticket};
use bilateral_core::{
    model::check_web_url, BulkAnswer, BulkDeleteAnswer, BulkEdit, BulkTarget, Change, Event,
    EventLinks, Extent, Facets, Filter, HistoryState, LinkPair, SearchAnswer, SearchQuery, Store,
    StoredEvent, TablePage, TablePositionQuery, TableQuery, Window, WindowQuery,
};
use std::sync::atomic::Ordering;

use bilateral_core::article_input::{self, ArticleFile};
use bilateral_core::article_items::{ArticleAdded, ArticleItem};
use bilateral_core::backup::{self, Backup, Restored};
use bilateral_core::eras::Era;
use bilateral_core::identity::OpenProblem;
use bilateral_core::import::ImportReport;
use bilateral_core::ingest::{ArticleRequest, Extraction};
use bilateral_core::opening::OpeningStep;
use bilateral_core::periods::Period;
use bilateral_core::saved_views::{self, SavedView, SavedViews, ViewsImported};
use bilateral_core::transfer::{ExportRequest, ImportPlan, ImportReading, TransferProgress};
use serde_json::Value;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::database;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use crate::{deleting, files};

/// The events of a time window. `seq` and `session` (the UI page's request number and its
/// random id) let a newer request supersede this one: it is then skipped or interrupted and
/// answers the error code `superseded`, which the UI ignores. Reads run on their own
/// connections: never behind an import, nor behind a search.
#[tauri::command]
pub async fn window_events(
    state: State<'_, AppState>,
    query: WindowQuery,
    seq: Option<u64>,
    session: Option<u64>,
) -> CommandResult<Window> {
    current(
        state.window(&query, ticket(seq, session))?,
        "a newer view was asked for: this one was not finished",
    )
}

/// The answer of a numbered request, or the error "superseded" (which the UI ignores) saying
/// `why` when a newer request replaced it.
fn current<T>(answer: Answer<T>, why: &str) -> CommandResult<T> {
    match answer {
        Answer::Current(answer) => Ok(answer),
        Answer::Superseded => Err(CommandError::new("superseded", why)),
    }
}

/// The ticket of a numbered request (`Readers::latest_only`); none for an unnumbered one.
fn ticket(seq: Option<u64>, session: Option<u64>) -> Option<Ticket> {
    seq.map(|seq| Ticket {
        session: session.unwrap_or_default(),
        seq,
    })
}

/// One page of the table view: the matching events sorted by a column, a slice of rows.
/// The table is shown instead of the timeline, so it reads on the timeline's lane.
#[tauri::command]
pub async fn table_page(state: State<'_, AppState>, query: TableQuery) -> CommandResult<TablePage> {
    Ok(state.read(Lane::Timeline, |s| s.table_page(&query))?)
}

/// The row an event has in the table's order, to scroll to it; `None` when filtered out.
#[tauri::command]
pub async fn table_position(
    state: State<'_, AppState>,
    query: TablePositionQuery,
) -> CommandResult<Option<u32>> {
    Ok(state.read(Lane::Timeline, |s| s.table_position(&query))?)
}

#[tauri::command]
pub async fn extent(
    state: State<'_, AppState>,
    filter: Option<Filter>,
) -> CommandResult<Option<Extent>> {
    let filter = filter.unwrap_or_default();
    Ok(state.read(Lane::Timeline, |s| s.extent(&filter))?)
}

#[tauri::command]
pub async fn get_event(state: State<'_, AppState>, id: String) -> CommandResult<StoredEvent> {
    Ok(state.read(Lane::Detail, |s| s.get(&id))?)
}

/// The links of an event both ways, each end with its title (`None`: the event is gone).
#[tauri::command]
pub async fn event_links(state: State<'_, AppState>, id: String) -> CommandResult<EventLinks> {
    Ok(state.read(Lane::Detail, |s| s.event_links(&id))?)
}

/// The ids of the events of `id`'s thread, by date.
#[tauri::command]
pub async fn event_thread(state: State<'_, AppState>, id: String) -> CommandResult<Vec<String>> {
    Ok(state.read(Lane::Detail, |s| s.thread(&id))?)
}

/// The links between the events a view shows, for the timeline's arrows.
#[tauri::command]
pub async fn links_among(
    state: State<'_, AppState>,
    ids: Vec<String>,
) -> CommandResult<Vec<LinkPair>> {
    Ok(state.read(Lane::Timeline, |s| s.links_among(&ids))?)
}

/// A search. With a ticket (`seq`, `session`), as the search box sends while the user types,
/// a newer search supersedes this one and it answers "superseded".
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: SearchQuery,
    seq: Option<u64>,
    session: Option<u64>,
) -> CommandResult<SearchAnswer> {
    current(
        state.search(&query, ticket(seq, session))?,
        "a newer search was asked for: this one was not finished",
    )
}

#[tauri::command]
pub async fn facets(state: State<'_, AppState>, filter: Filter) -> CommandResult<Facets> {
    Ok(state.read(Lane::Facets, |s| s.facets(&filter))?)
}

// Writes answer what they changed (the events, how, and the history after), so the UI
// updates from the answer instead of asking again.
#[tauri::command]
pub async fn create_event(state: State<'_, AppState>, event: Value) -> CommandResult<Change> {
    Ok(state.curator()?.create(Event::from_json(event)?)?)
}

#[tauri::command]
pub async fn update_event(state: State<'_, AppState>, event: Value) -> CommandResult<Change> {
    Ok(state.curator()?.update(Event::from_json(event)?)?)
}

/// One change (kind, tags, an actor) to the table's selection: listed ids, or every event
/// matching a filter. One transaction, undone in one step.
#[tauri::command]
pub async fn bulk_edit(state: State<'_, AppState>, edit: Value) -> CommandResult<BulkAnswer> {
    Ok(state.curator()?.bulk_edit(&BulkEdit::from_json(edit)?)?)
}

/// Deletes the table's selection: listed ids, or every event matching a filter. One
/// transaction, undone in one step; too large to undo, it is backed up first. `progress`
/// hears how many events are deleted so far.
#[tauri::command]
pub async fn bulk_delete(
    state: State<'_, AppState>,
    target: Value,
    progress: Channel<TransferProgress>,
) -> CommandResult<BulkDeleteAnswer> {
    Ok(deleting::bulk_delete(
        &state,
        &BulkTarget::from_json(target)?,
        &progress,
    )?)
}

/// Asks a running bulk delete to stop; it rolls back and answers "cancelled".
#[tauri::command]
pub async fn bulk_delete_cancel(state: State<'_, AppState>) -> CommandResult<()> {
    state.cancel_delete.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn delete_event(state: State<'_, AppState>, id: String) -> CommandResult<Change> {
    Ok(state.curator()?.delete(&id)?)
}

/// `null` when there is nothing to undo.
#[tauri::command]
pub async fn undo(state: State<'_, AppState>) -> CommandResult<Option<Change>> {
    Ok(state.curator()?.undo()?)
}

/// `null` when there is nothing to redo.
#[tauri::command]
pub async fn redo(state: State<'_, AppState>) -> CommandResult<Option<Change>> {
    Ok(state.curator()?.redo()?)
}

#[tauri::command]
pub async fn history(state: State<'_, AppState>) -> CommandResult<HistoryState> {
    Ok(state.curator()?.state())
}

/// Saves the events of the current view or selection through the native save dialog,
/// streaming progress once the file is chosen; answers the path written, or null when the
/// user cancelled the dialog.
#[tauri::command]
pub async fn export_events<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ExportRequest,
    progress: Channel<TransferProgress>,
) -> CommandResult<Option<String>> {
    Ok(files::export(&app, &state, &request, &progress)?)
}

/// Asks a running export to stop; it leaves no file, and export_events fails "cancelled".
#[tauri::command]
pub async fn export_cancel(state: State<'_, AppState>) -> CommandResult<()> {
    state.cancel_export.store(true, Ordering::SeqCst);
    Ok(())
}

/// Picks files through the native open dialog and previews their import (nothing written),
/// streaming how far the reading has got; `import_cancel` stops it.
#[tauri::command]
pub async fn import_preview<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    progress: Channel<ImportReading>,
) -> CommandResult<Option<ImportPlan>> {
    Ok(files::choose_import(&app, &state, &progress)?)
}

/// Writes the previewed import in one transaction, streaming progress.
#[tauri::command]
pub async fn import_commit(
    state: State<'_, AppState>,
    progress: Channel<TransferProgress>,
    skip_rejected: bool,
) -> CommandResult<ImportReport> {
    Ok(files::commit_import_skipping(
        &state,
        &progress,
        skip_rejected,
    )?)
}

#[tauri::command]
pub async fn import_cancel(state: State<'_, AppState>) -> CommandResult<()> {
    state.cancel_import.store(true, Ordering::SeqCst);
    Ok(())
}

/// The automatic backups beside the database, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> CommandResult<Vec<Backup>> {
    Ok(state.read(Lane::Detail, backup::list)?)
}

/// Restores a backup by its name in the backups folder (never a path: the webview cannot
/// point at other files), after backing up the current state.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> CommandResult<Restored> {
    Ok(files::restore_backup(&state, &name)?)
}

/// Reads an article (pasted or opened): its anchor date, time expressions and candidate events,
/// matched against the stored events (read only). Relative dates fall back to today's date.
#[tauri::command]
pub async fn extract_article(
    state: State<'_, AppState>,
    request: ArticleRequest,
) -> CommandResult<Extraction> {
    let today = chrono::Local::now().date_naive();
    Ok(state.read(Lane::Bulk, |store| {
        article_input::extract(&request, Some(store), today)
    })?)
}

/// Picks an article file (.txt, .html, .md) through the native open dialog and reads it;
/// null when the user cancelled.
#[tauri::command]
pub async fn open_article_file<R: Runtime>(
    app: AppHandle<R>,
) -> CommandResult<Option<ArticleFile>> {
    Ok(files::choose_article(&app)?)
}

/// Writes the accepted candidates (new events, sources added to stored events) in one
/// transaction, undone in one step.
#[tauri::command]
pub async fn add_from_article(
    state: State<'_, AppState>,
    items: Value,
) -> CommandResult<ArticleAdded> {
    Ok(state
        .curator()?
        .add_from_article(&ArticleItem::list_from_json(items)?)?)
}

/// Opens a source in the system browser; only http and https are ever opened.
#[tauri::command]
pub async fn open_source<R: Runtime>(app: AppHandle<R>, url: String) -> CommandResult<()> {
    let url = check_web_url(&url).map_err(|m| CommandError::new("invalid_url", m))?;
    app.opener()
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| {
            // The launcher's own words ("Launcher \"gio\" \"open\" … ExitStatus(…)") mean
            // nothing to a reader; they go to the log, the window gets a plain sentence.
            eprintln!("Bilateral could not open {url}: {e}");
            CommandError::new("open_failed", NO_BROWSER)
        })
}

/// What the window says when the system has no browser to hand a link to.
const NO_BROWSER: &str = "No web browser could be opened to show this link.";

/// The eras drawn behind the lanes (US administrations, PRC leaders). They ship with the app
/// and need no database, so they answer even when none is open.
#[tauri::command]
pub async fn eras() -> CommandResult<Vec<Era>> {
    Ok(bilateral_core::eras::shipped()?)
}

/// The user's periods, oldest first.
#[tauri::command]
pub async fn periods(state: State<'_, AppState>) -> CommandResult<Vec<Period>> {
    Ok(state.read(Lane::Detail, |s| s.periods())?)
}

/// Periods arrive as raw JSON, as events do, so a bad field names itself.
#[tauri::command]
pub async fn create_period(state: State<'_, AppState>, period: Value) -> CommandResult<Period> {
    Ok(state.curator()?.create_period(Period::from_json(period)?)?)
}

#[tauri::command]
pub async fn update_period(state: State<'_, AppState>, period: Value) -> CommandResult<Period> {
    Ok(state.curator()?.update_period(Period::from_json(period)?)?)
}

#[tauri::command]
pub async fn delete_period(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.curator()?.delete_period(&id)?)
}

/// What opening the database at start is doing, or null once it has ended (then
/// `startup_problem` says whether it opened).
#[tauri::command]
pub async fn opening_step(state: State<'_, AppState>) -> CommandResult<Option<OpeningStep>> {
    Ok(state.opening_step())
}

/// Why the database could not be opened at start, or null when one is open.
#[tauri::command]
pub async fn startup_problem(state: State<'_, AppState>) -> CommandResult<Option<OpenProblem>> {
    Ok(state.problem())
}

/// Picks an existing database through the native dialog and opens it; null when cancelled.
#[tauri::command]
pub async fn open_database<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    Ok(database::open_existing(&app, &state)?)
}

/// Creates a new database where the user says (never over an existing file) and opens it.
#[tauri::command]
pub async fn create_database<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    Ok(database::create_new(&app, &state)?)
}

/// Every saved view, and those a newer release stored, listed as unreadable.
#[tauri::command]
pub async fn saved_views(state: State<'_, AppState>) -> CommandResult<SavedViews> {
    Ok(state.read(Lane::Detail, Store::saved_views)?)
}

/// Saves the view (raw JSON, so a bad field is named); a name already saved is a conflict
/// unless `replace`.
#[tauri::command]
pub async fn save_view(
    state: State<'_, AppState>,
    view: Value,
    replace: bool,
) -> CommandResult<SavedView> {
    let view = saved_views::from_value(view)?;
    Ok(state.curator()?.store_mut().save_view(&view, replace)?)
}

#[tauri::command]
pub async fn rename_view(
    state: State<'_, AppState>,
    name: String,
    new_name: String,
) -> CommandResult<String> {
    Ok(state.curator()?.store_mut().rename_view(&name, &new_name)?)
}

#[tauri::command]
pub async fn delete_view(state: State<'_, AppState>, name: String) -> CommandResult<()> {
    Ok(state.curator()?.store_mut().delete_view(&name)?)
}

/// Writes the saved views to a file chosen in the native save dialog; null when cancelled.
#[tauri::command]
pub async fn export_views<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    Ok(files::export_views(&app, &state)?)
}

/// Imports the views of a file chosen in the native open dialog, all or nothing; null when
/// cancelled.
#[tauri::command]
pub async fn import_views<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<ViewsImported>> {
    Ok(files::import_views(&app, &state)?)
}

#[tauri::command]
pub async fn quit<R: Runtime>(app: AppHandle<R>) -> CommandResult<()> {
    app.exit(0);
    Ok(())
}
