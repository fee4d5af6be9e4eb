//! The officer's web page in a real browser (headless Chromium through
//! chromedriver) at 400 and 1280 CSS pixels wide (the layout also at 360 and 1920): the page viewer, the
//! list of dossiers, the way back, copying, printing, error pages, no
//! sideways scrolling, axe-core's accessibility rules (the vendored
//! `tests/fixtures/axe.min.js`, injected into each page), the weight of a
//! three-page dossier, and screenshots of every screen written to
//! `<CARGO_TARGET_TMPDIR>/web-screenshots/` for a person to look at.

mod common;

use common::web::*;
use common::*;
use serde_json::json;
use std::path::PathBuf;
use std::time::Duration;

/// The widths axe-core checks at; the screens are also laid out and
/// photographed at the narrowest and widest supported, 360 and 1920.
const WIDTHS: [u32; 2] = [400, 1280];
const EDGES: [u32; 2] = [360, 1920];
const BAY: &str = "nguoi-co-cong/Trần Văn Bảy";

/// Where the screenshots go (printed, so a person can find them).
fn shots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("web-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    eprintln!("screenshots: {}", dir.display());
    dir
}

/// Every image of the page loaded (lazy ones too), for screenshots and print.
fn load_all_images(d: &Driver) {
    d.script("document.querySelectorAll('img').forEach(function(i){i.loading='eager';});");
    wait_true(
        d,
        "[].every.call(document.querySelectorAll('img'),function(i){return i.complete&&i.naturalWidth>0;})",
    );
}

/// The screens an officer sees, by name and address.
fn screens(base: &str) -> Vec<(&'static str, String)> {
    vec![
        ("home", format!("{base}/")),
        ("results", format!("{base}/?q={}", enc("cộng hòa"))),
        (
            "dossier",
            format!("{base}/dossiers/{}?q={}", enc(BAY), enc("tran van bay")),
        ),
        (
            "dossier-unread",
            format!(
                "{base}/dossiers/{}",
                enc("lao-dong-ngoai-nuoc/Phạm Quốc Hùng")
            ),
        ),
        (
            "dossier-checks",
            format!("{base}/dossiers/{}", enc("don-de-nghi/Quách Thị Mai")),
        ),
        ("list", format!("{base}/dossiers?sort=ngay")),
        (
            "error-404",
            format!("{base}/dossiers/{}", enc("không-có/hồ sơ này")),
        ),
        ("error-400", format!("{base}/?q=a&offset=abc")),
    ]
}

#[test]
fn every_screen_from_360_to_1920_px_fits_the_width_passes_axe_and_is_photographed() {
    let srv = Server::start(&[]);
    let base = format!("http://{}", srv.addr);
    let dir = shots();
    for width in [EDGES[0], WIDTHS[0], WIDTHS[1], EDGES[1]] {
        let d = Driver::start_sized(width, 900);
        for (name, url) in screens(&base) {
            d.goto(&url);
            d.find("main#main");
            load_all_images(&d);
            // No sideways scrolling of the page itself (wide tables scroll
            // inside their own box).
            let sideways = d.script(
                "return document.documentElement.scrollWidth-document.documentElement.clientWidth;",
            );
            assert!(
                sideways.as_i64().unwrap() <= 0,
                "{name} at {width}px scrolls sideways by {sideways}px"
            );
            if WIDTHS.contains(&width) {
                let bad = axe_violations(&d);
                assert!(bad.is_empty(), "{name} at {width}px: {bad:#?}");
            }
            d.script("window.scrollTo(0,0);");
            d.screenshot(&dir.join(format!("{name}-{width}.png")));
            if name == "dossier" {
                // The viewer, at the page the query matched.
                d.script("document.getElementById('trang-1').scrollIntoView();");
                d.screenshot(&dir.join(format!("{name}-viewer-{width}.png")));
            }
        }
        // The filters: a drawer, closed, on a narrow screen; open on a wide one.
        d.goto(&format!("{base}/?q={}", enc("cộng hòa")));
        let open = d.script("return document.querySelector('details.facets').open;");
        assert_eq!(open, json!(width > 700), "facets open at {width}px");
    }
}

#[test]
fn the_page_viewer_zooms_pages_through_and_scrolls_the_text_to_the_highlight() {
    let srv = Server::start(&[]);
    let d = Driver::start_sized(1280, 900);
    d.goto(&format!(
        "http://{}/dossiers/{}?q={}",
        srv.addr,
        enc(BAY),
        enc("tran van bay")
    ));
    wait_true(&d, "document.documentElement.classList.contains('js')");
    // The keyboard's first stop is the skip link, which leads into the
    // content past the header (a fresh page, no scrolling on load).
    d.goto(&format!("http://{}/dossiers/{}", srv.addr, enc(BAY)));
    d.press("\u{E004}"); // Tab
    assert_eq!(d.script("return document.activeElement.className;"), "skip");
    d.press("\u{E007}"); // Enter
    wait_true(&d, "document.activeElement.id==='main'");
    d.goto(&format!(
        "http://{}/dossiers/{}?q={}",
        srv.addr,
        enc(BAY),
        enc("tran van bay")
    ));
    wait_true(&d, "document.documentElement.classList.contains('js')");
    // Thumbnails, one per page, and the position.
    assert_eq!(
        d.script("return document.querySelectorAll('.thumbs a').length;"),
        3
    );
    d.click(".thumbs li:nth-child(3) a");
    wait_true(
        &d,
        "document.getElementById('pos').textContent==='Trang 3/3'",
    );
    d.click("#prev");
    wait_true(
        &d,
        "document.getElementById('pos').textContent==='Trang 2/3'",
    );
    d.click("#next");
    wait_true(
        &d,
        "document.getElementById('pos').textContent==='Trang 3/3'",
    );
    assert_eq!(
        d.script("return document.querySelector('.thumbs li:nth-child(3) a').getAttribute('aria-current');"),
        "true"
    );
    // Zoom by keyboard: + to 100 % (the full-size scan, one scan pixel per
    // CSS pixel), + to 200 %, − back; buttons say which is on.
    d.press("+");
    wait_true(
        &d,
        "document.getElementById('viewer').getAttribute('data-zoom')==='1'",
    );
    let full = d.script(
        "var i=document.querySelector('#trang-3 .scan img');\
         return {src:i.getAttribute('src'),w:i.getBoundingClientRect().width,attr:+i.getAttribute('width')};",
    );
    assert!(!full["src"].as_str().unwrap().contains("&w="), "{full}");
    assert!(
        (full["w"].as_f64().unwrap() - full["attr"].as_f64().unwrap()).abs() <= 2.5, // its 1 px border each side
        "{full}"
    );
    d.press("+");
    wait_true(
        &d,
        "document.getElementById('viewer').getAttribute('data-zoom')==='2'",
    );
    d.press("-");
    d.press("-");
    wait_true(
        &d,
        "document.getElementById('viewer').getAttribute('data-zoom')==='fit'",
    );
    assert_eq!(
        d.script("return document.querySelector('.zoom button[aria-pressed=true]').textContent;"),
        "Vừa khung"
    );
    // Every page's OCR text shows its first highlight inside its panel.
    let shown = d.script(
        "return [].map.call(document.querySelectorAll('.ocr'),function(o){\
           var m=o.querySelector('mark');if(!m){return true;}\
           var a=m.getBoundingClientRect(),b=o.getBoundingClientRect();\
           return a.top>=b.top&&a.bottom<=b.bottom;});",
    );
    assert!(
        shown.as_array().unwrap().iter().all(|v| v == true),
        "{shown}"
    );
}

#[test]
fn results_keep_their_state_on_the_way_back_and_the_list_sorts_and_pages() {
    let srv = Server::start(&[]);
    let base = format!("http://{}", srv.addr);
    let d = Driver::start_sized(1280, 900);
    // A filtered results page: the dossier's "back" returns to it exactly.
    let results = format!("{base}/?q={}&type=quyet_dinh", enc("cộng hòa"));
    d.goto(&results);
    let n = d.script("return document.querySelectorAll('ol.hits li.hit').length;");
    d.click("ol.hits li.hit a.dossier");
    d.click("a#back");
    wait_true(&d, "location.search.indexOf('type=quyet_dinh')>=0");
    assert_eq!(
        d.script("return document.querySelectorAll('ol.hits li.hit').length;"),
        n
    );
    assert!(d.text("#filters").contains("Quyết định"));
    // Key fields on each result.
    assert!(d.text("ol.hits li.hit dl.keys").contains("Số:"));
    // The list: every dossier, sorted by date newest first, by name, by type.
    d.goto(&format!("{base}/dossiers?sort=ngay"));
    let index = samples_index().to_str().unwrap();
    let listed = json_lines(&run(&["list", "--index", index, "--json"]));
    assert!(d
        .text("#count")
        .starts_with(&format!("{} hồ sơ", listed.len())));
    let newest = listed
        .iter()
        .filter_map(|r| r["fields"]["signed_date"][0].as_str())
        .max()
        .unwrap()
        .to_string();
    let (y, m, dd) = (&newest[..4], &newest[5..7], &newest[8..10]);
    assert_eq!(
        d.text("#list tbody tr:first-child td:nth-child(4)"),
        format!("{dd}/{m}/{y}")
    );
    d.click("#list thead th:nth-child(2) a");
    wait_true(&d, "location.search.indexOf('sort=loai')>=0");
    let types = d.script(
        "return [].map.call(document.querySelectorAll('#list tbody td:nth-child(2)'),function(t){return t.textContent;});",
    );
    let types: Vec<String> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let mut sorted = types.clone();
    sorted.sort_by_key(|t| sohoa::text::fold(t));
    assert_eq!(types, sorted);
    // From the list to a dossier and back to the same sorted list.
    d.click("#list tbody tr:first-child td:first-child a");
    assert_eq!(d.text("a#back"), "← Quay lại danh sách hồ sơ");
    d.click("a#back");
    wait_true(&d, "location.search.indexOf('sort=loai')>=0");
    // Copy a CCCD: the button says it did, with the value as stored.
    d.goto(&format!("{base}/dossiers/{}", enc(BAY)));
    let copy = "tr:has(th) button.copy[data-copy='027048001234']";
    d.click(copy);
    wait_true(
        &d,
        &format!("document.querySelector(\"{copy}\").textContent==='Đã chép'"),
    );
}

#[test]
fn printing_a_dossier_gives_one_scan_per_page_with_its_title_and_number() {
    let srv = Server::start(&[]);
    let d = Driver::start_sized(1280, 900);
    d.goto(&format!("http://{}/dossiers/{}", srv.addr, enc(BAY)));
    load_all_images(&d);
    d.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    let seen = d.script(
        "var s=getComputedStyle;return {header:s(document.querySelector('header.top')).display,\
         ocr:s(document.querySelector('.ocr')).display,\
         head:document.querySelector('#trang-3 .print-head').textContent,\
         shown:s(document.querySelector('#trang-3 .print-head')).display,\
         brk:s(document.querySelector('#trang-2')).breakBefore};",
    );
    assert_eq!(seen["header"], "none", "{seen}");
    assert_eq!(seen["ocr"], "none", "the OCR text is optional: {seen}");
    assert_eq!(seen["shown"], "block", "{seen}");
    assert_eq!(seen["brk"], "page", "{seen}");
    assert_eq!(
        seen["head"],
        "Quyết định 245/QĐ-SLĐTBXH — Trần Văn Bảy — trang 3/3"
    );
    d.cdp("Emulation.setEmulatedMedia", json!({"media": ""}));
    let pdf = d.print_pdf();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("in.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let n = std::process::Command::new("qpdf")
        .arg("--show-npages")
        .arg(&file)
        .output()
        .unwrap();
    let pages: usize = String::from_utf8_lossy(&n.stdout).trim().parse().unwrap();
    // The dossier's description (one or two pages), then one page per scan.
    assert!((4..=5).contains(&pages), "{pages} printed pages");
    eprintln!("printed: {pages} pages, {} KB", pdf.len() / 1024);
    // With the OCR text asked for, each text follows its scan.
    d.click("#print-ocr");
    let with_text = d.print_pdf();
    std::fs::write(&file, &with_text).unwrap();
    let n = std::process::Command::new("qpdf")
        .arg("--show-npages")
        .arg(&file)
        .output()
        .unwrap();
    let more: usize = String::from_utf8_lossy(&n.stdout).trim().parse().unwrap();
    assert!(
        more >= pages + 3,
        "{more} pages with the text, {pages} without"
    );
}

#[test]
fn error_pages_are_vietnamese_in_the_layout_with_a_way_home() {
    let srv = Server::start(&[]);
    for (target, status, said) in [
        (
            format!("/dossiers/{}", enc("không-có/hồ sơ này")),
            404,
            "Không có hồ sơ «không-có/hồ sơ này» trong kho",
        ),
        (
            "/khong-co-trang-nay".to_string(),
            404,
            "Không có trang nào ở địa chỉ này",
        ),
        (
            "/?q=a&offset=abc".to_string(),
            400,
            "Tham số offset= phải là một số nguyên không âm, không phải «abc».",
        ),
        (
            "/?q=a&year=sớm".to_string(),
            400,
            "Năm phải viết như 2022 hoặc 2020..2022",
        ),
        ("/dossiers?sort=gi".to_string(), 400, "Cách sắp xếp phải là"),
        (format!("/pdf/{}?document=0", enc(BAY)), 400, "document="),
    ] {
        let a = get(&srv.addr, &target);
        assert_eq!(a.status, status, "{target}");
        assert!(
            a.headers.to_ascii_lowercase().contains("text/html"),
            "{target}"
        );
        let html = a.text();
        assert!(html.contains(&esc_html(said)), "{target}: {html}");
        assert!(html.contains("<a id=\"home\" href=\"/\">"), "{target}");
        assert!(html.contains("role=\"search\""), "{target}: the search box");
        for english in ["must be", "not found", "no such"] {
            assert!(!html.contains(english), "{target}: {english:?}");
        }
    }
    // The API keeps its words.
    let api = get(&srv.addr, "/api/search?q=a&offset=abc");
    assert_eq!(api.status, 400);
    assert!(api.json()["error"].as_str().unwrap().contains("must be"));
}

fn esc_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn a_three_page_dossier_weighs_under_2_mb_at_1280_px() {
    let srv = Server::start(&[]);
    let d = Driver::start_sized(1280, 900);
    d.goto(&format!(
        "http://{}/dossiers/{}?q={}",
        srv.addr,
        enc(BAY),
        enc("tran van bay")
    ));
    // What the first load fetches: the page, its stylesheet and script,
    // the scans and thumbnails the browser loads (lazy ones below the fold
    // wait), once they have arrived.
    let weigh = "var n=performance.getEntriesByType('navigation')[0];\
         return performance.getEntriesByType('resource').reduce(function(s,r){return s+r.transferSize;},\
         n.transferSize);";
    std::thread::sleep(Duration::from_secs(2));
    wait_true(
        &d,
        "[].every.call(document.querySelectorAll('img'),function(i){var r=i.getBoundingClientRect();\
         return r.bottom<0||r.top>innerHeight||(i.complete&&i.naturalWidth>0);})",
    );
    let first = d.script(weigh).as_f64().unwrap();
    // Every scan loaded: still under the bound.
    load_all_images(&d);
    let all = d.script(weigh).as_f64().unwrap();
    eprintln!(
        "page weight of a 3-page dossier at 1280 px: first load {:.0} KB, every scan {:.0} KB",
        first / 1024.0,
        all / 1024.0
    );
    assert!(first > 10_000.0, "something was weighed: {first}");
    assert!(first <= 2.0 * 1024.0 * 1024.0, "first load {first} bytes");
    assert!(all <= 2.0 * 1024.0 * 1024.0, "every scan {all} bytes");
}
