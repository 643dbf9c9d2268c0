//! cargo fuzz target: see `cxkit_fuzz::indicator_tree`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cxkit_fuzz::indicator_tree(data));
