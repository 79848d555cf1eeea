//! Export and import through the native file dialogs. The webview never touches the file
//! system: it asks for an export or an import, and the shell shows the dialog and does the I/O.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use bilateral_core::article_input::{self, ArticleFile};
use bilateral_core::backup::{self, Restored};
use bilateral_core::formats::gdelt_files;
use bilateral_core::formats::stream::{self, Input};
use bilateral_core::formats::{self, ExportOptions, Format, Progress};
use bilateral_core::import::{ImportOutcome, ImportReport, ReadSoFar};
use bilateral_core::readers::Lane;
use bilateral_core::saved_views::{self, ViewsImported};
use bilateral_core::transfer::{
    self, ExportRequest, ImportPlan, ImportReading, ReadingUnit, TransferProgress,
};
use bilateral_core::Error;
use tauri::ipc::Channel;
use tauri::Runtime;
use tauri_plugin_dialog::DialogExt;

use crate::progress::{progress_reporter, until_cancelled};
use crate::state::{AppState, PendingImport};

/// Formats offered in the open dialog.
/// GDELT names its event exports `.export.CSV`, in capitals, and publishes them zipped.
const IMPORTABLE: &[&str] = &["json", "csv", "CSV", "ics", "zip"];
/// What "New from article" opens: plain text, a saved web page, Markdown.
const ARTICLES: &[&str] = &["txt", "html", "htm", "md"];

pub(crate) fn chosen_path(file: tauri_plugin_dialog::FilePath) -> Result<PathBuf, Error> {
    file.into_path()
        .map_err(|e| Error::invalid("file", format!("not a local file: {e}")))
}

/// Asks where to save, then writes the export, reporting progress; `None` when the user
/// cancelled the dialog. The events are read after the dialog, as they are written, on a read
/// connection: an export neither waits for an import nor holds up the view.
pub fn export<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    request: &ExportRequest,
    progress: &Channel<TransferProgress>,
) -> Result<Option<String>, Error> {
    let format = request.format()?;
    // Refused before the save dialog: a document too long to lay out is said at once.
    state.read(Lane::Bulk, |store| {
        format.check_count(request.count(store)?)
    })?;
    let ext = format.extension();
    let Some(file) = app
        .dialog()
        .file()
        .set_title("Export timeline")
        .add_filter(format!("{} (.{ext})", format.name()), &[ext])
        .set_file_name(format!("bilateral.{ext}"))
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = chosen_path(file)?;
    state.cancel_export.store(false, Ordering::SeqCst);
    let stop = || state.cancel_export.load(Ordering::SeqCst);
    state.read(Lane::Bulk, |store| {
        let options = ExportOptions {
            periods: store.periods()?,
            ..request.options()
        };
        let total = request.count(store)?;
        let mut report = progress_reporter(progress);
        // The first message says the writing has begun, before any event is read.
        report(0, total);
        transfer::export_to_file(
            store,
            request,
            &options,
            &path,
            &mut Progress::new(total, &mut report),
            &stop,
        )
    })?;
    Ok(Some(path.display().to_string()))
}

/// Asks for files, reads them and previews the import; nothing is written yet. `progress`
/// hears how far the reading has got (a large file or many take a while), and the import's
/// Cancel stops it: `None` then, as when the user closes the file dialog.
pub fn choose_import<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    progress: &Channel<ImportReading>,
) -> Result<Option<ImportPlan>, Error> {
    let Some(files) = app
        .dialog()
        .file()
        .set_title("Import events")
        .add_filter(
            "Bilateral JSON, CSV, TimelineJS, iCalendar, GDELT event files (zipped or not)",
            IMPORTABLE,
        )
        .blocking_pick_files()
    else {
        return Ok(None);
    };
    let paths = files
        .into_iter()
        .map(chosen_path)
        .collect::<Result<Vec<_>, _>>()?;
    let mut watch = Watch::new(state, |reading| {
        // The dialog's progress is a courtesy: a closed window only stops the messages.
        let _ = progress.send(reading);
    });
    plan_import_files_watched(state, &paths, &mut watch)
}

/// Tells the import dialog how far a reading has got, at most every `WATCH_EVERY`, and says
/// whether to go on: no once the import's Cancel was pressed.
pub struct Watch<'a> {
    state: &'a AppState,
    send: Box<dyn FnMut(ImportReading) + 'a>,
    last: Option<Instant>,
    reading: ImportReading,
}

/// How often the reading's progress is sent: often enough to look alive, rarely enough that
/// a million events cost nothing to report.
const WATCH_EVERY: Duration = Duration::from_millis(100);

impl<'a> Watch<'a> {
    pub fn new(state: &'a AppState, send: impl FnMut(ImportReading) + 'a) -> Self {
        state.cancel_import.store(false, Ordering::SeqCst);
        Self {
            state,
            send: Box::new(send),
            last: None,
            reading: ImportReading {
                file: String::new(),
                unit: ReadingUnit::Events,
                items: 0,
                files_done: 0,
                files: 1,
            },
        }
    }

    fn start(&mut self, file: &str, files: usize, unit: ReadingUnit) {
        self.reading = ImportReading {
            file: file.to_owned(),
            unit,
            items: 0,
            files_done: 0,
            files: u32::try_from(files).unwrap_or(u32::MAX),
        };
        self.send_now();
    }

    fn send_now(&mut self) {
        self.last = Some(Instant::now());
        (self.send)(self.reading.clone());
    }

    /// Records `items` read and `files_done`; false when the reading should stop. A finished
    /// file is always told (files take milliseconds each, not microseconds like items).
    fn step(&mut self, items: usize, files_done: usize) -> bool {
        let files_done = u32::try_from(files_done).unwrap_or(u32::MAX);
        let next_file = files_done != self.reading.files_done;
        self.reading.items = u32::try_from(items).unwrap_or(u32::MAX);
        self.reading.files_done = files_done;
        if next_file || self.last.is_none_or(|at| at.elapsed() >= WATCH_EVERY) {
            self.send_now();
        }
        self.go_on()
    }

    /// False once the import's Cancel was pressed.
    fn go_on(&self) -> bool {
        !self.state.cancel_import.load(Ordering::SeqCst)
    }
}

/// Asks for an article file and reads it (bounded, UTF-8); `None` when the user cancelled.
pub fn choose_article<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<Option<ArticleFile>, Error> {
    let Some(file) = app
        .dialog()
        .file()
        .set_title("Open article")
        .add_filter("Article: text, web page, Markdown", ARTICLES)
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    article_input::read_file(&chosen_path(file)?).map(Some)
}

/// Previews the import of the file at `path`, reading it as a stream (never whole, except a
/// GDELT export, whose US–China rows are kept), and keeps it for `commit_import`, which reads
/// it again as it writes.
pub fn plan_import_file(state: &AppState, path: &Path) -> Result<ImportPlan, Error> {
    plan_import_files(state, &[path.to_owned()])
}

/// Previews the import of the files at `paths` as one import. Several files are GDELT
/// exports, zipped or not (GDELT publishes one every 15 minutes, so a month is thousands);
/// any other format is imported one file at a time, and a choice mixing it in is refused
/// before anything is read.
pub fn plan_import_files(state: &AppState, paths: &[PathBuf]) -> Result<ImportPlan, Error> {
    let mut watch = Watch::new(state, |_| {});
    plan_import_files_watched(state, paths, &mut watch)?.ok_or(Error::Cancelled)
}

/// `plan_import_files`, telling `watch` how far the reading has got; `None` when it was
/// cancelled.
pub fn plan_import_files_watched(
    state: &AppState,
    paths: &[PathBuf],
    watch: &mut Watch<'_>,
) -> Result<Option<ImportPlan>, Error> {
    state.set_pending(None);
    if paths.is_empty() {
        return Ok(None);
    }
    if let Some(other) = paths.iter().find(|path| !gdelt_files::is_gdelt_file(path)) {
        if let [path] = paths {
            let name = file_name(path);
            watch.start(&name, 1, ReadingUnit::Events);
            let input = stream::open(path, None)?;
            return plan_input(state, &name, input, watch);
        }
        return Err(Error::invalid(
            "file",
            format!(
                "{} is not a GDELT event file: several files can be imported together only \
                 when each is one (…export.CSV, a zip as GDELT publishes them, or rows in \
                 GDELT's columns); import other files one at a time",
                file_name(other)
            ),
        ));
    }
    // GDELT files, one or several: streamed line by line (from inside their archives when
    // zipped), only the US–China rows becoming events.
    let name = match paths {
        [path] => file_name(path),
        several => format!("{} GDELT exports", several.len()),
    };
    watch.start(&name, paths.len(), ReadingUnit::Rows);
    plan_input(state, &name, stream::gdelt(paths.to_vec(), &name), watch)
}

/// Previews the import of bytes already read (named `name`), as `plan_import_file` does.
pub fn plan_import(state: &AppState, name: &str, bytes: &[u8]) -> Result<ImportPlan, Error> {
    state.set_pending(None);
    let by_name = formats::detect::format_by_name(name);
    let input = stream::from_bytes(bytes.to_vec(), by_name, name)?;
    let mut watch = Watch::new(state, |_| {});
    plan_input(state, name, input, &mut watch)?.ok_or(Error::Cancelled)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The preview of a streamed input, made on a read connection (an import running meanwhile
/// does not hold it up); rejections name the file's own line or item. The reading of GDELT
/// files is told by their lines (most give no event), of other files by their items.
fn plan_input(
    state: &AppState,
    name: &str,
    input: Input,
    watch: &mut Watch<'_>,
) -> Result<Option<ImportPlan>, Error> {
    let by_lines = input.format() == Format::Gdelt;
    let previewed = state.read(Lane::Bulk, |store| {
        store.preview_stream_watched(&input, |so_far| match so_far {
            ReadSoFar::Lines { lines, files_done } => watch.step(lines, files_done),
            ReadSoFar::Items(items) if !by_lines => watch.step(items, 0),
            ReadSoFar::Items(_) => watch.go_on(),
        })
    })?;
    let Some((preview, total)) = previewed else {
        return Ok(None);
    };
    let plan = ImportPlan {
        file: name.to_owned(),
        format: input.format().name().to_owned(),
        preview,
        gdelt: input.gdelt_tally(),
    };
    state.set_pending(Some(PendingImport {
        preview: plan.preview.clone(),
        input,
        total,
    }));
    Ok(Some(plan))
}

/// Writes the previewed import in one transaction on the writer, reporting progress; all or
/// nothing. Reads go on meanwhile on their own connections, seeing the store as it was until
/// the import commits.
pub fn commit_import(
    state: &AppState,
    progress: &Channel<TransferProgress>,
) -> Result<ImportReport, Error> {
    commit_import_skipping(state, progress, false)
}

/// `commit_import`; with `skip_rejected`, the rows the preview listed as rejected are left
/// out and the rest written (the user saw them and chose so), where otherwise they refuse
/// the whole import.
pub fn commit_import_skipping(
    state: &AppState,
    progress: &Channel<TransferProgress>,
    skip_rejected: bool,
) -> Result<ImportReport, Error> {
    let pending = state
        .take_pending()
        .ok_or_else(|| Error::invalid("import", "choose a file to import first"))?;
    if pending.preview.rejected_count > 0 && !skip_rejected {
        return Err(Error::invalid(
            "import",
            "the file has rejected rows: fix them and import again; nothing was written",
        ));
    }
    let mut on_progress = until_cancelled(progress, &state.cancel_import);
    let mut curator = state.curator()?;
    // A large import is backed up first, and does not happen without its backup.
    backup::before_import(curator.store(), &pending.preview)?;
    let input = pending.input.skipping_rejected(skip_rejected);
    let outcome = curator.import_stream_with_progress(&input, pending.total, &mut on_progress)?;
    match outcome {
        ImportOutcome::Imported(report) => Ok(report),
        ImportOutcome::Cancelled { .. } => Err(Error::Cancelled),
    }
}

/// Restores the backup called `name` from the database's backups folder, saving the current
/// state first; the session's undo history goes with the state it described.
pub fn restore_backup(state: &AppState, name: &str) -> Result<Restored, Error> {
    let mut curator = state.curator()?;
    let source = backup::find(curator.store(), name)?;
    curator.restore(&source)
}

/// Asks where to save the saved views, then writes them as a `bilateral-views` file; `None`
/// when the user cancelled.
pub fn export_views<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
) -> Result<Option<String>, Error> {
    let Some(file) = app
        .dialog()
        .file()
        .set_title("Export saved views")
        .add_filter("Bilateral views (.json)", &["json"])
        .set_file_name("bilateral-views.json")
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = chosen_path(file)?;
    state.read(Lane::Detail, |store| saved_views::export_file(store, &path))?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a `bilateral-views` file and imports it whole, or writes nothing; `None` when
/// the user cancelled.
pub fn import_views<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
) -> Result<Option<ViewsImported>, Error> {
    let Some(file) = app
        .dialog()
        .file()
        .set_title("Import saved views")
        .add_filter("Bilateral views (.json)", &["json"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let path = chosen_path(file)?;
    saved_views::import_file(state.curator()?.store_mut(), &path).map(Some)
}
