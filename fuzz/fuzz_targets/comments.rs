//! cargo fuzz target: see `cxkit_fuzz::comments`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cxkit_fuzz::comments(data));
