//! Any text, split into pages at form feeds: extraction never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sohoa::extract::extract;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pages: Vec<&str> = text.split('\x0c').collect();
    let _ = extract(&pages);
});
