//! What `make deb` packages besides the binary: the man pages and shell
//! completions the hidden `sohoa generate` writes from the clap definition,
//! and the systemd units (checked with `systemd-analyze verify` when it is
//! installed and the binary is at /usr/bin/sohoa, i.e. the package is in).

mod common;

use common::*;
use std::path::Path;

#[test]
fn generate_writes_a_man_page_per_command_and_three_completions() {
    let tmp = tempfile::tempdir().unwrap();
    let man = tmp.path().join("man");
    assert_code(
        &run(&["generate", "man", "--out", man.to_str().unwrap()]),
        0,
    );
    let mut pages: Vec<String> = std::fs::read_dir(&man)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for want in [
        "sohoa.1",
        "sohoa-ingest.1",
        "sohoa-watch.1",
        "sohoa-verify.1",
    ] {
        assert!(pages.contains(&want.to_string()), "{pages:?}");
    }
    assert!(
        !pages
            .iter()
            .any(|p| p.contains("help") || p.contains("generate")),
        "no help or hidden pages: {pages:?}"
    );
    let watch = std::fs::read_to_string(man.join("sohoa-watch.1")).unwrap();
    assert!(watch.contains("settle"), "{watch}");

    let comp = tmp.path().join("completions");
    let o = run(&["generate", "completions", "--out", comp.to_str().unwrap()]);
    assert_code(&o, 0);
    for f in ["sohoa.bash", "_sohoa", "sohoa.fish"] {
        let text = std::fs::read_to_string(comp.join(f)).unwrap();
        assert!(text.contains("watch") && text.contains("settle"), "{f}");
    }
}

#[test]
fn the_systemd_units_verify() {
    let units: Vec<String> = [
        "sohoa-serve.service",
        "sohoa-watch.service",
        "sohoa-verify.service",
        "sohoa-verify.timer",
    ]
    .iter()
    .map(|u| format!("{}/debian/{u}", env!("CARGO_MANIFEST_DIR")))
    .collect();
    for u in &units {
        let text = std::fs::read_to_string(u).unwrap();
        if u.ends_with(".service") {
            for key in [
                "User=sohoa",
                "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/sohoa",
                "NoNewPrivileges=yes",
            ] {
                assert!(text.contains(key), "{u}: {key}");
            }
        }
    }
    let analyze = Path::new("/usr/bin/systemd-analyze");
    if !analyze.exists() || !Path::new("/usr/bin/sohoa").exists() {
        eprintln!(
            "SKIPPED: systemd-analyze verify needs systemd-analyze and the installed package"
        );
        return;
    }
    let o = std::process::Command::new(analyze)
        .arg("verify")
        .args(&units)
        .output()
        .unwrap();
    assert_code(&o, 0);
}
