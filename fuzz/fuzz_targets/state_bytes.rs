//! cargo fuzz target: see `cxkit_fuzz::state_bytes`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cxkit_fuzz::state_bytes(data));
