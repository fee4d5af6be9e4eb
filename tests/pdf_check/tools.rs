//! A PDF as the tools an archive would use read it: poppler's pdftotext
//! (text and word boxes), pdfinfo (page sizes), and qpdf's expanded form
//! (the image matrices a page is drawn with). Shared by the export checks
//! in `pdf_check` and the tests in `tests/pdf.rs`.

use std::path::Path;
use std::process::Command;

pub fn tool(cmd: &str, args: &[&str], pdf: &Path) -> String {
    let o = Command::new(cmd)
        .args(args)
        .arg(pdf)
        .args(if cmd == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{cmd} runs (scripts/install-deps.sh installs it): {e}"));
    assert!(
        o.status.success(),
        "{cmd} {args:?} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// pdftotext's words of one page (1-based): [x0, y0, x1, y1] (y down) and text.
pub fn bbox_words(pdf: &Path, page: usize) -> Vec<([f64; 4], String)> {
    let p = page.to_string();
    let xml = tool("pdftotext", &["-bbox", "-f", &p, "-l", &p], pdf);
    let attr = |line: &str, key: &str| -> f64 {
        let at = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    xml.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let text = l.split('>').nth(1).unwrap().split('<').next().unwrap();
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            (
                [
                    attr(l, "xMin"),
                    attr(l, "yMin"),
                    attr(l, "xMax"),
                    attr(l, "yMax"),
                ],
                text,
            )
        })
        .collect()
}

/// Page sizes in points, from pdfinfo.
pub fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    tool("pdfinfo", &["-f", "1", "-l", "100000"], pdf)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|l| {
            let s = l.split(" size: ").nth(1).unwrap();
            let mut it = s.split_whitespace();
            let w: f64 = it.next().unwrap().parse().unwrap();
            it.next(); // "x"
            let h: f64 = it.next().unwrap().parse().unwrap();
            (w, h)
        })
        .collect()
}

/// For each page of `pdf`, the clockwise turn (radians, under 45°) its
/// image is drawn with: the image matrix's angle, quarter turns and flips
/// (EXIF orientation, a page read sideways) taken out.
pub fn levelling_turns(pdf: &Path) -> Vec<f64> {
    let quarter = std::f64::consts::FRAC_PI_2;
    expanded(pdf)
        .lines()
        .filter(|l| l.ends_with(" cm"))
        .map(|l| {
            let m: Vec<f64> = l
                .split_whitespace()
                .take(6)
                .map(|v| v.parse().unwrap())
                .collect();
            let angle = -m[1].atan2(m[0]);
            angle - quarter * (angle / quarter).round()
        })
        .collect()
}

pub fn expanded(pdf: &Path) -> String {
    let o = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "qpdf --qdf {}", pdf.display());
    String::from_utf8_lossy(&o.stdout).into_owned()
}
