//! The UI's labels, orders, colours and date wording are generated from the core's
//! vocabulary; if the committed files drift from it, the app and the exports disagree again.

use std::path::PathBuf;

use bilateral_core::ui_vocabulary::{self, STYLESHEET_PATH, TYPESCRIPT_PATH};

fn repository(path: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../..")).join(path)
}

#[test]
fn committed_vocabulary_bindings_match_the_core() {
    let files = [
        (TYPESCRIPT_PATH, ui_vocabulary::typescript()),
        (STYLESHEET_PATH, ui_vocabulary::stylesheet()),
    ];
    for (path, generated) in &files {
        let target = repository(path);
        if std::env::var_os("BILATERAL_UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(target.parent().expect("a folder")).expect("mkdir");
            std::fs::write(&target, generated).expect("write the generated file");
        }
        let committed = std::fs::read_to_string(&target).unwrap_or_default();
        assert!(
            committed == *generated,
            "{path} is stale: run `BILATERAL_UPDATE_BINDINGS=1 cargo test -p bilateral-core \
             --test integration vocabulary` and commit it"
        );
    }
}

#[test]
fn the_generated_module_carries_every_kind_with_the_apps_colours() {
    let module = ui_vocabulary::typescript();
    assert!(module.contains("meeting: \"Meeting\""), "{module}");
    assert!(
        module.contains("meeting: {\"light\":\"#1d4ed8\",\"dark\":\"#60a5fa\"}"),
        "Meeting is the app's blue"
    );
    let sheet = ui_vocabulary::stylesheet();
    assert_eq!(
        sheet.matches("--k-").count(),
        2 * bilateral_core::Kind::ALL.len()
    );
    assert!(
        module.contains("[\"1971\",\"1972\",\"1971–1972\"]"),
        "{module}"
    );
}
