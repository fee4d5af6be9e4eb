//! Accounts of `sohoa serve`, against the real server on loopback: every
//! route of the router without a session, a forged or expired cookie, CSRF,
//! roles, a fonds-limited user asking for another fonds by URL, brute force,
//! and a scripted session whose every action is in the audit log.

mod auth_client;
mod common;
use auth_client::*;
use common::web::*;
use common::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;

const A1: &str = "phong-a/hồ sơ 1";
const B2: &str = "phong-b/hồ sơ 2";
const LAN_PW: &str = "mat-khau-cua-lan";
const HUNG_PW: &str = "mat-khau-cua-hung";
const AN_PW: &str = "mat-khau-cua-an";

/// Two fonds of one dossier each, ingested once per test binary, with
/// three accounts: lan (ra_soat, every fonds), hung (tra_cuu, phong-a
/// only) and an (quan_tri).
fn index() -> &'static PathBuf {
    static ONCE: OnceLock<(Archive, PathBuf)> = OnceLock::new();
    &ONCE
        .get_or_init(|| {
            let a = Archive::new();
            a.page(A1, "trang 1.png", HOA);
            a.page(B2, "trang 1.png", LAN);
            assert_eq!(a.ingest(&["kho"]).0, Some(0));
            let ix = a.index();
            add_user(&ix, "lan", LAN_PW, &["--role", "ra_soat"]);
            add_user(
                &ix,
                "hung",
                HUNG_PW,
                &["--role", "tra_cuu", "--fonds", "phong-a"],
            );
            add_user(&ix, "an", AN_PW, &["--role", "quan_tri"]);
            (a, ix)
        })
        .1
}

#[test]
fn every_route_needs_a_session_and_a_forged_one_is_none() {
    let srv = Server::start_on(index(), &["--token", "mã-cho-script"]);
    let routes = sohoa::serve::routes();
    let mut seen = Vec::new();
    let forged = format!("Cookie: sohoa_session={}", "ab".repeat(32));
    for r in routes {
        let target = target_of(r.path, A1);
        seen.push(format!("{} {}", r.method, r.path));
        for cookie in [None, Some(forged.as_str())] {
            let headers: Vec<&str> = cookie.into_iter().collect();
            let a = send(&srv.addr, r.method, &target, &headers, None);
            match r.access {
                sohoa::serve::Access::Public => {
                    if r.method == "GET" {
                        assert_eq!(a.status, 200, "{} {target}", r.method);
                    }
                }
                sohoa::serve::Access::Role(_) => {
                    if r.method == "GET" && !r.path.starts_with("/api/") {
                        assert_eq!(a.status, 302, "{} {target}: {}", r.method, a.text());
                        let to = header(&a, "location").unwrap();
                        assert!(to.starts_with("/login?next="), "{to}");
                    } else {
                        assert_eq!(a.status, 401, "{} {target}: {}", r.method, a.text());
                    }
                    assert!(!a.text().contains("Quách") && !a.text().contains("Nguyễn"));
                }
            }
        }
    }
    eprintln!("routes enumerated: {seen:?}");
    assert!(seen.len() >= 15, "{seen:?}");
    // An address the router does not have is no way around the login.
    assert_eq!(get(&srv.addr, "/khong-co-trang-nay").status, 302);
    // The public ones are the login page and what it needs.
    let public: Vec<&str> = routes
        .iter()
        .filter(|r| r.access == sohoa::serve::Access::Public)
        .map(|r| r.path)
        .collect();
    assert_eq!(
        public,
        [
            "/login",
            "/login",
            "/assets/style.css",
            "/assets/app.js",
            "/favicon.svg",
            "/favicon.ico"
        ]
    );
    // --token: the read-only API only, nothing else.
    let bearer = "Authorization: Bearer mã-cho-script";
    let api = http(
        &srv.addr,
        "GET",
        "/api/search?q=c%E1%BB%99ng",
        &[bearer],
        None,
    );
    assert_eq!(api.status, 200, "{}", api.text());
    let page = http(&srv.addr, "GET", "/", &[bearer], None);
    assert_eq!(page.status, 403);
    let fix = send(
        &srv.addr,
        "POST",
        "/api/corrections",
        &[bearer],
        Some(("application/json", "{}")),
    );
    assert_eq!(fix.status, 403);
    let wrong = http(
        &srv.addr,
        "GET",
        "/api/search?q=x",
        &["Authorization: Bearer sai"],
        None,
    );
    assert_eq!(wrong.status, 401);
    // The login page is Vietnamese and in the site's layout.
    let lp = get(&srv.addr, "/login");
    let t = lp.text();
    assert!(
        t.contains("Đăng nhập")
            && t.contains("name=\"username\"")
            && t.contains("name=\"password\"")
    );
    assert!(t.contains("lang=\"vi\"") && t.contains("/assets/style.css"));
    // No link a visitor without a session would only be sent back from.
    assert!(!t.contains("href=\"/dossiers\""), "{t}");
}

#[test]
fn an_idle_session_expires_and_logout_ends_it() {
    let srv = Server::start_on(index(), &["--session-idle", "1s", "--secure-cookies"]);
    let first = try_login(&srv.addr, "lan", LAN_PW);
    let set = header(&first, "set-cookie").unwrap();
    assert!(set.ends_with("; Secure"), "behind HTTPS: {set}");
    let s = login(&srv.addr, "lan", LAN_PW);
    assert_eq!(
        http(&srv.addr, "GET", "/dossiers", &[&s.cookie], None).status,
        200
    );
    std::thread::sleep(Duration::from_millis(2200));
    let late = http(&srv.addr, "GET", "/dossiers", &[&s.cookie], None);
    assert_eq!(late.status, 302, "expired");
    let api = http(&srv.addr, "GET", "/api/search?q=x", &[&s.cookie], None);
    assert_eq!(api.status, 401);
}

#[test]
fn a_post_without_the_csrf_token_is_refused() {
    let srv = Server::start_on(index(), &[]);
    let s = login(&srv.addr, "lan", LAN_PW);
    let ct = "application/x-www-form-urlencoded";
    let no_token = send(&srv.addr, "POST", "/logout", &[&s.cookie], Some((ct, "")));
    assert_eq!(no_token.status, 403);
    assert!(
        no_token.text().contains("chống giả mạo"),
        "{}",
        no_token.text()
    );
    let wrong = form(&[("csrf", &"0".repeat(64))]);
    let wrong = send(
        &srv.addr,
        "POST",
        "/logout",
        &[&s.cookie],
        Some((ct, &wrong)),
    );
    assert_eq!(wrong.status, 403);
    let fix = json!({"dossier": A1, "document": 1, "set": {"document_no": "1/QĐ"}}).to_string();
    let api = send(
        &srv.addr,
        "POST",
        "/api/corrections",
        &[&s.cookie],
        Some(("application/json", &fix)),
    );
    assert_eq!(api.status, 403);
    let other = login(&srv.addr, "an", AN_PW);
    let foreign = format!("X-CSRF-Token: {}", other.csrf);
    let api = send(
        &srv.addr,
        "POST",
        "/api/corrections",
        &[&s.cookie, &foreign],
        Some(("application/json", &fix)),
    );
    assert_eq!(api.status, 403, "another session's token");
    // Still logged in: nothing above went through.
    assert_eq!(http(&srv.addr, "GET", "/", &[&s.cookie], None).status, 200);
    // A login form posted from another site.
    let body = form(&[("username", "lan"), ("password", LAN_PW)]);
    let cross = send(
        &srv.addr,
        "POST",
        "/login",
        &["Origin: http://evil.example"],
        Some((ct, &body)),
    );
    assert_eq!(cross.status, 403);
    // The login page's token is tied to the cookie it sets with it.
    let page = get(&srv.addr, "/login");
    let set = header(&page, "set-cookie").unwrap();
    assert!(
        set.starts_with("sohoa_login=") && set.contains("HttpOnly"),
        "{set}"
    );
    let token = set["sohoa_login=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(page
        .text()
        .contains(&format!("name=\"csrf\" value=\"{token}\"")));
    let cookie = format!("Cookie: sohoa_login={token}");
    let forged = form(&[("username", "lan"), ("password", LAN_PW), ("csrf", "khac")]);
    let a = send(&srv.addr, "POST", "/login", &[&cookie], Some((ct, &forged)));
    assert_eq!(a.status, 403);
    let good = form(&[("username", "lan"), ("password", LAN_PW), ("csrf", &token)]);
    let a = send(&srv.addr, "POST", "/login", &[&cookie], Some((ct, &good)));
    assert_eq!(a.status, 303);
}

#[test]
fn a_fonds_limited_user_sees_only_their_fonds() {
    let srv = Server::start_on(index(), &[]);
    let hung = login(&srv.addr, "hung", HUNG_PW);
    let lan = login(&srv.addr, "lan", LAN_PW);
    let as_hung = |t: &str| http(&srv.addr, "GET", t, &[&hung.cookie], None);
    for id in [A1, B2] {
        for path in [
            "/dossiers/{*id}",
            "/api/dossiers/{*id}",
            "/pdf/{*id}",
            "/page-image",
        ] {
            let a = as_hung(&target_of(path, id));
            if id == A1 {
                assert_eq!(a.status, 200, "{path} {id}");
            } else {
                assert_eq!(a.status, 404, "{path} {id}: {}", a.text());
                // The same answer as a dossier that does not exist.
                let none = as_hung(&target_of(path, "phong-b/không có"));
                assert_eq!(none.status, 404);
                assert_eq!(
                    a.text().replace(B2, "ID"),
                    none.text().replace("phong-b/không có", "ID"),
                    "{path}"
                );
            }
        }
    }
    // Search is limited inside the query: counts too, not only the hits.
    let q = "/api/search?q=c%E1%BB%99ng%20h%C3%B2a";
    let all = http(&srv.addr, "GET", q, &[&lan.cookie], None).json();
    let dossiers = |v: &Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["dossier"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(all["total"], 2, "{all}");
    let mine = as_hung(q).json();
    assert_eq!(mine["total"], 1, "{mine}");
    assert_eq!(dossiers(&mine), [A1]);
    let page = as_hung("/?q=c%E1%BB%99ng%20h%C3%B2a").text();
    assert!(
        page.contains("phong-a") && !page.contains("phong-b"),
        "search page"
    );
    let list = as_hung("/dossiers").text();
    assert!(
        list.contains("phong-a") && !list.contains("phong-b"),
        "list"
    );
    // Roles: tra_cuu may not correct nor see the users.
    assert_eq!(as_hung("/admin/users").status, 403);
    let fix = json!({"dossier": A1, "document": 1, "set": {"document_no": "1/QĐ"}}).to_string();
    let refused = correct_as(&srv.addr, &hung, &fix);
    assert_eq!(refused.status, 403);
    assert_eq!(
        http(&srv.addr, "GET", "/admin/users", &[&lan.cookie], None).status,
        403
    );
}

#[test]
fn brute_force_meets_a_growing_wait() {
    let srv = Server::start_on(index(), &[]);
    let unknown = try_login(&srv.addr, "khong-ai", "sai-mat-khau");
    let wrong = try_login(&srv.addr, "lan", "sai-mat-khau");
    assert_eq!((unknown.status, wrong.status), (401, 401));
    let msg = |a: &Answer| {
        a.text()
            .split("id=\"error\"")
            .nth(1)
            .unwrap()
            .split("</p>")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(msg(&unknown), msg(&wrong), "same answer for both");
    for _ in 0..3 {
        assert_eq!(try_login(&srv.addr, "lan", "sai-mat-khau").status, 401);
    }
    // The fifth failure of the address starts the wait: even the right
    // password is not tried.
    let blocked = try_login(&srv.addr, "lan", LAN_PW);
    assert_eq!(blocked.status, 429, "{}", blocked.text());
    let retry: u64 = header(&blocked, "retry-after").unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    std::thread::sleep(Duration::from_secs(retry));
    assert_eq!(try_login(&srv.addr, "lan", "sai-mat-khau").status, 401);
    let longer = try_login(&srv.addr, "lan", LAN_PW);
    assert_eq!(longer.status, 429);
    let retry2: u64 = header(&longer, "retry-after").unwrap().parse().unwrap();
    assert!(retry2 >= 2, "doubled: {retry2}");
}

#[test]
fn a_scripted_session_is_in_the_audit_log() {
    let srv = Server::start_on(index(), &[]);
    let ix = index().to_str().unwrap();
    assert_eq!(try_login(&srv.addr, "an", "khong-dung-nua").status, 401);
    let an = login(&srv.addr, "an", AN_PW);
    let users = http(&srv.addr, "GET", "/admin/users", &[&an.cookie], None);
    assert_eq!(users.status, 200);
    assert!(users.text().contains("hung") && !users.text().contains("argon2"));
    let s = login(&srv.addr, "lan", LAN_PW);
    let get_ok = |t: &str| {
        let a = http(&srv.addr, "GET", t, &[&s.cookie], None);
        assert_eq!(a.status, 200, "{t}: {}", a.text());
        a
    };
    get_ok("/?q=c%E1%BB%99ng%20h%C3%B2a&type=khac");
    let dossier = get_ok(&target_of("/dossiers/{*id}", A1)).text();
    assert!(
        dossier.contains("id=\"correct\""),
        "ra_soat has the value form"
    );
    let img = get_ok(&format!("/page-image?dossier={}&page=1&w=240", enc(A1)));
    assert!(img.body.starts_with(&[0xFF, 0xD8]));
    let pdf = get_ok(&target_of("/pdf/{*id}", A1));
    assert!(pdf.body.starts_with(b"%PDF"));
    let fix =
        json!({"dossier": A1, "document": 1, "set": {"document_no": "12/QĐ-UBND"}}).to_string();
    let done = correct_as(&srv.addr, &s, &fix);
    assert_eq!(done.status, 200, "{}", done.text());
    assert_eq!(done.json()["corrections"][0]["by"], "lan");
    // The form of the dossier page too, then back to the dossier.
    let body = form(&[
        ("csrf", &s.csrf),
        ("dossier", A1),
        ("document", "1"),
        ("key", "issuer"),
        ("value", "UBND xã Văn Môn"),
    ]);
    let posted = send(
        &srv.addr,
        "POST",
        "/corrections",
        &[&s.cookie],
        Some(("application/x-www-form-urlencoded", &body)),
    );
    assert_eq!(posted.status, 303, "{}", posted.text());
    let out = form(&[("csrf", &s.csrf)]);
    let bye = send(
        &srv.addr,
        "POST",
        "/logout",
        &[&s.cookie],
        Some(("application/x-www-form-urlencoded", &out)),
    );
    assert_eq!(bye.status, 303);
    assert!(header(&bye, "set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(http(&srv.addr, "GET", "/", &[&s.cookie], None).status, 302);

    let o = run(&["audit", "show", "--index", ix, "--json", "--user", "lan"]);
    assert_code(&o, 0);
    let lines = json_lines(&o);
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    for want in [
        "login",
        "search",
        "view_dossier",
        "view_page",
        "download_pdf",
        "correct",
        "logout",
    ] {
        assert!(actions.contains(&want), "{want} missing from {actions:?}");
    }
    for l in &lines {
        assert_eq!(l["address"], "127.0.0.1", "{l}");
        assert!(l["time"].as_str().unwrap().ends_with('Z'));
    }
    let find = |a: &str| lines.iter().find(|l| l["action"] == a).unwrap();
    // (Other tests search as lan too: this one is the search with a filter.)
    assert!(
        lines.iter().any(|l| l["action"] == "search"
            && l["object"]["q"] == "cộng hòa"
            && l["object"]["type"] == "khac"),
        "{lines:?}"
    );
    assert_eq!(find("view_dossier")["object"]["dossier"], A1);
    assert_eq!(find("view_page")["object"]["dossier"], A1);
    assert_eq!(find("download_pdf")["object"]["dossier"], A1);
    let corrections: Vec<&Value> = lines.iter().filter(|l| l["action"] == "correct").collect();
    assert!(corrections
        .iter()
        .any(|c| c["object"]["set"][0] == "document_no=12/QĐ-UBND"));
    assert!(corrections
        .iter()
        .any(|c| c["object"]["set"][0] == "issuer=UBND xã Văn Môn"));
    let an_lines = json_lines(&run(&[
        "audit", "show", "--index", ix, "--json", "--user", "an",
    ]));
    let an_actions: Vec<&str> = an_lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    for want in ["login_failed", "login", "view_users"] {
        assert!(
            an_actions.contains(&want),
            "{want} missing from {an_actions:?}"
        );
    }
    assert_code(&run(&["audit", "verify", "--index", ix]), 0);
}

/// A copy of the test index without its accounts (and its audit log).
fn bare_copy(to: &Path) -> PathBuf {
    let dest = to.join("index");
    for e in walkdir::WalkDir::new(index()) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(index()).unwrap();
        if rel.starts_with("audit") || rel == Path::new("users.json") {
            continue;
        }
        let d = dest.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&d).unwrap();
        } else {
            std::fs::copy(e.path(), &d).unwrap();
        }
    }
    dest
}

#[test]
fn user_commands_and_the_step_from_no_accounts_to_accounts() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = bare_copy(tmp.path());
    let ixs = ix.to_str().unwrap();
    // What serve says at start, after the line scripts parse.
    let said = |ix: &Path| {
        let mut child = sohoa()
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(ix)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines =
            std::io::BufRead::lines(std::io::BufReader::new(child.stderr.take().unwrap()));
        let first = lines.next().unwrap().unwrap();
        let second = lines.next().unwrap().unwrap();
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            first.starts_with("sohoa: serving ") && first.contains(" on http://"),
            "{first}"
        );
        second
    };
    assert!(said(&ix).contains("không có tài khoản: chỉ máy này truy cập"));
    assert!(said(index()).contains("3 tài khoản: mọi trang cần đăng nhập"));
    // No accounts: as before on loopback, read-only.
    let srv = Server::start_on(&ix, &[]);
    assert_eq!(get(&srv.addr, "/dossiers").status, 200);
    let fix = send(
        &srv.addr,
        "POST",
        "/api/corrections",
        &[],
        Some(("application/json", "{}")),
    );
    assert_eq!(fix.status, 403);
    // The first account turns logins on, for the running server too.
    add_user(&ix, "mai", "mat-khau-cua-mai", &["--role", "quan_tri"]);
    assert_eq!(get(&srv.addr, "/dossiers").status, 302);
    let o = user_cmd(&ix, &["add", "mai", "--role", "tra_cuu"], "x-y-z-w-v-u\n");
    assert_code(&o, 2);
    let o = user_cmd(&ix, &["add", "ngan", "--role", "tra_cuu"], "ngan\n");
    assert_code(&o, 2); // too short
    let o = user_cmd(&ix, &["add", "bo", "--role", "chu"], "mat-khau-cua-bo\n");
    assert_code(&o, 2);
    let file = ix.join("users.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("$argon2id$") && !text.contains("mat-khau-cua-mai"));
    let list = json_lines(&run(&["user", "list", "--index", ixs, "--json"]));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "mai");
    assert_eq!(list[0]["role"], "quan_tri");
    assert!(list[0].get("password").is_none());
    assert_code(
        &user_cmd(&ix, &["passwd", "mai"], "mat-khau-moi-cua-mai\n"),
        0,
    );
    assert_eq!(try_login(&srv.addr, "mai", "mat-khau-cua-mai").status, 401);
    let s = login(&srv.addr, "mai", "mat-khau-moi-cua-mai");
    assert_code(&user_cmd(&ix, &["remove", "mai"], ""), 0);
    assert_code(&user_cmd(&ix, &["remove", "mai"], ""), 2);
    // Back to no accounts on loopback; the removed user's session is gone.
    assert_eq!(
        http(&srv.addr, "GET", "/dossiers", &[&s.cookie], None).status,
        200
    );
    let actions: Vec<String> = json_lines(&run(&["audit", "show", "--index", ixs, "--json"]))
        .iter()
        .map(|l| l["action"].as_str().unwrap().to_string())
        .collect();
    for want in ["user_add", "user_passwd", "user_remove"] {
        assert!(actions.iter().any(|a| a == want), "{want}: {actions:?}");
    }
}

#[test]
fn with_accounts_an_unwritable_audit_log_refuses_requests() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = bare_copy(tmp.path());
    add_user(&ix, "mai", "mat-khau-cua-mai", &["--role", "tra_cuu"]);
    add_user(&ix, "tuan", "mat-khau-cua-tuan", &["--role", "ra_soat"]);
    let srv = Server::start_on(&ix, &[]);
    let s = login(&srv.addr, "mai", "mat-khau-cua-mai");
    let staff = login(&srv.addr, "tuan", "mat-khau-cua-tuan");
    // The log's folder replaced by a file: nothing can be appended (as on
    // a full disk or a read-only folder, even as root).
    std::fs::remove_dir_all(ix.join("audit")).unwrap();
    std::fs::write(ix.join("audit"), b"not a folder").unwrap();
    let a = http(
        &srv.addr,
        "GET",
        &target_of("/dossiers/{*id}", A1),
        &[&s.cookie],
        None,
    );
    assert_eq!(a.status, 503, "{}", a.text());
    assert!(a.text().contains("nhật ký"), "{}", a.text());
    assert!(!a.text().contains("Nguyễn Thị Hoa"));
    assert_eq!(try_login(&srv.addr, "mai", "mat-khau-cua-mai").status, 503);
    // A correction is refused before it is carried out: nothing changes
    // that the log does not record.
    let before = snapshot(&ix.join("corrections"));
    let fix =
        json!({"dossier": A1, "document": 1, "set": {"document_no": "99/QĐ-UBND"}}).to_string();
    let refused = correct_as(&srv.addr, &staff, &fix);
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert!(refused.text().contains("nhật ký"), "{}", refused.text());
    assert_eq!(
        snapshot(&ix.join("corrections")),
        before,
        "a correction was kept with the log unwritable"
    );
}

#[test]
fn in_chromium_an_officer_logs_in_corrects_a_value_and_logs_out() {
    let srv = Server::start_on(index(), &[]);
    let base = format!("http://{}", srv.addr);
    let d = Driver::start();
    d.goto(&format!("{base}/dossiers"));
    wait_true(&d, "location.pathname==='/login'");
    let bad = axe_violations(&d);
    assert!(bad.is_empty(), "login page: {bad:?}");
    d.keys("#username", "lan");
    d.keys("#password", LAN_PW);
    d.click("#login");
    wait_true(&d, "location.pathname==='/dossiers'");
    assert!(d.text("#account").contains("lan"), "{}", d.text("#account"));
    let bad = axe_violations(&d);
    assert!(bad.is_empty(), "list with the account bar: {bad:?}");
    // The dossier page's value form, with the CSRF field the gate filled.
    d.goto(&format!("{base}/dossiers/{}", path_of(A1)));
    d.keys("#fix-doc", "1");
    d.script("document.getElementById('fix-key').value='document_no';");
    d.keys("#fix-value", "77/QĐ-UBND");
    d.click("#correct button");
    wait_true(&d, "document.body.innerText.indexOf('77/QĐ-UBND')>=0");
    d.click("#logout");
    wait_true(&d, "location.pathname==='/login'");
    d.goto(&format!("{base}/"));
    wait_true(&d, "location.pathname==='/login'");
}

#[test]
fn behind_a_trusted_proxy_each_officer_has_their_own_address() {
    // An index of its own: the audit lines below are this test's alone.
    let a = Archive::new();
    a.page(A1, "trang 1.png", HOA);
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let ix = a.index();
    add_user(&ix, "thu", "mat-khau-cua-thu", &["--role", "tra_cuu"]);
    add_user(&ix, "minh", "mat-khau-cua-minh", &["--role", "tra_cuu"]);
    let from = |srv: &Server, xff: &str, name: &str, pw: &str| {
        let body = form(&[("username", name), ("password", pw)]);
        let h = format!("X-Forwarded-For: {xff}");
        send(
            &srv.addr,
            "POST",
            "/login",
            &[&h],
            Some(("application/x-www-form-urlencoded", &body)),
        )
    };
    let srv = Server::start_on(&ix, &["--trusted-proxy", "127.0.0.1"]);
    // Five failures from one machine behind the proxy ("1.1.1.1" is what
    // that machine wrote into the header itself: not believed)...
    for _ in 0..5 {
        let a = from(&srv, "1.1.1.1, 203.0.113.7", "khong-ai", "sai-mat-khau");
        assert_eq!(a.status, 401);
    }
    // ...hold that machine back, even for another account...
    assert_eq!(
        from(&srv, "203.0.113.7", "thu", "mat-khau-cua-thu").status,
        429
    );
    // ...and not the officer at the next desk, behind the same proxy.
    assert_eq!(
        from(&srv, "198.51.100.2", "minh", "mat-khau-cua-minh").status,
        303
    );
    drop(srv);
    // Without --trusted-proxy the header is never read.
    let plain = Server::start_on(&ix, &[]);
    assert_eq!(
        from(&plain, "198.51.100.3", "thu", "mat-khau-cua-thu").status,
        303
    );
    drop(plain);

    let lines = json_lines(&run(&[
        "audit",
        "show",
        "--index",
        ix.to_str().unwrap(),
        "--json",
    ]));
    let of = |action: &str, user: &str| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l["action"] == action && l["user"] == user)
            .map(|l| l["address"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(of("login_failed", "khong-ai"), vec!["203.0.113.7"; 5]);
    assert_eq!(of("login_failed", "thu"), vec!["203.0.113.7"]);
    assert_eq!(of("login", "minh"), vec!["198.51.100.2"]);
    assert_eq!(of("login", "thu"), vec!["127.0.0.1"]);
    let verify = run(&["audit", "verify", "--index", ix.to_str().unwrap()]);
    assert_code(&verify, 0);
}
