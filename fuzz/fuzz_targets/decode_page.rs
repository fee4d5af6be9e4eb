//! Any file bytes: counting and decoding pages returns Ok or Err, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sohoa::preprocess::{count_pages, decode_page};

fuzz_target!(|data: &[u8]| {
    let count = count_pages(data);
    // decode_page is called whatever count_pages said: the ingest path may
    // call it on a file whose page count failed to read.
    if let Ok(page) = decode_page(data, 0) {
        assert_eq!(page.gray.len(), page.width as usize * page.height as usize);
    }
    if matches!(count, Ok(n) if n > 1) {
        if let Ok(page) = decode_page(data, 1) {
            assert_eq!(page.gray.len(), page.width as usize * page.height as usize);
        }
    }
});
