//! cargo fuzz target: see `cxkit_fuzz::c_api`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cxkit_fuzz::c_api(data));
