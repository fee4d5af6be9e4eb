//! An index folder sohoa may not write to (a read-only snapshot or backup):
//! `list`, `search`, `show`, `verify` and `serve` read it; `verify
//! --repair` and `ingest` exit 2 naming the file they could not write.
//!
//! Made read-only the way that holds against the user running the tests:
//! for root (whom `chmod` does not stop) a read-only bind mount of the
//! folder; for anyone else `chmod -R a-w`. Where root cannot mount (a
//! container without the capability) the test says SKIPPED.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The index folder made read-only until dropped.
struct ReadOnly {
    dir: PathBuf,
    mounted: bool,
}

impl ReadOnly {
    fn make(index: &Path, mnt: &Path) -> Option<ReadOnly> {
        let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
        if !root {
            let ok = Command::new("chmod")
                .args(["-R", "a-w"])
                .arg(index)
                .status();
            assert!(ok.unwrap().success());
            return Some(ReadOnly {
                dir: index.to_path_buf(),
                mounted: false,
            });
        }
        std::fs::create_dir_all(mnt).unwrap();
        let bind = Command::new("mount")
            .arg("--bind")
            .arg(index)
            .arg(mnt)
            .status()
            .is_ok_and(|s| s.success());
        if !bind {
            return None;
        }
        let ro = ReadOnly {
            dir: mnt.to_path_buf(),
            mounted: true,
        };
        let remount = Command::new("mount")
            .args(["-o", "remount,ro,bind"])
            .arg(mnt)
            .status()
            .is_ok_and(|s| s.success());
        remount.then_some(ro)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(&self.dir).status();
        } else {
            let _ = Command::new("chmod")
                .args(["-R", "u+w"])
                .arg(&self.dir)
                .status();
        }
    }
}

fn get(addr: &str, target: &str) -> (String, String) {
    let a = web::get(addr, target);
    (a.status.to_string(), a.text())
}

#[test]
fn a_read_only_index_is_listed_searched_shown_verified_and_served() {
    let a = Archive::two_dossiers_ingested();
    let Some(ro) = ReadOnly::make(&a.index(), &a.tmp.path().join("ro")) else {
        eprintln!("SKIPPED: cannot make a read-only bind mount here (needs CAP_SYS_ADMIN)");
        return;
    };
    let ix = ro.dir.to_str().unwrap();
    // Really read-only for us.
    assert!(std::fs::write(ro.dir.join("probe"), b"x").is_err());
    let before = fingerprint(&ro.dir);

    let o = run(&["list", "--index", ix, "--json"]);
    assert_code(&o, 0);
    assert_eq!(json_lines(&o).len(), 2);
    let o = run(&["search", "Nguyễn Thị Hoa", "--index", ix, "--json"]);
    assert_code(&o, 0);
    assert_eq!(json_lines(&o)[0]["dossier"], "hồ sơ 1");
    let o = run(&["show", "hồ sơ 2", "--index", ix, "--json"]);
    assert_code(&o, 0);
    let o = run(&["verify", "--index", ix]);
    assert_code(&o, 0);

    // Writers say what they could not write.
    let o = run(&["verify", "--repair", "--index", ix]);
    assert_code(&o, 2);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("sohoa.lock"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // serve: search, a dossier page and a page image (its cache cannot be
    // written; the image is served all the same).
    let srv = web::Server::start_on(&ro.dir, &[]);
    let addr = srv.addr.clone();
    let (status, body) = get(&addr, "/api/search?q=hoa");
    assert_eq!(status, "200", "{body}");
    assert!(body.contains("hồ sơ 1"), "{body}");
    let (status, body) = get(&addr, "/dossiers/h%E1%BB%93%20s%C6%A1%201");
    assert_eq!(status, "200", "{body}");
    let (status, body) = get(&addr, "/page-image?dossier=h%E1%BB%93%20s%C6%A1%201&page=1");
    assert_eq!(status, "200", "{body}");
    drop(srv);

    assert_eq!(fingerprint(&ro.dir), before, "nothing written");
}
