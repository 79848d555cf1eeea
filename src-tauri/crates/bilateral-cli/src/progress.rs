//! A progress bar on standard error, only when a person is watching it (a terminal) and the
//! work is long enough to need one.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Below this many events no bar is drawn.
const WORTH_A_BAR: usize = 2_000;

pub fn bar(total: usize, what: &str) -> ProgressBar {
    if total < WORTH_A_BAR || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(total).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} events ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

/// A counter of events for work whose total is not known ahead, on a terminal only.
pub fn counter(what: &str) -> ProgressBar {
    open_ended("{spinner} {msg} {human_pos} events ({per_sec})", what)
}

/// A spinner for work that cannot say how far it is, on a terminal only.
pub fn spinner(what: &str) -> ProgressBar {
    let bar = open_ended("{spinner} {msg} ({elapsed})", what);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// A bar without a length, drawn with `template`, on a terminal only.
fn open_ended(template: &str, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.set_message(what.to_owned());
    bar
}

pub fn set(bar: &ProgressBar, done: usize) {
    bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
}

/// A bar counting checked links, on a terminal only (checking takes seconds per link).
pub fn links(total: usize) -> ProgressBar {
    if total == 0 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(total).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = ProgressStyle::with_template("checking [{bar:40}] {pos}/{len} links ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
