//! Progress of a long export: how many of how many events are written.

/// Calls back with `(done, total)` as events are written. Cheap to tick for every event.
pub struct Progress<'a> {
    done: usize,
    total: usize,
    report: Option<&'a mut dyn FnMut(usize, usize)>,
    stop: Option<&'a (dyn Fn() -> bool + Sync)>,
}

impl<'a> Progress<'a> {
    pub fn new(total: usize, report: &'a mut dyn FnMut(usize, usize)) -> Self {
        Self {
            done: 0,
            total,
            report: Some(report),
            stop: None,
        }
    }

    /// Progress nobody watches.
    pub fn silent(total: usize) -> Self {
        Self {
            done: 0,
            total,
            report: None,
            stop: None,
        }
    }

    /// This progress, asked by `go_on` whether to stop.
    pub fn stopping_when(mut self, stop: &'a (dyn Fn() -> bool + Sync)) -> Self {
        self.stop = Some(stop);
        self
    }

    /// Whether the export was asked to stop.
    pub(crate) fn stopped(&self) -> bool {
        self.stop.is_some_and(|stop| stop())
    }

    /// An error once the export was asked to stop: a document laid out as a whole (a PDF, a
    /// picture) asks as it lays out each event, since its bytes are only written at the end.
    pub(crate) fn go_on(&self) -> std::io::Result<()> {
        if self.stopped() {
            return Err(std::io::Error::other("the export was cancelled"));
        }
        Ok(())
    }

    /// One more event written.
    pub fn tick(&mut self) {
        self.done += 1;
        if let Some(report) = self.report.as_mut() {
            report(self.done, self.total);
        }
    }
}
