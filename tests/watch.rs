//! `sohoa watch` end to end: the real binary watching a temp folder while
//! scans are copied in (one slowly, in two writes, to show the settle
//! rule), killed with SIGKILL in the middle of a run, restarted, stopped
//! with SIGTERM; the index it leaves equals a clean `ingest` of the same
//! folder, with no page stored or indexed twice.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const HUE: [&str; 3] = [
    "nguoi-co-cong/Nông Thị Huệ/trang 1.jpg",
    "nguoi-co-cong/Nông Thị Huệ/trang 2.jpg",
    "nguoi-co-cong/Nông Thị Huệ/trang 3.jpg",
];

/// `sohoa watch` on `root`, JSON log lines into `log` (appended).
fn start(root: &Path, index: &Path, log: &Path) -> Child {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    let child = sohoa()
        .arg("watch")
        .arg(root)
        .arg("--index")
        .arg(index)
        .args(["--settle", "3s", "--rescan", "30s", "--jobs", "1"])
        .args(["--log-format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::from(file))
        .spawn()
        .unwrap();
    let logged = log.to_path_buf();
    wait_for("the watch to start", || {
        log_lines(&logged)
            .iter()
            .filter(|l| message(l).starts_with("watching "))
            .count()
    });
    child
}

/// Log lines as JSON (each must be one object: the `--log-format json` contract).
fn log_lines(log: &Path) -> Vec<Value> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn message(line: &Value) -> &str {
    line["fields"]["message"].as_str().unwrap_or("")
}

/// Poll until `count` is above 0 (it counts starts, runs, hits …); panic
/// after two minutes.
fn wait_for(what: &str, mut count: impl FnMut() -> usize) {
    let started = Instant::now();
    while count() == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn hits(index: &Path, query: &str) -> Vec<Value> {
    let o = run(&[
        "search",
        query,
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]);
    if o.status.code() != Some(0) {
        return Vec::new(); // no index yet
    }
    json_lines(&o)
}

fn copy_in(root: &Path, dossier: &str, sample: &str) -> PathBuf {
    let dir = root.join(dossier);
    std::fs::create_dir_all(&dir).unwrap();
    let to = dir.join(Path::new(sample).file_name().unwrap());
    std::fs::copy(samples().join(sample), &to).unwrap();
    to
}

fn terminate(child: &mut Child) -> Option<i32> {
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    child.wait().unwrap().code()
}

#[test]
fn watch_takes_settled_scans_survives_kill_9_and_equals_a_clean_ingest() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kho");
    let index = tmp.path().join("index");
    let log = tmp.path().join("watch.log");
    std::fs::create_dir_all(&root).unwrap();
    let mut child = start(&root, &index, &log);

    // A scanner writing slowly: half the file, a pause shorter than the
    // settle time, the rest. Half a PNG is an unreadable file: had it been
    // taken, it would be a failure in the log and in no search.
    let bytes = std::fs::read(samples().join(HOA)).unwrap();
    let dir = root.join("hồ sơ 1");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("trang 1.png");
    std::fs::write(&page, &bytes[..bytes.len() / 2]).unwrap();
    std::thread::sleep(Duration::from_millis(2000));
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&page)
            .unwrap();
        f.write_all(&bytes[bytes.len() / 2..]).unwrap();
    }
    assert!(
        page_records(&index).is_empty(),
        "nothing stored while the file was still changing"
    );
    wait_for("the slowly written scan to be found", || {
        hits(&index, "Nguyễn Thị Hoa").len()
    });
    let lines = log_lines(&log);
    assert!(
        lines
            .iter()
            .any(|l| message(l) == "waiting for files to stop changing"),
        "the settle rule is logged: {lines:?}"
    );
    assert!(
        !lines.iter().any(|l| message(l) == "failed"),
        "the half-written file was never taken: {lines:?}"
    );

    // A three-page dossier; kill -9 as soon as its run has planned the OCR.
    let planned = |log: &Path| {
        log_lines(log)
            .iter()
            .filter(|l| message(l).starts_with("3 pages to OCR"))
            .count()
    };
    for s in HUE {
        copy_in(&root, "hồ sơ 2", s);
    }
    wait_for("the run of the three-page dossier", || planned(&log));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let stored_at_kill = page_records(&index).len();
    assert!(
        stored_at_kill < 4,
        "killed in the middle of the run ({stored_at_kill} pages stored)"
    );

    // Restarted, it finishes the dossier; SIGTERM stops it with exit 0.
    let mut child = start(&root, &index, &log);
    wait_for("the three-page dossier to be indexed", || {
        let o = run(&["list", "--index", index.to_str().unwrap(), "--json"]);
        json_lines(&o)
            .iter()
            .filter(|d| d["dossier"] == "hồ sơ 2" && d["pages"] == 3)
            .count()
    });
    assert_eq!(terminate(&mut child), Some(0), "SIGTERM is a clean stop");
    let lines = log_lines(&log);
    assert_eq!(message(lines.last().unwrap()), "stopped", "{lines:?}");

    // Nothing lost, nothing twice.
    let records = page_records(&index);
    let keys: BTreeSet<(String, String, u64)> = records
        .iter()
        .map(|r| {
            (
                r["dossier"].as_str().unwrap().to_string(),
                r["file"].as_str().unwrap().to_string(),
                r["page_in_file"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!((records.len(), keys.len()), (4, 4), "{keys:?}");
    let found = hits(&index, "Nguyễn Thị Hoa");
    assert_eq!(found[0]["dossier"], "hồ sơ 1", "{found:?}");
    // The index in step with the store, page by page, both ways.
    let v = run(&["verify", "--index", index.to_str().unwrap()]);
    assert_code(&v, 0);

    // The same as a clean ingest of the folder.
    let clean = tmp.path().join("clean");
    let o = sohoa()
        .arg("ingest")
        .arg(&root)
        .arg("--index")
        .arg(&clean)
        .args(["--jobs", "2"])
        .output()
        .unwrap();
    assert_code(&o, 0);
    assert_eq!(observable(&index), observable(&clean));
    let list = stdout(&run(&[
        "list",
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(list.lines().count(), 2, "{list}");
}

#[test]
fn watch_without_a_folder_or_with_a_bad_settle_time_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let o = run(&["watch", "--index", index.to_str().unwrap()]);
    assert_code(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no folder to watch"));
    let o = run(&["watch", tmp.path().to_str().unwrap(), "--settle", "soon"]);
    assert_code(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a duration"));
    let o = run(&["watch", tmp.path().join("absent").to_str().unwrap()]);
    assert_code(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read input folder"));
}
