//! cargo-fuzz target: see [`newsmark_fuzz::import_brat`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsmark_fuzz::import_brat(data));
