//! `backups` and `restore`: the automatic backups kept beside the database, and putting one
//! back (after saving the current state as one more).

use std::path::{Path, PathBuf};

use bilateral_core::backup::{self, Backup, Reason};
use bilateral_core::Store;

use crate::failure::Failure;
use crate::file_size::file_size;

/// The reason as words, as a person would say it.
fn reason(reason: Reason) -> &'static str {
    match reason {
        Reason::BeforeImport => "before an import",
        Reason::BeforeUpgrade => "before a dataset upgrade",
        Reason::BeforeRestore => "before a restore",
        Reason::BeforeDelete => "before a delete",
    }
}

fn line(backup: &Backup) -> String {
    let events = backup
        .events
        .map_or_else(|| "unreadable".to_owned(), |n| format!("{n} events"));
    format!(
        "  {}  {}, {events}, {}",
        backup.name,
        reason(backup.reason),
        file_size(backup.bytes)
    )
}

pub fn list(store: &Store) -> Result<(), Failure> {
    let backups = backup::list(store)?;
    let Some(folder) = backup::folder(store) else {
        println!("this database is in memory and has no backups");
        return Ok(());
    };
    if backups.is_empty() {
        println!("no backups yet in {}", folder.display());
        println!(
            "one is taken before a dataset upgrade, before a large import, before a delete and \
             before a restore"
        );
        return Ok(());
    }
    println!(
        "{} backup{} in {}, newest first (times in UTC):",
        backups.len(),
        if backups.len() == 1 { "" } else { "s" },
        folder.display()
    );
    for backup in &backups {
        println!("{}", line(backup));
    }
    Ok(())
}

/// A backup's name in the backups folder, or any other path to a backup file.
fn locate(store: &Store, given: &Path) -> Result<PathBuf, Failure> {
    match given.to_str() {
        Some(name) if backup::is_backup_name(name) => Ok(backup::find(store, name)?),
        _ => Ok(given.to_owned()),
    }
}

pub fn restore(store: &mut Store, given: &Path) -> Result<(), Failure> {
    let source = locate(store, given)?;
    let restored = backup::restore(store, &source)?;
    println!(
        "restored {}: the database now holds {} events",
        source.display(),
        restored.events
    );
    if let Some(saved) = restored.saved {
        println!(
            "the state it replaced was saved first; to go back: bilateral-cli restore {}",
            saved.name
        );
    }
    Ok(())
}
