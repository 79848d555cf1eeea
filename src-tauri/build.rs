fn main() {
    // Declaring the app's commands makes each one a permission that a capability must grant.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "window_events",
        "table_page",
        "extent",
        "get_event",
        "event_links",
        "event_thread",
        "links_among",
        "search",
        "facets",
        "create_event",
        "update_event",
        "delete_event",
        "undo",
        "redo",
        "history",
        "export_events",
        "import_preview",
        "import_commit",
        "import_cancel",
        "list_backups",
        "restore_backup",
        "open_source",
        "extract_article",
        "open_article_file",
        "add_from_article",
        "eras",
        "startup_problem",
        "open_database",
        "create_database",
        "quit",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|e| panic!("tauri build script failed: {e:#}"));
}
