//! The PDF/A-2b rules checked one by one, since no PDF/A validator
//! installs from the package registries here (veraPDF is a Java download):
//! header and trailer, nothing a PDF/A may not have, the sRGB output
//! intent, fonts embedded, and XMP saying what the Info dictionary says.

use super::tools::{expanded, tool};
use std::path::Path;

/// The PDF/A-2b rules a validator would check that can go wrong here.
pub fn check_pdfa(pdf: &Path) {
    let bytes = std::fs::read(pdf).unwrap();
    let shown = pdf.display();
    // header: version, then a comment of 4 bytes ≥ 128
    assert!(bytes.starts_with(b"%PDF-1.7\n%"), "{shown}");
    assert!(
        bytes[10..14].iter().all(|&b| b >= 128),
        "{shown}: binary comment"
    );
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.trim_end().ends_with("%%EOF"), "{shown}");
    let trailer = &raw[raw.rfind("trailer").expect("a trailer")..];
    assert!(
        trailer.contains("/ID[<") || trailer.contains("/ID [<"),
        "{shown}: file ID"
    );
    let x = expanded(pdf);
    for never in [
        "/Encrypt",
        "/JavaScript",
        "/JS ",
        "/AA ",
        "/SMask",
        "/Transparency",
        "/Interpolate true",
        "/LZWDecode",
        "/EmbeddedFiles",
        "/OCProperties",
    ] {
        assert!(!x.contains(never), "{shown}: {never}");
    }
    for line in x.lines() {
        let t = line.trim();
        if let Some(v) = t.strip_prefix("/CA ").or_else(|| t.strip_prefix("/ca ")) {
            assert_eq!(
                v.trim().parse::<f64>().unwrap(),
                1.0,
                "{shown}: transparency"
            );
        }
    }
    // sRGB output intent with a three-component profile
    assert!(x.contains("/OutputIntents"), "{shown}");
    assert!(x.contains("/S /GTS_PDFA1"), "{shown}");
    assert!(x.contains("/DestOutputProfile"), "{shown}");
    assert!(x.contains("/N 3"), "{shown}");
    assert!(x.contains("/Lang (vi)"), "{shown}");
    // every font embedded
    let fonts = tool("pdffonts", &[], pdf);
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "{shown}: font not embedded: {line}");
    }
    // XMP: PDF/A-2b, and the same title, author and producer as Info
    let start = x.find("<?xpacket begin=").expect("an XMP packet");
    let end = x[start..].find("<?xpacket end=").unwrap() + start;
    let xmp = &x[start..end];
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{shown}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{shown}"
    );
    assert!(xmp.contains("<rdf:li>vi</rdf:li>"), "{shown}");
    let info = tool("pdfinfo", &[], pdf);
    let field = |key: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}:")))
            .map(|v| v.trim().to_string())
    };
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let title = field("Title").expect("a title");
    assert!(
        xmp.contains(&format!(
            "<rdf:li xml:lang=\"x-default\">{}</rdf:li>",
            esc(&title)
        )),
        "{shown}: XMP title {title:?}"
    );
    if let Some(author) = field("Author") {
        assert!(
            xmp.contains(&format!(
                "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li>",
                esc(&author)
            )),
            "{shown}"
        );
    }
    let producer = field("Producer").unwrap();
    assert!(
        xmp.contains(&format!("<pdf:Producer>{}</pdf:Producer>", esc(&producer))),
        "{shown}"
    );
    assert!(info.contains("Encrypted:       no"), "{shown}");
    assert!(info.contains("JavaScript:      no"), "{shown}");
}
