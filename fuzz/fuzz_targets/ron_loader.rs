//! cargo-fuzz target: see [`newsmark_fuzz::ron_loader`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsmark_fuzz::ron_loader(data));
