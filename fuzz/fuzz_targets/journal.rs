//! cargo-fuzz target: see [`newsmark_fuzz::journal`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsmark_fuzz::journal(data));
