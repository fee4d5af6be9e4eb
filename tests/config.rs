//! The config file with the real binary: its values fill what the command
//! line leaves at the default, flags win, an unknown key or a missing
//! named file exits 2 naming it. (No OCR: the commands are pointed at
//! index folders that do not exist, and the error says which one was used.)

mod common;

use common::*;
use std::path::Path;

fn write_config(dir: &Path, text: &str) -> String {
    let path = dir.join("sohoa.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn config_values_fill_defaults_and_flags_win() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write_config(tmp.path(), "index = \"from-config\"\njobs = 1\n");
    // The index comes from the file, relative to the file's folder.
    let o = run(&["--config", &cfg, "list"]);
    assert_code(&o, 2);
    let want = tmp.path().join("from-config");
    assert!(
        stderr(&o).contains(want.to_str().unwrap()),
        "{}",
        stderr(&o)
    );
    // --config after the subcommand too (a global flag).
    let o = run(&["search", "x", "--config", &cfg]);
    assert!(stderr(&o).contains("from-config"), "{}", stderr(&o));
    // A flag wins over the file.
    let o = run(&["--config", &cfg, "list", "--index", "/nonexistent/flag"]);
    assert_code(&o, 2);
    assert!(stderr(&o).contains("/nonexistent/flag"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("from-config"), "{}", stderr(&o));
}

#[test]
fn watch_folders_come_from_the_config_file() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write_config(tmp.path(), "watch = [\"incoming\"]\n");
    let o = run(&["--config", &cfg, "watch", "--index", "/nonexistent/i"]);
    assert_code(&o, 2);
    let want = tmp.path().join("incoming");
    assert!(
        stderr(&o).contains(&format!("{}: cannot read input folder", want.display())),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_unknown_key_exits_2_naming_the_key_and_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write_config(tmp.path(), "idnex = \"/var/lib/sohoa/index\"\n");
    let o = run(&["--config", &cfg, "list"]);
    assert_code(&o, 2);
    let e = stderr(&o);
    assert!(e.contains("idnex") && e.contains(&cfg), "{e}");
}

#[test]
fn a_missing_named_config_file_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let absent = tmp.path().join("absent.toml");
    let o = run(&["--config", absent.to_str().unwrap(), "list"]);
    assert_code(&o, 2);
    assert!(stderr(&o).contains("absent.toml"), "{}", stderr(&o));
}

#[test]
fn serve_takes_its_tls_files_from_the_config_file_and_names_a_missing_one() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write_config(
        tmp.path(),
        "listen = \"127.0.0.1:0\"\ntls_cert = \"c.pem\"\ntls_key = \"k.pem\"\n",
    );
    let o = run(&["--config", &cfg, "serve", "--index", "/nonexistent/i"]);
    assert_code(&o, 2);
    assert!(stderr(&o).contains("c.pem"), "{}", stderr(&o));
}
