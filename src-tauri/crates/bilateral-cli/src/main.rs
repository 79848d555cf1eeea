//! `bilateral-cli`: import, export, list, stats, backups and restore over the app's database,
//! headless; article extraction with its tagger's scorer; and a check of the cited links.

mod args;
mod backups;
mod check_links;
mod compact;
mod database;
mod delete;
mod export;
mod extract;
mod failure;
mod file_size;
mod import;
mod link_check;
mod list;
mod output;
mod progress;
mod score;
mod score_events;
mod selection;
mod stats;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::failure::Failure;

// As the app's (`src-tauri/src/main.rs`): an import's two threads allocate and free apart.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn run(cli: Cli) -> Result<(), Failure> {
    // Reading articles needs no database: `extract` reads one only if it is there, to match
    // against; `score-timex` and `score-events` none at all.
    let command = match cli.command {
        Command::Extract(args) => return extract::run(args, cli.db),
        Command::ScoreTimex(args) => return score::run(args),
        Command::ScoreEvents(args) => return score_events::run(args),
        // Opens the database read-only itself, or reads only the file it is given.
        Command::CheckLinks(args) => return check_links::run(args, cli.db),
        other => other,
    };
    let path = database::path(cli.db)?;
    // Only a command that writes opens for writing (and may create, migrate and load the
    // shipped dataset); the others never change the file.
    let writes = match &command {
        Command::Init => true,
        Command::Import(args) => !args.dry_run,
        Command::Delete(args) => !args.dry_run,
        _ => false,
    };
    let mut store = if let Command::Restore(_) = command {
        // As it is: a restore replaces it all, so it is neither upgraded nor loaded first.
        database::open_as_is(&path)?
    } else if let Command::Compact = command {
        database::open_existing_as_is(&path)?
    } else if writes {
        database::open(&path)?
    } else {
        database::open_read_only(&path)?
    };
    match command {
        Command::Init => stats::run(&store, &path),
        Command::Export(args) => export::run(&store, args),
        Command::Import(args) => import::run(&mut store, args),
        Command::List(args) => list::run(&store, args),
        Command::Stats => stats::run(&store, &path),
        Command::Backups => backups::list(&store),
        Command::Restore(args) => backups::restore(&mut store, &args.backup),
        Command::Delete(args) => delete::run(&mut store, args),
        Command::Compact => compact::run(&mut store),
        // Run above, before any database is opened.
        Command::Extract(_)
        | Command::ScoreTimex(_)
        | Command::ScoreEvents(_)
        | Command::CheckLinks(_) => Ok(()),
    }
}

fn main() -> ExitCode {
    // Wrong usage exits 2, `--help` and `--version` exit 0: clap's own codes.
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("bilateral-cli: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}
