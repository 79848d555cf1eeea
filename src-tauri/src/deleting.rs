//! The table's bulk delete, with its progress and its Cancel: a million events take half a
//! minute.

use bilateral_core::transfer::TransferProgress;
use bilateral_core::{BulkDeleteAnswer, BulkTarget, Error};
use tauri::ipc::Channel;

use crate::progress::until_cancelled;
use crate::state::AppState;

/// Deletes what `target` names, telling `progress` how far it has got; the delete's Cancel
/// (`AppState::cancel_delete`) stops it with nothing deleted (`Error::DeleteCancelled`).
pub fn bulk_delete(
    state: &AppState,
    target: &BulkTarget,
    progress: &Channel<TransferProgress>,
) -> Result<BulkDeleteAnswer, Error> {
    let mut on_progress = until_cancelled(progress, &state.cancel_delete);
    state
        .curator()?
        .bulk_delete_with_progress(target, &mut on_progress)
}
