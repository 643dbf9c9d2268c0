//! cargo fuzz target: see `cxkit_fuzz::bank_files`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cxkit_fuzz::bank_files(data));
