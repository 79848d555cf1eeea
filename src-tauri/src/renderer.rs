//! WebKitGTK's compositing on a machine without a GPU (a virtual machine, a remote desktop).
//! There its DMA-BUF renderer composites every painted frame through software OpenGL: about
//! 40 ms a frame, measured under Xvfb, whatever the page drew. Its plain renderer paints the
//! same frames within a display refresh, so the timeline pans and zooms smoothly.

use std::path::Path;

/// WebKitGTK's own switch for the renderer.
pub const SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Whether to turn the DMA-BUF renderer off: only when the user has not set the switch
/// themselves, and `dri` (the kernel's GPU device folder) holds no render node.
pub fn plain_renderer_wanted(user_set: bool, dri: &Path) -> bool {
    if user_set {
        return false;
    }
    let has_render_node = std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    !has_render_node
}

/// Sets the switch when it is wanted. Runs first in `run`, before any thread is started.
pub fn choose() {
    if cfg!(target_os = "linux")
        && plain_renderer_wanted(std::env::var_os(SWITCH).is_some(), Path::new("/dev/dri"))
    {
        std::env::set_var(SWITCH, "1");
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_plain_renderer_is_chosen_only_without_a_gpu_and_without_the_users_choice() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-dri");
        assert!(
            plain_renderer_wanted(false, &missing),
            "no GPU devices at all"
        );

        let dri = dir.path().join("dri");
        std::fs::create_dir(&dri).unwrap();
        std::fs::write(dri.join("card0"), "").unwrap();
        assert!(
            plain_renderer_wanted(false, &dri),
            "a display card without a render node"
        );

        std::fs::write(dri.join("renderD128"), "").unwrap();
        assert!(!plain_renderer_wanted(false, &dri), "a GPU that can render");
        assert!(
            !plain_renderer_wanted(true, &missing),
            "the user's own setting wins"
        );
    }
}
