//! Where the database is, and opening it as the app does (the shipped dataset loaded on
//! first use, and brought up to date after an upgrade).

use std::path::{Path, PathBuf};

use bilateral_core::{dataset, Store};

use crate::failure::Failure;

/// The dataset the app ships, embedded like the app embeds it.
const DATASET: &str = include_str!("../../../../data/events.json");
/// The app's identifier (`tauri.conf.json`): the name of its data folder.
const APP_ID: &str = "org.bilateral.desktop";
const FILE_NAME: &str = "bilateral.db";

/// `--db`, else `$BILATERAL_DB`, else the app's own database.
pub fn path(given: Option<PathBuf>) -> Result<PathBuf, Failure> {
    if let Some(path) = given {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os("BILATERAL_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    app_data_dir()
        .map(|dir| dir.join(APP_ID).join(FILE_NAME))
        .ok_or(Failure::NoDatabasePath)
}

/// The folder Tauri's `app_data_dir` lives in, on this system.
fn app_data_dir() -> Option<PathBuf> {
    let env_dir = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if cfg!(target_os = "windows") {
        return env_dir("APPDATA");
    }
    let home = env_dir("HOME");
    if cfg!(target_os = "macos") {
        return home.map(|h| h.join("Library").join("Application Support"));
    }
    env_dir("XDG_DATA_HOME").or_else(|| home.map(|h| h.join(".local").join("share")))
}

/// Opens an existing database for reading only: nothing is created, migrated or loaded.
pub fn open_read_only(path: &Path) -> Result<Store, Failure> {
    existing(path)?;
    Ok(Store::open_read_only(path)?)
}

/// Opens an existing database for writing without touching its content (`compact`): what is
/// not there is not created.
pub fn open_existing_as_is(path: &Path) -> Result<Store, Failure> {
    existing(path)?;
    open_as_is(path)
}

fn existing(path: &Path) -> Result<(), Failure> {
    if path.exists() {
        return Ok(());
    }
    Err(Failure::Usage(format!(
        "there is no database at {}: run `bilateral-cli init` to create one with the \
         shipped events, or start the app once",
        path.display()
    )))
}

/// Opens (creating when missing) the database and applies the shipped dataset.
pub fn open(path: &Path) -> Result<Store, Failure> {
    let mut store = Store::open(path)?;
    dataset::apply(&mut store, DATASET, "data/events.json")?;
    Ok(store)
}

/// Opens (creating when missing) the database without touching its content: for a restore,
/// which replaces the content whole.
pub fn open_as_is(path: &Path) -> Result<Store, Failure> {
    Ok(Store::open(path)?)
}
