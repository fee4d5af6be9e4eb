//! Reliability end to end: crashes, signals, locks, re-runs, reindex,
//! verify and hostile input, each with the real binary, real Tesseract and
//! a real index on disk.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn spawn_ingest(input: &Path, index: &Path, report: &Path) -> Child {
    sohoa()
        .arg("ingest")
        .arg(input)
        .arg("--index")
        .arg(index)
        .arg("--report")
        .arg(report)
        .args(["--jobs", "2"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Page records in the store so far.
fn stored_pages(index: &Path) -> usize {
    walkdir::WalkDir::new(index.join("store"))
        .into_iter()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy();
            n.ends_with(".json") && n != "dossier.json" && !n.starts_with('.')
        })
        .count()
}

fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A temp dir with a good copy of the samples: (dir, input, index, report).
fn samples_setup() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    good_samples_copy(&input);
    let (index, report) = (tmp.path().join("index"), tmp.path().join("r.json"));
    (tmp, input, index, report)
}

fn report(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn kill_9_then_rerun_equals_a_clean_run() {
    let (tmp, input, crashed, r) = samples_setup();
    let clean = tmp.path().join("clean");

    let mut child = spawn_ingest(&input, &crashed, &r);
    wait_for("a third of the pages", || stored_pages(&crashed) >= 3);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(stored_pages(&crashed) < 9, "killed before the end");

    let rerun = spawn_ingest(&input, &crashed, &r)
        .wait_with_output()
        .unwrap();
    assert_code(&rerun, 0);
    let again = report(&r);
    assert!(again["pages_unchanged"].as_u64().unwrap() >= 3, "{again}");

    let fresh = spawn_ingest(&input, &clean, &r).wait_with_output().unwrap();
    assert_eq!(fresh.status.code(), Some(0));
    assert_eq!(observable(&crashed), observable(&clean));
    let v = run(&["verify", "--index", crashed.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
}

#[test]
fn sigterm_commits_what_is_done_and_writes_the_report() {
    let (_tmp, input, index, r) = samples_setup();
    let child = spawn_ingest(&input, &index, &r);
    wait_for("a first page", || stored_pages(&index) >= 1);
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 1);
    let first = report(&r);
    assert_eq!(first["interrupted"], true);
    assert!(first["pages_ok"].as_u64().unwrap() < 9);
    // What was done is searchable now, and a re-run finishes the rest.
    let listed = json_lines(&run(&[
        "list",
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]));
    assert!(!listed.is_empty());
    let rerun = spawn_ingest(&input, &index, &r).wait_with_output().unwrap();
    assert_eq!(rerun.status.code(), Some(0));
    assert_eq!(report(&r)["pages_ok"], 9);
}

#[test]
fn a_second_writer_exits_2_naming_the_first_which_finishes() {
    let (_tmp, input, index, r) = samples_setup();
    let first = spawn_ingest(&input, &index, &r);
    let pid = first.id().to_string();
    wait_for("the lock", || {
        std::fs::read_to_string(index.join("sohoa.lock")).is_ok_and(|s| s.contains(&pid))
    });
    for cmd in [vec!["ingest", input.to_str().unwrap()], vec!["reindex"]] {
        let o = sohoa()
            .args(&cmd)
            .arg("--index")
            .arg(&index)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{cmd:?}: {err}");
        assert!(
            err.contains(&format!("pid {pid}")) && err.contains("since"),
            "{err}"
        );
    }
    // Reading goes on meanwhile.
    assert_eq!(
        run(&["list", "--index", index.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let out = first.wait_with_output().unwrap();
    assert_code(&out, 0);
    // --wait queues behind a holder instead of failing.
    let o = sohoa()
        .args(["reindex", "--wait", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn unchanged_rerun_does_no_ocr_and_changes_nothing_and_reindex_reproduces() {
    let a = Archive::two_dossiers_ingested();
    let marker = std::fs::read(a.index().join("sohoa-index.json")).unwrap();
    let tantivy_dir = a.index().join(
        serde_json::from_slice::<Value>(&marker).unwrap()["tantivy"]
            .as_str()
            .unwrap(),
    );
    let meta_before = std::fs::read(tantivy_dir.join("meta.json")).unwrap();
    let store_before = fingerprint(&a.index().join("store"));

    let (code, r) = a.ingest(&["kho"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        (r["pages_ocr"].as_u64(), r["pages_unchanged"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(
        std::fs::read(tantivy_dir.join("meta.json")).unwrap(),
        meta_before
    );
    assert_eq!(fingerprint(&a.index().join("store")), store_before);

    let before = observable(&a.index());
    let o = run(&["reindex", "--index", a.index().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(observable(&a.index()), before);
    assert!(
        !tantivy_dir.exists(),
        "the old generation is removed after the switch"
    );
}

#[test]
fn prune_removes_dossiers_whose_folder_is_gone() {
    let a = Archive::two_dossiers_ingested();
    std::fs::remove_dir_all(a.root().join("hồ sơ 2")).unwrap();
    let (code, r) = a.ingest(&["kho"]);
    assert_eq!(code, Some(0));
    assert_eq!(r["missing"][0]["dossier"], "hồ sơ 2");
    assert_eq!(r["pruned"], 0);
    let ix = a.index();
    let ids = |ix: &Path| -> Vec<String> {
        json_lines(&run(&["list", "--index", ix.to_str().unwrap(), "--json"]))
            .iter()
            .map(|d| d["dossier"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&ix), vec!["hồ sơ 1", "hồ sơ 2"], "kept without --prune");
    let o = sohoa()
        .arg("ingest")
        .arg(a.root())
        .arg("--prune")
        .arg("--index")
        .arg(&ix)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(ids(&ix), vec!["hồ sơ 1"]);
}

#[test]
fn verify_finds_changed_sources_and_repairs_the_index() {
    let a = Archive::new();
    let page = a.page("hồ sơ", "trang 1.png", HOA);
    a.page("hồ sơ", "trang 2.png", LAN);
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let ix = a.index().to_str().unwrap().to_string();
    let verify = |extra: &[&str]| {
        let o = sohoa()
            .args(["verify", "--json", "--index", &ix])
            .args(extra)
            .output()
            .unwrap();
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        (o.status.code(), v)
    };
    assert_eq!(verify(&[]).0, Some(0));

    // A source changed behind our back: reported, never "repaired".
    let mut bytes = std::fs::read(&page).unwrap();
    bytes.extend_from_slice(b"tail");
    std::fs::write(&page, bytes).unwrap();
    // A record damaged on disk.
    let store = a.index().join("store");
    let record = walkdir::WalkDir::new(&store)
        .into_iter()
        .flatten()
        .find(|e| {
            std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(r#""file":"trang 2.png""#))
        })
        .unwrap()
        .into_path();
    std::fs::write(&record, b"{ half a rec").unwrap();

    let (code, v) = verify(&[]);
    assert_eq!(code, Some(1));
    let kinds: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"source_changed"), "{v}");
    assert!(kinds.contains(&"corrupt_record"), "{v}");

    let (code, v) = verify(&["--repair"]);
    assert_eq!(code, Some(1), "a changed source stays a problem: {v}");
    // The damaged record is set aside and the index follows the store.
    let (_, v) = verify(&[]);
    let kinds: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert!(
        !kinds.contains(&"corrupt_record") && !kinds.contains(&"not_indexed"),
        "{v}"
    );
    // The next ingest redoes what the damaged record held.
    let (code, r) = a.ingest(&["kho"]);
    assert_eq!(code, Some(0));
    assert!(r["pages_ocr"].as_u64().unwrap() >= 1);
    assert_eq!(verify(&[]).0, Some(0));
}

#[test]
fn hostile_input_is_reported_and_the_rest_ingested() {
    use std::os::unix::ffi::OsStrExt;
    let a = Archive::new();
    let d = a.root().join("hồ sơ");
    a.page("hồ sơ", "trang 1.png", HOA);
    // NFD name: the id and file name come out NFC.
    a.page("Tra\u{0302}\u{0300}n", "trang 1.png", LAN);
    // Non-UTF-8 file name.
    let odd = std::ffi::OsStr::from_bytes(b"trang \xff.png");
    std::fs::copy(samples().join(LAN), d.join(odd)).unwrap();
    // Empty, garbage, and a PNG header claiming 100,000 × 100,000 pixels.
    std::fs::write(d.join("rỗng.jpg"), b"").unwrap();
    std::fs::write(d.join("rác.tif"), b"II*\0garbage").unwrap();
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bomb.extend_from_slice(&100_000u32.to_be_bytes());
    bomb.extend_from_slice(&100_000u32.to_be_bytes());
    bomb.extend_from_slice(b"\x08\0\0\0\0\0\0\0\0");
    std::fs::write(d.join("bom.png"), bomb).unwrap();
    // Symlink loop and a dangling link.
    std::os::unix::fs::symlink(a.root(), d.join("vòng lặp")).unwrap();
    std::os::unix::fs::symlink("/nonexistent.jpg", d.join("mất.jpg")).unwrap();
    // A very deep tree with a page at the bottom.
    let mut deep = a.root().join("sâu");
    for i in 0..60 {
        deep = deep.join(format!("tầng {i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::copy(samples().join(HOA), deep.join("trang 1.png")).unwrap();

    let before = fingerprint(&a.root());
    let (code, r) = a.ingest(&["kho"]);
    assert_eq!(code, Some(1), "{r}");
    let failed: Vec<String> = r["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} — {}", f["path"].as_str().unwrap(), f["reason"]))
        .collect();
    for name in ["rỗng.jpg", "rác.tif", "bom.png", "vòng lặp", "mất.jpg"] {
        assert!(
            failed.iter().any(|f| f.contains(name)),
            "{name} in {failed:#?}"
        );
    }
    assert!(failed.iter().all(|f| !f.contains("trang ")), "{failed:#?}");
    assert_eq!(
        r["pages_ok"], 4,
        "two good pages, the odd name, the deep one: {r}"
    );
    let ids: Vec<String> = json_lines(&run(&[
        "list",
        "--index",
        a.index().to_str().unwrap(),
        "--json",
    ]))
    .iter()
    .map(|d| d["dossier"].as_str().unwrap().to_string())
    .collect();
    assert!(ids.contains(&"Trần".to_string()), "{ids:?}");
    assert!(ids.iter().any(|i| i.ends_with("tầng 59")), "{ids:?}");
    assert_eq!(fingerprint(&a.root()), before, "sources untouched");
}

#[test]
fn json_logs_have_one_line_per_failure_with_path_and_reason() {
    let a = Archive::new();
    a.page("hồ sơ", "trang 1.png", HOA);
    std::fs::write(a.root().join("hồ sơ/hỏng.jpg"), b"\xff\xd8\xff\xe0junk").unwrap();
    let o = sohoa()
        .arg("ingest")
        .arg(a.root())
        .arg("--index")
        .arg(a.index())
        .args(["--log-format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8_lossy(&o.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let failures: Vec<&Value> = lines
        .iter()
        .filter(|l| l["fields"]["message"] == "failed")
        .collect();
    assert_eq!(failures.len(), 1, "{lines:#?}");
    assert!(failures[0]["fields"]["path"]
        .as_str()
        .unwrap()
        .ends_with("hỏng.jpg"));
    assert!(!failures[0]["fields"]["reason"].as_str().unwrap().is_empty());
    assert!(lines
        .iter()
        .any(|l| l["fields"]["message"] == "ingest finished"));
}

/// A full disk under the index: the run stops with exit 2 and what was
/// committed before stays searchable. Needs root to mount a small tmpfs
/// (CI runs as root); elsewhere the test says so and passes nothing off.
#[test]
fn a_full_disk_stops_cleanly_with_exit_2() {
    let a = Archive::new();
    let mnt = a.tmp.path().join("small");
    std::fs::create_dir_all(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("SKIPPED: cannot mount a tmpfs here (needs root)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&mnt);
    let index = mnt.join("index");
    a.page("hồ sơ 1", "trang 1.png", HOA);
    let ingest = || {
        sohoa()
            .arg("ingest")
            .arg(a.root())
            .arg("--index")
            .arg(&index)
            .output()
            .unwrap()
    };
    assert_eq!(ingest().status.code(), Some(0));
    // Fill the disk, then bring more pages.
    let _ = std::process::Command::new("dd")
        .args(["if=/dev/zero", "bs=64k"])
        .arg(format!("of={}", mnt.join("filler").display()))
        .stderr(Stdio::null())
        .status();
    a.page("hồ sơ 2", "trang 1.png", LAN);
    let o = ingest();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("No space left"), "{err}");
    std::fs::remove_file(mnt.join("filler")).unwrap();
    let hits = json_lines(&run(&[
        "search",
        "nguyen thi hoa",
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(hits[0]["dossier"], "hồ sơ 1");
    let v = run(&["verify", "--index", index.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
}

/// A 500-page TIFF is ingested page by page (each worker decodes one page
/// at a time), every page lands in the store and the dossier lists 500.
#[test]
fn a_500_page_tiff_is_ingested_page_by_page() {
    use tiff::encoder::{colortype::Gray8, TiffEncoder};
    let a = Archive::new();
    let dir = a.root().join("sổ 500 trang");
    std::fs::create_dir_all(&dir).unwrap();
    let file = std::fs::File::create(dir.join("sổ.tif")).unwrap();
    let mut enc = TiffEncoder::new(std::io::BufWriter::new(file)).unwrap();
    let (w, h) = (200u32, 120u32);
    for i in 0..500u32 {
        // A dark bar whose length differs per page, on white.
        let mut px = vec![255u8; (w * h) as usize];
        for y in 50..60 {
            for x in 20..(30 + i % 150) {
                px[(y * w + x) as usize] = 0;
            }
        }
        enc.write_image::<Gray8>(w, h, &px).unwrap();
    }
    drop(enc);
    let (code, r) = a.ingest(&["kho"]);
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["pages_ok"], 500);
    let v = a.show("sổ 500 trang");
    let pages = v["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 500);
    assert_eq!(pages[499]["file_page"], 500);
    assert_eq!(pages[499]["page"], 500);
}
