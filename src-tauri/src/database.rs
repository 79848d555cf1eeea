//! Which database the app opens, and choosing another when its own cannot be opened: open
//! an existing one, or create a new one, never over an existing file.

use std::path::{Path, PathBuf};

use bilateral_core::Error;
use tauri::{Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::files::chosen_path;
use crate::state::AppState;

const FILE_NAME: &str = "bilateral.db";
/// Holds the path of the database the user chose, in the app's config folder.
const CHOICE_FILE: &str = "database-path";

/// `BILATERAL_DB` when set (tests, power users), else the database the user last chose,
/// else `bilateral.db` in the app's data folder.
pub fn startup_path<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<PathBuf, Error> {
    if let Some(path) = std::env::var_os("BILATERAL_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    if let Some(chosen) = remembered(app) {
        return Ok(chosen);
    }
    Ok(data_dir(app)?.join(FILE_NAME))
}

fn data_dir<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<PathBuf, Error> {
    app.path().app_data_dir().map_err(|e| Error::Open {
        path: String::new(),
        message: format!("the app's data folder is unknown: {e}"),
    })
}

fn choice_file<R: Runtime>(app: &tauri::AppHandle<R>) -> Option<PathBuf> {
    app.path()
        .app_config_dir()
        .ok()
        .map(|d| d.join(CHOICE_FILE))
}

fn remembered<R: Runtime>(app: &tauri::AppHandle<R>) -> Option<PathBuf> {
    let text = std::fs::read_to_string(choice_file(app)?).ok()?;
    let path = PathBuf::from(text.trim());
    (path.is_absolute() && path.exists()).then_some(path)
}

/// Remembers the chosen database for the next start. Failing to remember is not worth
/// failing the open for: the user is told nothing worse than being asked again next time.
fn remember<R: Runtime>(app: &tauri::AppHandle<R>, path: &Path) {
    if std::env::var_os("BILATERAL_DB").is_some() {
        return;
    }
    if let Some(file) = choice_file(app) {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(file, path.display().to_string());
    }
}

/// Opens `path` and makes it the app's database.
fn switch<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    path: &Path,
) -> Result<String, Error> {
    let store = crate::open_store(path)?;
    state.replace(store);
    remember(app, path);
    Ok(path.display().to_string())
}

/// Asks for an existing database and opens it; `None` when the user cancelled.
pub fn open_existing<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
) -> Result<Option<String>, Error> {
    let Some(file) = app
        .dialog()
        .file()
        .set_title("Open a Bilateral database")
        .add_filter("Bilateral database (.db)", &["db", "sqlite", "sqlite3"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    switch(app, state, &chosen_path(file)?).map(Some)
}

/// Asks where to create a new database (with the shipped events) and opens it. A name that
/// is already taken is refused: the old file is never overwritten.
pub fn create_new<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
) -> Result<Option<String>, Error> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Create a new Bilateral database")
        .add_filter("Bilateral database (.db)", &["db"])
        .set_file_name("bilateral-new.db");
    if let Ok(dir) = data_dir(app) {
        dialog = dialog.set_directory(dir);
    }
    let Some(file) = dialog.blocking_save_file() else {
        return Ok(None);
    };
    let path = chosen_path(file)?;
    if path.exists() {
        return Err(Error::invalid(
            "file",
            format!(
                "{} already exists, and Bilateral never overwrites a file: choose a new name",
                path.display()
            ),
        ));
    }
    switch(app, state, &path).map(Some)
}
