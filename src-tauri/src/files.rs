//! Export and import through the native file dialogs. The webview never touches the file
//! system: it asks for an export or an import, and the shell shows the dialog and does the I/O.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use bilateral_core::article_input::{self, ArticleFile};
use bilateral_core::backup::{self, Restored};
use bilateral_core::formats::{self, Format, Location};
use bilateral_core::import::{ImportOutcome, ImportReport};
use bilateral_core::transfer::{self, ExportRequest, ImportPlan, ImportProgress};
use bilateral_core::Error;
use tauri::ipc::Channel;
use tauri::Runtime;
use tauri_plugin_dialog::DialogExt;

use crate::state::{AppState, PendingImport};

/// Formats offered in the open dialog.
/// GDELT names its event exports `.export.CSV`, in capitals.
const IMPORTABLE: &[&str] = &["json", "csv", "CSV", "ics"];
/// What "New from article" opens: plain text, a saved web page, Markdown.
const ARTICLES: &[&str] = &["txt", "html", "htm", "md"];

pub(crate) fn chosen_path(file: tauri_plugin_dialog::FilePath) -> Result<PathBuf, Error> {
    file.into_path()
        .map_err(|e| Error::invalid("file", format!("not a local file: {e}")))
}

/// Asks where to save, then writes the export. `None` when the user cancelled the dialog.
pub fn export<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    request: &ExportRequest,
) -> Result<Option<String>, Error> {
    let format = request.format()?;
    let events = request.events(state.curator()?.store())?;
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
    transfer::write_file(format, &events, &request.options(), &path)?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a file, reads it and previews the import; nothing is written yet.
pub fn choose_import<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
) -> Result<Option<ImportPlan>, Error> {
    let Some(file) = app
        .dialog()
        .file()
        .set_title("Import events")
        .add_filter(
            "Bilateral JSON, CSV, TimelineJS, iCalendar, GDELT 2.0 event export",
            IMPORTABLE,
        )
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let path = chosen_path(file)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Bounded: a huge or endless file stops at the import limit with a clear error.
    let bytes = formats::input::read_file(&path)?;
    plan_import(state, &name, &bytes).map(Some)
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

/// Reads a file's bytes and previews their import against the store, keeping the events
/// for `commit_import`.
pub fn plan_import(state: &AppState, name: &str, bytes: &[u8]) -> Result<ImportPlan, Error> {
    state.set_pending(None);
    // Detected once here, to name it in the preview; `read` explains an undetectable file.
    let detected = formats::detect::format_by_name(name)
        .or_else(|| formats::detect::format(std::str::from_utf8(bytes).unwrap_or_default()));
    let parsed = formats::read(detected, bytes, name)?;
    let format = detected.map(Format::name).unwrap_or("unknown").to_owned();
    let mut preview = state
        .curator()?
        .store()
        .preview_import_as(&parsed.events, parsed.coverage())?;
    // The store counts items; point at the file's own line or item instead.
    for rejected in &mut preview.rejected {
        if let Location::Item(i) = rejected.at {
            rejected.at = parsed.at.get(i).copied().unwrap_or(rejected.at);
        }
    }
    for duplicate in &mut preview.duplicates {
        if let Location::Item(i) = duplicate.at {
            duplicate.at = parsed.at.get(i).copied().unwrap_or(duplicate.at);
        }
    }
    preview
        .rejected
        .splice(0..0, parsed.rejected.iter().cloned());
    let plan = ImportPlan {
        file: name.to_owned(),
        format,
        preview,
    };
    state.set_pending(Some(PendingImport {
        coverage: parsed.coverage(),
        events: parsed.events,
        rejected: !plan.preview.rejected.is_empty(),
        preview: plan.preview.clone(),
    }));
    Ok(plan)
}

/// Writes the previewed import in one transaction, reporting progress; all or nothing.
pub fn commit_import(
    state: &AppState,
    progress: &Channel<ImportProgress>,
) -> Result<ImportReport, Error> {
    let pending = state
        .take_pending()
        .ok_or_else(|| Error::invalid("import", "choose a file to import first"))?;
    if pending.rejected {
        return Err(Error::invalid(
            "import",
            "the file has rejected rows: fix them and import again; nothing was written",
        ));
    }
    state.cancel_import.store(false, Ordering::SeqCst);
    let step = (pending.events.len() / 100).max(1);
    let mut curator = state.curator()?;
    // A large import is backed up first, and does not happen without its backup.
    backup::before_import(curator.store(), &pending.preview)?;
    let outcome =
        curator.import_with_progress(&pending.events, pending.coverage, |done, total| {
            if done % step == 0 || done == total {
                let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                let _ = progress.send(ImportProgress {
                    done: to_u32(done),
                    total: to_u32(total),
                });
            }
            !state.cancel_import.load(Ordering::SeqCst)
        })?;
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
