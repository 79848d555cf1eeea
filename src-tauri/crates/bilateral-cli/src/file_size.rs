//! A file's size as a person reads it.

/// One decimal is all a person compares; the exact count is in the file system.
pub fn file_size(bytes: u64) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        format!("{kb:.0} KB")
    } else if kb < 1024.0 * 1024.0 {
        format!("{:.1} MB", kb / 1024.0)
    } else {
        format!("{:.2} GB", kb / 1024.0 / 1024.0)
    }
}
