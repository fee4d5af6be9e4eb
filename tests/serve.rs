//! `sohoa serve` end to end: the real binary serving a real index of the
//! samples (real Tesseract), asked over real HTTP, and driven in Debian's
//! headless Chromium through chromedriver (WebDriver) like an officer would.
//!
//! The HTTP client is a few lines over `TcpStream` on purpose: a request
//! line with `..` or `%2e%2e` must reach the server exactly as written,
//! which URL libraries normalise away.

mod common;

use common::web::*;
use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

#[test]
fn api_search_answers_hits_total_and_facets() {
    let srv = Server::start(&[]);
    let a = get(&srv.addr, &format!("/api/search?q={}", enc("tran van bay")));
    assert_eq!(a.status, 200, "{}", a.text());
    let v = a.json();
    assert_eq!(v["hits"][0]["dossier"], "nguoi-co-cong/Trần Văn Bảy");
    for key in ["dossier", "path", "score", "page", "snippet"] {
        assert!(!v["hits"][0][key].is_null(), "{key} in {v}");
    }
    assert!(v["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("**Trần Văn Bảy**"));
    // Every hit says how it matched; `total` counts the complete ones.
    assert_eq!(v["hits"][0]["match"], "exact");
    assert_eq!(v["hits"][0]["matched_words"], json!(["tran", "van", "bay"]));
    // The hit names the document of its page, and the web page says it.
    let doc = &v["hits"][0]["document"];
    assert_eq!(doc["of"], 3, "{v}");
    assert_eq!(doc["index"], v["hits"][0]["page"], "{v}");
    let page = get(&srv.addr, &format!("/?q={}", enc("tran van bay"))).text();
    let said = format!("văn bản {}/3", doc["index"]);
    assert!(page.contains(&said), "{page}");
    let complete = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| matches!(h["match"].as_str(), Some("exact" | "folded" | "words")))
        .count();
    assert_eq!(v["total"], complete);
    assert!(v["near_total"].is_u64(), "{v}");
    assert_eq!(v["facets"]["type"]["quyet_dinh"], 1);
    assert_eq!(v["facets"]["year"]["2022"], 1);

    // Filters and paging.
    let all = get(&srv.addr, "/api/search?q=c%E1%BB%99ng+h%C3%B2a&limit=2").json();
    assert!(all["total"].as_u64().unwrap() >= 4, "{all}");
    assert_eq!(all["hits"].as_array().unwrap().len(), 2);
    let next = get(
        &srv.addr,
        "/api/search?q=c%E1%BB%99ng+h%C3%B2a&limit=2&offset=2",
    )
    .json();
    assert_ne!(next["hits"][0]["dossier"], all["hits"][0]["dossier"]);
    let typed = get(
        &srv.addr,
        "/api/search?q=c%E1%BB%99ng+h%C3%B2a&type=hop_dong",
    )
    .json();
    assert_eq!(typed["total"], 1, "{typed}");
    assert_eq!(
        typed["hits"][0]["dossier"],
        "lao-dong-ngoai-nuoc/Phạm Quốc Hùng"
    );
    let years = get(&srv.addr, "/api/search?q=&year=2022..2022").json();
    assert_eq!(years["total"], years["facets"]["year"]["2022"], "{years}");
}

#[test]
fn api_search_refuses_bad_parameters_and_survives_bad_queries() {
    let srv = Server::start(&[]);
    assert_eq!(get(&srv.addr, "/api/search?q=a&limit=abc").status, 400);
    assert_eq!(get(&srv.addr, "/api/search?q=a&year=soon").status, 400);
    let long = enc(&"nguyễn ".repeat(1_500));
    for q in [
        "%22tran",
        "-",
        "%00%07%1b",
        "ten%3A",
        "nam%3A3000..x",
        long.as_str(),
    ] {
        let a = get(&srv.addr, &format!("/api/search?q={q}"));
        assert_eq!(a.status, 200, "{q}: {}", a.text());
        assert!(a.json()["hits"].is_array());
        assert_eq!(get(&srv.addr, &format!("/?q={q}")).status, 200, "{q}");
    }
}

#[test]
fn api_dossier_is_the_show_json_object() {
    let srv = Server::start(&[]);
    let id = "nguoi-co-cong/Trần Văn Bảy";
    let o = run(&[
        "show",
        id,
        "--index",
        samples_index().to_str().unwrap(),
        "--json",
    ]);
    assert_code(&o, 0);
    let shown: Value = serde_json::from_str(&stdout(&o)).unwrap();
    // Slashes in the id raw or encoded.
    for target in [
        format!("/api/dossiers/nguoi-co-cong/{}", enc("Trần Văn Bảy")),
        format!("/api/dossiers/{}", enc(id)),
    ] {
        let a = get(&srv.addr, &target);
        assert_eq!(a.status, 200, "{target}");
        assert_eq!(a.json(), shown);
    }
    assert_eq!(
        get(&srv.addr, "/api/dossiers/kh%C3%B4ng-c%C3%B3").status,
        404
    );
}

/// One analysis everywhere: for every sample dossier, `list --json`,
/// `show --json` and the API give the same fields (and show and the API
/// the same people and checks).
#[test]
fn list_show_and_the_api_give_the_same_fields_for_every_dossier() {
    let srv = Server::start(&[]);
    let index = samples_index().to_str().unwrap();
    let listed = json_lines(&run(&["list", "--index", index, "--json"]));
    assert_eq!(listed.len(), 18, "every sample dossier is listed");
    for row in &listed {
        let id = row["dossier"].as_str().unwrap();
        let o = run(&["show", id, "--index", index, "--json"]);
        assert_code(&o, 0);
        let shown: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert!(row["fields"].is_object(), "{id}: {row}");
        assert_eq!(row["fields"], shown["fields"], "{id}: list vs show");
        assert_eq!(row["doc_type"], shown["doc_type"], "{id}");
        let api = get(&srv.addr, &format!("/api/dossiers/{}", enc(id))).json();
        for key in ["fields", "records", "checks", "doc_type", "documents"] {
            assert_eq!(api[key], shown[key], "{id}: {key} of the API vs show");
        }
    }
}

#[test]
fn traversal_and_unknown_paths_are_refused() {
    let srv = Server::start(&[]);
    for target in [
        "/../../../../etc/passwd",
        "/api/dossiers/../../../../etc/passwd",
        "/api/dossiers/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/api/dossiers/..%2f..%2f..%2fetc%2fpasswd",
        "/dossiers/%2E%2E%2F%2E%2E%2FCargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/page-image?dossier=..%2F..%2Fetc&page=1",
        "/page-image?dossier=%2Fetc%2Fpasswd&page=1",
        "/page-image?dossier=nguoi-co-cong%2FTr%E1%BA%A7n%20V%C4%83n%20B%E1%BA%A3y&page=99",
        "/page-image?dossier=nguoi-co-cong%2FTr%E1%BA%A7n%20V%C4%83n%20B%E1%BA%A3y&page=..%2F1",
        "/static/%c0%ae%c0%ae/etc/passwd",
    ] {
        let a = get(&srv.addr, target);
        assert!(
            a.status == 404 || a.status == 400,
            "{target}: {} {}",
            a.status,
            a.text()
        );
        let body = a.text();
        assert!(
            !body.contains("root:") && !body.contains("[package]"),
            "{target}"
        );
    }
}

#[test]
fn page_images_are_jpegs_of_the_recorded_page() {
    let srv = Server::start(&[]);
    // Page 2 of the two-page TIFF list.
    let id = enc("ho-tro-thue-nha/Danh sách tháng 6-2022");
    let a = get(&srv.addr, &format!("/page-image?dossier={id}&page=2"));
    assert_eq!(a.status, 200, "{}", a.text());
    assert!(a.headers.to_ascii_lowercase().contains("image/jpeg"));
    assert_eq!(
        image::guess_format(&a.body).unwrap(),
        image::ImageFormat::Jpeg
    );
    let img = image::load_from_memory(&a.body).unwrap();
    assert!(img.width() > 500 && img.height() > 500);
    // The second answer comes from the cache and is the same image.
    let again = get(&srv.addr, &format!("/page-image?dossier={id}&page=2"));
    assert_eq!(again.body, a.body);
    let cached = samples_index().join("cache/pages");
    assert!(std::fs::read_dir(cached).unwrap().count() >= 1);
    // A browser that has it is told so, without the bytes.
    let etag = a
        .headers
        .lines()
        .find_map(|l| {
            l.strip_prefix("etag: ")
                .or_else(|| l.strip_prefix("ETag: "))
        })
        .expect("an ETag")
        .trim()
        .to_string();
    let target = format!("/page-image?dossier={id}&page=2");
    let same = http(
        &srv.addr,
        "GET",
        &target,
        &[&format!("If-None-Match: {etag}")],
        None,
    );
    assert_eq!(same.status, 304);
    assert!(same.body.is_empty());
    // The screen's and the thumbnail's copies, narrower; no other width.
    for w in [1200, 240] {
        let small = get(&srv.addr, &format!("/page-image?dossier={id}&page=2&w={w}"));
        assert_eq!(small.status, 200, "{}", small.text());
        let img = image::load_from_memory(&small.body).unwrap();
        assert_eq!(img.width(), w);
        assert!(small.body.len() < a.body.len());
    }
    assert_eq!(
        get(&srv.addr, &format!("/page-image?dossier={id}&page=2&w=999")).status,
        400
    );
}

#[test]
fn the_dossier_page_draws_boxes_over_matched_words() {
    let srv = Server::start(&[]);
    let a = get(
        &srv.addr,
        &format!(
            "/dossiers/{}?q=tran+van+bay",
            enc("nguoi-co-cong/Trần Văn Bảy")
        ),
    );
    assert_eq!(a.status, 200);
    let html = a.text();
    assert!(html.contains("<mark>Trần</mark>"), "text marks");
    assert!(html.matches("class=\"hit\"").count() >= 3, "boxes");
    assert!(html.contains("Quay lại kết quả"));
    assert!(html.contains("/page-image?dossier="));
}

#[test]
fn a_token_is_required_when_given_and_elsewhere_than_loopback() {
    let o = run(&[
        "serve",
        "--index",
        samples_index().to_str().unwrap(),
        "--addr",
        "0.0.0.0:0",
    ]);
    assert_code(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--token"));

    let srv = Server::start(&["--token", "bí-mật"]);
    assert_eq!(get(&srv.addr, "/api/search?q=hoa").status, 401);
    assert_eq!(get(&srv.addr, "/api/search?q=hoa&token=sai").status, 401);
    assert_eq!(get(&srv.addr, "/").status, 401);
    let ok = get(
        &srv.addr,
        &format!("/api/search?q=hoa&token={}", enc("bí-mật")),
    );
    assert_eq!(ok.status, 200);
    assert!(ok.headers.contains("sohoa_token="));
    let bearer = http(
        &srv.addr,
        "GET",
        "/api/search?q=hoa",
        &["Authorization: Bearer bí-mật"],
        None,
    );
    assert_eq!(bearer.status, 200);
    let cookie = http(&srv.addr, "GET", "/", &["Cookie: sohoa_token=bí-mật"], None);
    assert_eq!(cookie.status, 200);
}

#[test]
fn a_reindex_while_serving_is_picked_up() {
    let a = Archive::two_dossiers_ingested();
    let srv = Server::start_on(&a.index(), &[]);
    let before = get(&srv.addr, "/api/search?q=hoa").json();
    assert!(before["total"].as_u64().unwrap() >= 1, "{before}");
    let o = run(&["reindex", "--index", a.index().to_str().unwrap()]);
    assert_code(&o, 0);
    let after = get(&srv.addr, "/api/search?q=hoa");
    assert_eq!(after.status, 200, "{}", after.text());
    assert_eq!(after.json()["hits"], before["hits"]);
    // What is committed to the new generation shows up too.
    a.page("hồ sơ 3", "trang 1.png", HOA);
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let more = get(&srv.addr, "/api/search?q=hoa").json();
    assert_eq!(
        more["total"].as_u64().unwrap(),
        before["total"].as_u64().unwrap() + 1,
        "{more}"
    );
}

#[test]
fn in_chromium_a_toneless_name_leads_to_the_highlighted_scan() {
    let srv = Server::start(&[]);
    let d = Driver::start();
    d.call(
        "POST",
        &d.s("/url"),
        Some(&json!({"url": format!("http://{}/", srv.addr)})),
    );
    let input = d.find("input#q");
    d.call(
        "POST",
        &d.s(&format!("/element/{input}/value")),
        Some(&json!({"text": "tran van bay"})),
    );
    let button = d.find("button#go");
    d.call(
        "POST",
        &d.s(&format!("/element/{button}/click")),
        Some(&json!({})),
    );
    // The dossier comes first, its snippet marked.
    let first = d.find("ol.hits li.hit a.dossier");
    let text = d.call("GET", &d.s(&format!("/element/{first}/text")), None);
    assert_eq!(text, "Quyết định 245/QĐ-SLĐTBXH — Trần Văn Bảy");
    assert_eq!(d.text("ol.hits li.hit .id"), "nguoi-co-cong/Trần Văn Bảy");
    let mark = d.find("ol.hits li.hit .snippet mark");
    let marked = d.call("GET", &d.s(&format!("/element/{mark}/text")), None);
    assert_eq!(marked, "Trần Văn Bảy");
    // Open it: the page images load and carry highlight boxes.
    d.call(
        "POST",
        &d.s(&format!("/element/{first}/click")),
        Some(&json!({})),
    );
    let boxes = d.find_all("svg rect.hit");
    assert!(boxes.len() >= 3, "boxes: {}", boxes.len());
    let t = Instant::now();
    let loaded = loop {
        let v = d.script(
            "var r=document.querySelector('rect.hit');\
             var img=r.closest('.scan').querySelector('img');\
             img.loading='eager';\
             if(!img.complete||!img.naturalWidth){return null;}\
             var a=r.getBoundingClientRect(), b=img.getBoundingClientRect();\
             return {w:img.naturalWidth, bw:a.width, bh:a.height,\
                     inside:a.left>=b.left&&a.right<=b.right&&a.top>=b.top&&a.bottom<=b.bottom};",
        );
        if !v.is_null() || t.elapsed() > Duration::from_secs(60) {
            break v;
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    assert!(loaded["w"].as_u64().unwrap_or(0) > 500, "image: {loaded}");
    assert!(loaded["bw"].as_f64().unwrap() > 2.0 && loaded["bh"].as_f64().unwrap() > 2.0);
    assert_eq!(loaded["inside"], true, "{loaded}");
    // Back to the results.
    let back = d.find("a#back");
    d.call(
        "POST",
        &d.s(&format!("/element/{back}/click")),
        Some(&json!({})),
    );
    d.find("ol.hits li.hit");

    // A person who is not there: no complete match, only near ones, under
    // their own heading that says so.
    d.call(
        "POST",
        &d.s("/url"),
        Some(&json!({"url": format!("http://{}/?q={}", srv.addr, enc("Lê Thị Lan"))})),
    );
    let heading = d.find("h2#total");
    let text = d.call("GET", &d.s(&format!("/element/{heading}/text")), None);
    assert_eq!(text, "Kết quả phù hợp: 0 hồ sơ");
    let near = d.find("h2#near");
    let text = d.call("GET", &d.s(&format!("/element/{near}/text")), None);
    assert!(
        text.as_str()
            .unwrap()
            .starts_with("Kết quả gần đúng — không khớp đầy đủ"),
        "{text}"
    );
    let n = d.script("return document.querySelectorAll('ol.hits:not(.near) li').length;");
    assert_eq!(n, 0);
    let how = d.find("ol.hits.near li.hit .how");
    let text = d.call("GET", &d.s(&format!("/element/{how}/text")), None);
    assert!(text.as_str().unwrap().starts_with("gần đúng"), "{text}");
    // Nonsense: nothing.
    d.call(
        "POST",
        &d.s("/url"),
        Some(&json!({"url": format!("http://{}/?q=xyzzy+qwerty", srv.addr)})),
    );
    let none = d.find("p#none");
    let text = d.call("GET", &d.s(&format!("/element/{none}/text")), None);
    assert_eq!(text, "Không tìm thấy hồ sơ nào.");
    // A present name: first under the complete matches, said in words.
    d.call(
        "POST",
        &d.s("/url"),
        Some(&json!({"url": format!("http://{}/?q={}", srv.addr, enc("Hoàng Thị Lan"))})),
    );
    assert_eq!(
        d.text("ol.hits:not(.near) li.hit .id"),
        "nguoi-co-cong/Hoàng Thị Lan"
    );
    let how = d.find("ol.hits:not(.near) li.hit .how");
    let text = d.call("GET", &d.s(&format!("/element/{how}/text")), None);
    assert_eq!(text, "khớp chính xác");
    // A filter is a chip that removes it, not a hidden field that stays.
    d.call(
        "POST",
        &d.s("/url"),
        Some(
            &json!({"url": format!("http://{}/?q=c%E1%BB%99ng+h%C3%B2a&type=hop_dong", srv.addr)}),
        ),
    );
    let hidden = d.script("return document.querySelectorAll('form input[type=hidden]').length;");
    assert_eq!(hidden, 0);
    let chip = d.find("#filters a.chip");
    let text = d.call("GET", &d.s(&format!("/element/{chip}/text")), None);
    assert!(text.as_str().unwrap().contains("Hợp đồng"), "{text}");
}

#[test]
fn tai_pdf_gives_each_document_and_the_dossier_as_a_pdf() {
    let srv = Server::start(&[]);
    let id = "lao-dong-ngoai-nuoc/Phạm Quốc Hùng";
    let page = get(&srv.addr, &format!("/dossiers/{}", enc(id))).text();
    assert!(page.contains("Tải PDF cả hồ sơ"), "{page}");
    assert!(
        page.contains(
            "/pdf/lao-dong-ngoai-nuoc%2FPh%E1%BA%A1m%20Qu%E1%BB%91c%20H%C3%B9ng?document=1"
        ),
        "{page}"
    );
    let show: Value = {
        let o = run(&[
            "show",
            id,
            "--json",
            "--index",
            samples_index().to_str().unwrap(),
        ]);
        assert_code(&o, 0);
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let pages = show["pages"].as_array().unwrap().len();
    let whole = get(&srv.addr, &format!("/pdf/{}", enc(id)));
    assert_eq!(whole.status, 200, "{}", whole.text());
    assert!(whole
        .headers
        .to_ascii_lowercase()
        .contains("application/pdf"));
    assert!(
        whole.headers.contains("filename*=UTF-8''"),
        "{}",
        whole.headers
    );
    assert!(whole.body.starts_with(b"%PDF-"));
    // A real PDF with one page per scan (qpdf reads it back).
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("hs.pdf");
    std::fs::write(&file, &whole.body).unwrap();
    let n = std::process::Command::new("qpdf")
        .arg("--show-npages")
        .arg(&file)
        .output()
        .unwrap();
    assert!(n.status.success(), "{}", String::from_utf8_lossy(&n.stderr));
    assert_eq!(String::from_utf8_lossy(&n.stdout).trim(), pages.to_string());
    // Each document; the second download is the cached one, byte for byte.
    let docs = show["documents"].as_array().unwrap();
    for (i, d) in docs.iter().enumerate() {
        let url = format!("/pdf/{}?document={}", enc(id), i + 1);
        let a = get(&srv.addr, &url);
        assert_eq!(a.status, 200, "{url}: {}", a.text());
        assert!(a.body.starts_with(b"%PDF-"));
        assert_eq!(get(&srv.addr, &url).body, a.body);
        let span = d["pages"][1].as_u64().unwrap() - d["pages"][0].as_u64().unwrap() + 1;
        std::fs::write(&file, &a.body).unwrap();
        let n = std::process::Command::new("qpdf")
            .arg("--show-npages")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&n.stdout).trim(), span.to_string());
    }
    assert!(samples_index().join("cache/pdf").is_dir());
    // What is not there is said so.
    let url = format!("/pdf/{}?document={}", enc(id), docs.len() + 1);
    assert_eq!(get(&srv.addr, &url).status, 404);
    assert_eq!(
        get(&srv.addr, &format!("/pdf/{}?document=0", enc(id))).status,
        400
    );
    assert_eq!(get(&srv.addr, "/pdf/kh%C3%B4ng-c%C3%B3").status, 404);
}

/// Trust: what could not be read and what is doubtful is said where the
/// officer looks, in Vietnamese, from what the store and analysis hold.
#[test]
fn unread_files_and_failed_checks_are_marked_in_vietnamese() {
    let srv = Server::start(&[]);
    // The truncated scan of the samples: in the API, on the dossier page
    // in its place after page 1, and on the results.
    let id = "lao-dong-ngoai-nuoc/Phạm Quốc Hùng";
    let api = get(&srv.addr, &format!("/api/dossiers/{}", enc(id))).json();
    assert_eq!(api["unread"][0]["file"], "trang 2.jpg", "{}", api["unread"]);
    assert!(api["unread"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("truncated JPEG"));
    let page = get(&srv.addr, &format!("/dossiers/{}", enc(id))).text();
    let unread = page
        .find("<section class=\"page unread\" id=\"khong-doc-0\">")
        .expect("the unread file in place");
    let first = page.find("id=\"trang-1\"").expect("page 1");
    assert!(first < unread, "after page 1");
    assert!(
        page[unread..].contains("Tệp «trang 2.jpg» không đọc được:</strong> tệp JPEG bị cắt cụt")
    );
    assert!(page.contains("1 tệp không đọc được"));
    let results = get(&srv.addr, &format!("/?q={}", enc("Phạm Quốc Hùng"))).text();
    assert!(results.contains("⚠ 1 tệp không đọc được"), "{results}");
    // A CCCD whose province code does not exist, beside the value.
    let mai = get(
        &srv.addr,
        &format!("/dossiers/{}", enc("don-de-nghi/Quách Thị Mai")),
    )
    .text();
    let at = mai.find("099188012345</span>").expect("the CCCD");
    let flag = &mai[at..at + 600];
    assert!(
        flag.contains("✗ Không hợp lệ:</strong> mã tỉnh 099 không tồn tại"),
        "{flag}"
    );
    // A doubtful name with its suggested reading.
    let lan = get(
        &srv.addr,
        &format!("/dossiers/{}", enc("nguoi-co-cong/Hoàng Thị Lan")),
    )
    .text();
    let at = lan.find("Ngô Quang Tuần</span>").expect("the name");
    let flag = &lan[at..at + 900];
    assert!(flag.contains("? Cần đối chiếu:"), "{flag}");
    assert!(
        flag.contains("Có thể là: <strong class=\"sugg\">Ngô Quang Tuấn</strong>"),
        "{flag}"
    );
    // Every reason of every sample dossier is said in Vietnamese (none
    // falls back to the English words).
    let index = samples_index().to_str().unwrap();
    for row in json_lines(&run(&["list", "--index", index, "--json"])) {
        let id = row["dossier"].as_str().unwrap();
        let html = get(&srv.addr, &format!("/dossiers/{}", enc(id))).text();
        for english in [
            "cần kiểm tra (",
            "tệp hỏng hoặc không đọc được (",
            " does not ",
            " digits",
        ] {
            assert!(!html.contains(english), "{id}: {english:?} on the page");
        }
    }
}

/// Each person a row with their role and their own values; a folder named
/// as a copy is marked on the dossier page (with its original), on the
/// results and on the list.
#[test]
fn people_are_rows_with_roles_and_copies_are_marked() {
    let srv = Server::start(&[]);
    let copy = "don-de-nghi/Quách Thị Mai (bản sao)";
    let page = get(&srv.addr, &format!("/dossiers/{}", enc(copy))).text();
    let table = &page[page
        .find("Người trong hồ sơ (2)")
        .expect("the people table")..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(rows[0].contains("Quách Thị Mai") && rows[0].contains("Người đề nghị"));
    assert!(rows[0].contains("03/04/1988") && rows[0].contains("099188012345"));
    assert!(rows[1].contains("Tô Minh Khang") && rows[1].contains(">Con<"));
    assert!(rows[1].contains("21/06/2019") && !rows[1].contains("03/04/1988"));
    // The pooled list above no longer mixes the two people's dates.
    let fields = &page[..page.find("Người trong hồ sơ").unwrap()];
    assert!(!fields.contains("03/04/1988"), "{fields}");
    let note = &page[page
        .find("bản sao của hồ sơ <a href=\"/dossiers/")
        .expect("the copy note")..];
    assert!(
        note[..note.find("</a>").unwrap()].ends_with(">don-de-nghi/Quách Thị Mai"),
        "{note}"
    );
    let original = get(
        &srv.addr,
        &format!("/dossiers/{}", enc("don-de-nghi/Quách Thị Mai")),
    )
    .text();
    assert!(!original.contains("class=\"flag copy\""));
    // One person and a signer: no table, the values stay in the fields.
    let bay = get(
        &srv.addr,
        &format!("/dossiers/{}", enc("nguoi-co-cong/Trần Văn Bảy")),
    )
    .text();
    assert!(!bay.contains("Người trong hồ sơ") && bay.contains("12/05/1948"));
    let results = get(&srv.addr, &format!("/?q={}", enc("Quách Thị Mai"))).text();
    assert_eq!(
        results.matches("class=\"flag copy\">Bản sao<").count(),
        1,
        "{results}"
    );
    let list = get(&srv.addr, "/dossiers").text();
    assert_eq!(list.matches("class=\"flag copy\">Bản sao<").count(), 1);
}
