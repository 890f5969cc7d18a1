//! Docs, code and tests cite only what ships with the crate: no design brief, style guide or
//! benchmark-format file of the surrounding workspace; the reference documents are rendered in
//! rustdoc, and the README keeps exactly its two set-up commands.

use std::path::{Path, PathBuf};

/// Citations of files that do not ship with the crate.
const FORBIDDEN: &[&str] = &[
    "DESIGN §",
    "DESIGN.md",
    "STYLE §",
    "STYLE.md",
    "FORMATS.md",
    "../shared/",
];

/// Files still carrying such a citation because another branch is rewriting them; each entry
/// must still need its exception (the test fails once the file is clean, so the entry goes).
const PENDING: &[&str] = &[];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "md" | "py" | "sh" | "cpp" | "toml")
        ) {
            out.push(path);
        }
    }
}

fn citations(text: &str) -> Vec<&'static str> {
    FORBIDDEN
        .iter()
        .copied()
        .filter(|f| text.contains(f))
        .collect()
}

#[test]
fn nothing_cites_files_outside_the_crate() {
    let mut files = vec![root().join("README.md"), root().join("Cargo.toml")];
    for dir in ["src", "docs", "examples", "tests", "benches", ".ci"] {
        files_under(&root().join(dir), &mut files);
    }
    files.push(root().join(".ci/run"));
    assert!(files.len() > 50, "{} files", files.len());
    let this_file = root().join("tests/doc_hygiene.rs");
    for path in files.iter().filter(|p| **p != this_file) {
        let text = std::fs::read_to_string(path).expect("readable");
        let rel = path.strip_prefix(root()).expect("under root");
        let found = citations(&text);
        if PENDING.iter().any(|p| Path::new(p) == rel) {
            assert!(
                !found.is_empty(),
                "{}: clean now, remove it from PENDING",
                rel.display()
            );
        } else {
            assert!(found.is_empty(), "{} cites {found:?}", rel.display());
        }
    }
}

#[test]
fn reference_documents_are_rendered_in_rustdoc() {
    let docs = std::fs::read_to_string(root().join("src/docs.rs")).expect("src/docs.rs");
    for name in [
        "rules.md",
        "scenario-format.md",
        "plan-format.md",
        "explain-format.md",
        "design.md",
        "reliability.md",
    ] {
        let include = format!("include_str!(\"../docs/{name}\")");
        assert!(
            docs.contains(&include),
            "docs/{name} is not in the `docs` module"
        );
    }
}

#[test]
fn readme_has_exactly_two_setup_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let start = readme.find("## Two commands").expect("section");
    let block = &readme[start..];
    let open = block.find("```sh\n").expect("block") + "```sh\n".len();
    let len = block[open..].find("```").expect("end");
    let commands: Vec<&str> = block[open..open + len]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert!(
        commands[0].starts_with("cargo run --release --features cli"),
        "{commands:?}"
    );
    assert!(commands[1].starts_with("cargo test"), "{commands:?}");
}

#[test]
fn cargo_toml_names_the_repository() {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    assert!(toml.contains("repository = \"https://github.com/wushe-rs/wushe\""));
}
