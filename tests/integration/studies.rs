//! `docs/studies.md` matches what the tool prints: its recorded fingerprint equals a short
//! regeneration's (see `scripts/studies.py`).

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_studies_page_matches_a_short_regeneration() {
    let page = std::fs::read_to_string(root().join("docs/studies.md")).unwrap();
    let marker = "regeneration check (scripts/studies.py --short --fingerprint): ";
    let at = page
        .find(marker)
        .expect("docs/studies.md records its fingerprint")
        + marker.len();
    let recorded: String = page[at..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(recorded.len(), 64, "a sha256 in hex");
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new("python3")
        .arg(root().join("scripts/studies.py"))
        .args([
            "--short",
            "--fingerprint",
            "--bin",
            env!("CARGO_BIN_EXE_freightsim"),
        ])
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("python3 runs scripts/studies.py");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let now = String::from_utf8_lossy(&o.stdout).trim().to_owned();
    assert_eq!(
        now, recorded,
        "docs/studies.md is stale: the tool now prints other results; regenerate it with scripts/studies.py"
    );
}
