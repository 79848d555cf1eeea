//! The table's bulk delete, with its progress and its Cancel: a million events take half a
//! minute.

use std::sync::atomic::Ordering;

use bilateral_core::transfer::TransferProgress;
use bilateral_core::{BulkDeleteAnswer, BulkTarget, Error};
use tauri::ipc::Channel;

use crate::progress::progress_reporter;
use crate::state::AppState;

/// Deletes what `target` names, telling `progress` how far it has got; the delete's Cancel
/// (`AppState::cancel_delete`) stops it with nothing deleted (`Error::DeleteCancelled`).
pub fn bulk_delete(
    state: &AppState,
    target: &BulkTarget,
    progress: &Channel<TransferProgress>,
) -> Result<BulkDeleteAnswer, Error> {
    state.cancel_delete.store(false, Ordering::SeqCst);
    let mut curator = state.curator()?;
    let mut report = progress_reporter(progress);
    let mut on_progress = |done: usize, total: usize| {
        report(done, total);
        !state.cancel_delete.load(Ordering::SeqCst)
    };
    curator.bulk_delete_with_progress(target, &mut on_progress)
}
