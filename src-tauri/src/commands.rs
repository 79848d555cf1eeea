//! The IPC surface. Each command converts its arguments and errors and delegates to the core.

use bilateral_core::{model::check_web_url, Extent, StoredEvent, Window, WindowQuery};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

#[tauri::command]
pub async fn window_events(
    state: State<'_, AppState>,
    query: WindowQuery,
) -> CommandResult<Window> {
    Ok(state.store()?.window(&query)?)
}

#[tauri::command]
pub async fn extent(state: State<'_, AppState>) -> CommandResult<Option<Extent>> {
    Ok(state.store()?.extent()?)
}

#[tauri::command]
pub async fn get_event(state: State<'_, AppState>, id: String) -> CommandResult<StoredEvent> {
    Ok(state.store()?.get(&id)?)
}

/// Opens a source in the system browser; only http and https are ever opened.
#[tauri::command]
pub async fn open_source<R: Runtime>(app: AppHandle<R>, url: String) -> CommandResult<()> {
    let url = check_web_url(&url).map_err(|m| CommandError::new("invalid_url", m))?;
    app.opener()
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| CommandError::new("open_failed", format!("could not open {url}: {e}")))
}
