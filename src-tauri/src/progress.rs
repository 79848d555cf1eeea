//! Progress of long work (an import, an export, a bulk delete) sent to the webview.

use std::sync::atomic::{AtomicBool, Ordering};

use bilateral_core::transfer::TransferProgress;
use tauri::ipc::Channel;

/// Sends `done` of `total` on `channel` about once per percent, and at the end.
pub(crate) fn progress_reporter(
    channel: &Channel<TransferProgress>,
) -> impl FnMut(usize, usize) + '_ {
    move |done: usize, total: usize| {
        let step = (total / 100).max(1);
        if done % step == 0 || done == total {
            let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let _ = channel.send(TransferProgress {
                done: to_u32(done),
                total: to_u32(total),
            });
        }
    }
}

/// Reports on `channel` as `progress_reporter` does, and answers whether to go on: until
/// `cancel` is set by the work's Cancel command. The flag is cleared first, so a Cancel of
/// earlier work does not stop this one.
pub(crate) fn until_cancelled<'a>(
    channel: &'a Channel<TransferProgress>,
    cancel: &'a AtomicBool,
) -> impl FnMut(usize, usize) -> bool + 'a {
    cancel.store(false, Ordering::SeqCst);
    let mut report = progress_reporter(channel);
    move |done: usize, total: usize| {
        report(done, total);
        !cancel.load(Ordering::SeqCst)
    }
}
