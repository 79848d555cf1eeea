//! Generates the TypeScript types the frontend shares with the core.

use std::path::Path;

use ts_rs::{Config, ExportError, TS};

use crate::{
    Actor, ErrorPayload, Event, Extent, Facets, Filter, Kind, Precision, SearchAnswer, SearchHit,
    SearchQuery, Side, Source, StoredEvent, Window, WindowQuery,
};

/// Writes one `.ts` file per shared type (and the types they use) into `dir`.
pub fn write_all(dir: &Path) -> Result<(), ExportError> {
    let cfg = Config::new().with_out_dir(dir);
    Window::export_all(&cfg)?;
    crate::TimelineEvent::export_all(&cfg)?;
    WindowQuery::export_all(&cfg)?;
    crate::TableQuery::export_all(&cfg)?;
    crate::TablePositionQuery::export_all(&cfg)?;
    crate::TablePage::export_all(&cfg)?;
    crate::BulkEdit::export_all(&cfg)?;
    crate::BulkEdited::export_all(&cfg)?;
    crate::BulkAnswer::export_all(&cfg)?;
    crate::BulkDeleted::export_all(&cfg)?;
    crate::Compacted::export_all(&cfg)?;
    crate::BulkDeleteAnswer::export_all(&cfg)?;
    Extent::export_all(&cfg)?;
    ErrorPayload::export_all(&cfg)?;
    StoredEvent::export_all(&cfg)?;
    Event::export_all(&cfg)?;
    Actor::export_all(&cfg)?;
    Source::export_all(&cfg)?;
    crate::Link::export_all(&cfg)?;
    crate::Relation::export_all(&cfg)?;
    Kind::export_all(&cfg)?;
    Side::export_all(&cfg)?;
    Precision::export_all(&cfg)?;
    Filter::export_all(&cfg)?;
    SearchQuery::export_all(&cfg)?;
    SearchHit::export_all(&cfg)?;
    SearchAnswer::export_all(&cfg)?;
    Facets::export_all(&cfg)?;
    crate::Change::export_all(&cfg)?;
    crate::HistoryState::export_all(&cfg)?;
    crate::transfer::ExportRequest::export_all(&cfg)?;
    crate::transfer::ImportPlan::export_all(&cfg)?;
    crate::transfer::ImportReading::export_all(&cfg)?;
    crate::transfer::TransferProgress::export_all(&cfg)?;
    crate::import::ImportReport::export_all(&cfg)?;
    crate::import::ImportPreview::export_all(&cfg)?;
    crate::identity::OpenProblem::export_all(&cfg)?;
    crate::opening::OpeningStep::export_all(&cfg)?;
    crate::limits::Limits::export_all(&cfg)?;
    crate::backup::Backup::export_all(&cfg)?;
    crate::backup::Restored::export_all(&cfg)?;
    crate::ingest::Extraction::export_all(&cfg)?;
    crate::ingest::PageFormat::export_all(&cfg)?;
    crate::ingest::ArticleRequest::export_all(&cfg)?;
    crate::article_input::ArticleFile::export_all(&cfg)?;
    crate::article_items::ArticleItem::export_all(&cfg)?;
    crate::article_items::ArticleAdded::export_all(&cfg)?;
    crate::eras::Era::export_all(&cfg)?;
    crate::periods::Period::export_all(&cfg)?;
    crate::periods::Colour::export_all(&cfg)?;
    crate::thread::EventLinks::export_all(&cfg)?;
    crate::thread::LinkPair::export_all(&cfg)?;
    crate::saved_views::SavedView::export_all(&cfg)?;
    crate::saved_views::SavedViews::export_all(&cfg)?;
    crate::saved_views::ViewsImported::export_all(&cfg)?;
    Ok(())
}
