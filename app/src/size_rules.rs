//! Two rules that keep the browser's wasm small (README, Benchmarks), checked over `app/src`:
//! pages make resources with [`crate::resource::new`], and dates are written with
//! [`crate::dates`]. Either slip compiles and works; it only makes every page heavier.

use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, with its path relative to `src/`.
fn sources(dir: &Path, base: &Path, found: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, base, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let name = path
                .strip_prefix(base)
                .expect("under src")
                .display()
                .to_string();
            found.push((
                name,
                fs::read_to_string(&path).expect("a readable source file"),
            ));
        }
    }
}

/// The files (other than `allowed`) that contain any of `patterns`.
fn offenders(patterns: &[&str], allowed: &str) -> Vec<String> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    sources(&base, &base, &mut found);
    found
        .into_iter()
        .filter(|(name, text)| name != allowed && patterns.iter().any(|p| text.contains(p)))
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn resources_are_made_with_the_shared_json_reader() {
    // Written in two halves so that this file does not match itself.
    let new = ["Resource::", "new("].concat();
    let blocking = ["Resource::", "new_blocking("].concat();
    let found = offenders(&[&new, &blocking], "resource.rs");
    assert!(
        found.is_empty(),
        "use crate::resource::new instead in {found:?}"
    );
}

#[test]
fn dates_are_written_without_chrono_patterns() {
    let pattern = [".format(\"", "%"].concat();
    let found = offenders(&[&pattern], "dates/mod.rs");
    assert!(found.is_empty(), "use crate::dates instead in {found:?}");
}
