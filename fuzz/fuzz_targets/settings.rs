//! cargo-fuzz target: see [`newsmark_fuzz::settings`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsmark_fuzz::settings(data));
