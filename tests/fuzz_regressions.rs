//! Inputs the fuzzers (`scripts/fuzz.sh`) found trouble with, replayed as
//! the fuzz targets call the library. Each file under
//! `tests/fuzz_regressions/<target>/` is named after what it is.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

/// What the `decode_page` target does, returning the first page's outcome.
fn decode_like_the_fuzzer(data: &[u8]) -> Result<(u32, u32), String> {
    let count = sohoa::preprocess::count_pages(data);
    let first = sohoa::preprocess::decode_page(data, 0);
    if matches!(count, Ok(n) if n > 1) {
        let _ = sohoa::preprocess::decode_page(data, 1);
    }
    first.map(|p| {
        assert_eq!(
            p.gray.len() as u64,
            u64::from(p.width) * u64::from(p.height)
        );
        (p.width, p.height)
    })
}

#[test]
fn decode_page_regressions_never_panic() {
    let cases = inputs("decode_page");
    assert!(!cases.is_empty());
    for (name, data) in cases {
        eprintln!("{name}");
        let _ = decode_like_the_fuzzer(&data);
    }
}

/// An 809-byte progressive JPEG declaring 18688 × 19014 pixels took 2 GB
/// and seconds to decode (found by the fuzzer): it is refused up front.
#[test]
fn a_tiny_jpeg_declaring_a_huge_page_is_refused_before_decoding() {
    let data = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz_regressions/decode_page/jpeg-809-bytes-declaring-18688x19014.jpg"),
    )
    .unwrap();
    assert_eq!(data.len(), 809);
    let err = decode_like_the_fuzzer(&data).unwrap_err();
    assert!(
        err.contains("18688×19014") && err.contains("too large"),
        "{err}"
    );
}

/// What the `extract` target does: any text, pages split at form feeds.
#[test]
fn extract_regressions_never_panic() {
    let cases = inputs("extract");
    assert!(!cases.is_empty());
    for (name, data) in cases {
        eprintln!("{name}");
        let text = String::from_utf8_lossy(&data);
        let pages: Vec<&str> = text.split('\x0c').collect();
        let _ = sohoa::extract::extract(&pages);
    }
}
