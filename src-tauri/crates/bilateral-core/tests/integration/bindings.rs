use std::collections::BTreeMap;
use std::path::Path;

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                    (name, text)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The frontend compiles against the committed bindings; if they drift from the Rust types,
/// the UI would send or expect fields the backend does not have.
#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("bindings");
    if std::env::var_os("BILATERAL_UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        bilateral_core::bindings::write_all(&committed).expect("write bindings");
    }
    let fresh = tempfile::tempdir().expect("tempdir");
    bilateral_core::bindings::write_all(fresh.path()).expect("generate bindings");
    let generated = read_dir(fresh.path());
    assert!(
        generated.contains_key("StoredEvent.ts"),
        "StoredEvent must be exported"
    );
    let committed = read_dir(&committed);
    let stale: Vec<&String> = generated
        .keys()
        .chain(committed.keys())
        .filter(|name| generated.get(*name) != committed.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "bindings/ is stale ({stale:?}): run `BILATERAL_UPDATE_BINDINGS=1 cargo test -p bilateral-core bindings` and commit it"
    );
}
