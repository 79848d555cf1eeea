//! The Bilateral desktop shell: opens the store, registers the commands, runs the window.

mod commands;
mod database;
pub mod deleting;
mod error;
pub mod files;
mod progress;
mod renderer;
mod state;

use bilateral_core::identity::OpenProblem;
use bilateral_core::opening::{open_with_steps, OpeningStep};
use bilateral_core::Store;
use tauri::{Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

pub use error::CommandError;
pub use state::AppState;

/// The shipped dataset, loaded into the store on first run and on every new release.
pub const DATASET_JSON: &str = include_str!("../../data/events.json");

/// Registers the IPC commands on any runtime, so tests can drive them on the mock runtime.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::window_events,
        commands::table_page,
        commands::table_position,
        commands::extent,
        commands::get_event,
        commands::event_links,
        commands::event_thread,
        commands::links_among,
        commands::search,
        commands::facets,
        commands::create_event,
        commands::update_event,
        commands::delete_event,
        commands::bulk_edit,
        commands::bulk_delete,
        commands::bulk_delete_cancel,
        commands::undo,
        commands::redo,
        commands::history,
        commands::export_events,
        commands::import_preview,
        commands::import_commit,
        commands::import_cancel,
        commands::export_cancel,
        commands::list_backups,
        commands::restore_backup,
        commands::open_source,
        commands::extract_article,
        commands::open_article_file,
        commands::add_from_article,
        commands::eras,
        commands::periods,
        commands::create_period,
        commands::update_period,
        commands::delete_period,
        commands::opening_step,
        commands::startup_problem,
        commands::open_database,
        commands::create_database,
        commands::saved_views,
        commands::save_view,
        commands::rename_view,
        commands::delete_view,
        commands::export_views,
        commands::import_views,
        commands::quit,
    ])
}

/// Opens (or creates) the store at `path` and brings the shipped dataset into it.
pub fn open_store(path: &std::path::Path) -> bilateral_core::Result<Store> {
    open_store_with_steps(path, &mut |_| {})
}

/// `open_store`, calling `step` as each step begins (an upgrade can take a minute).
pub fn open_store_with_steps(
    path: &std::path::Path,
    step: &mut dyn FnMut(OpeningStep),
) -> bilateral_core::Result<Store> {
    open_with_steps(path, DATASET_JSON, "data/events.json", step)
}

pub fn run() {
    renderer::choose();
    let app = with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .on_window_event(|window, event| {
            // Saved as it changes, not only on a clean exit, so a crash or a killed session
            // still reopens the window where the user left it.
            if matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
                let _ = window.app_handle().save_window_state(StateFlags::all());
            }
        })
        .setup(|app| {
            let path = database::startup_path(app.handle())?;
            // Opened on its own thread, so the window draws at once and can say what takes
            // long (an upgrade after an update) instead of staying blank. A database that
            // cannot be opened is explained in the window, with a way out; the app never
            // exits without one.
            app.manage(AppState::opening());
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("open database".to_owned())
                .spawn(move || {
                    let state = handle.state::<AppState>();
                    let opened = open_store_with_steps(&path, &mut |step| {
                        state.set_opening_step(step);
                    });
                    state.finish_opening(opened.map_err(|e| {
                        eprintln!("Bilateral cannot open its database: {e}");
                        OpenProblem::new(&path, &e)
                    }));
                })?;
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("Bilateral could not start: {e}");
            std::process::exit(1);
        }
    }
}
