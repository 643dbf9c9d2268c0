//! The C interface of cxkit: `libcxkit.so` / `libcxkit.a` with `include/cxkit.h`.
//!
//! Only conversion lives here: every function checks its pointers, converts C values to the
//! core's types, calls [`cxkit_core`] and writes the result through out-parameters. Each entry
//! point runs inside a guard that turns a panic into `CX_PANIC` and an error into a status code
//! with a message for `cx_last_error_message`.
//!
//! ```c
//! double scores[] = {10, 9, 7, 3, 10};
//! cx_nps_result r;
//! if (cx_nps(scores, 5, NULL, NULL, &r) == CX_OK) printf("NPS %.1f\n", r.score);
//! ```
#![allow(non_camel_case_types)]
//!
//! Each file binds the core module of its name; `convert` and `error` hold the pointer
//! checks, copies and status codes they share.

mod clv;
mod complaints;
mod convert;
mod covariance;
mod drivers;
mod error;
mod ipa;
mod journey;
mod kano;
mod pls;
mod quality;
mod reliability;
mod report;
mod segment;
mod survey;
mod text;
mod value;

pub use clv::*;
pub use complaints::*;
pub use covariance::*;
pub use drivers::*;
pub use error::{cx_last_error_message, cx_status, cx_status_str};
pub use ipa::*;
pub use journey::*;
pub use kano::*;
pub use pls::*;
pub use quality::*;
pub use reliability::*;
pub use report::*;
pub use segment::*;
pub use survey::*;
pub use text::*;
pub use value::*;

use std::ffi::{c_char, CStr};

/// The library version, e.g. "0.1.0" (the same as CXKIT_VERSION in the header this library
/// was built with). Static: do not free it.
#[no_mangle]
pub extern "C" fn cx_version() -> *const c_char {
    static VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => panic!("version has no interior NUL"),
        };
    VERSION.as_ptr()
}

#[cfg(test)]
mod header {
    use std::path::Path;

    /// Regenerates include/cxkit.h and fails if it differs from the committed file.
    /// `CXKIT_BLESS=1 cargo test -p cxkit-c header` rewrites the committed file.
    #[test]
    fn header_matches_committed_file() {
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
            .expect("bindings/c/cbindgen.toml parses");
        config.after_includes = Some(format!(
            "\n#define CXKIT_VERSION \"{}\"",
            env!("CARGO_PKG_VERSION")
        ));
        let mut generated = Vec::new();
        cbindgen::Builder::new()
            .with_crate(crate_dir)
            .with_config(config)
            .generate()
            .expect("cbindgen generates the header")
            .write(&mut generated);
        let generated = String::from_utf8(generated).expect("header is UTF-8");
        let path = crate_dir.join("../../include/cxkit.h");
        if std::env::var_os("CXKIT_BLESS").is_some() {
            std::fs::write(&path, &generated).expect("write include/cxkit.h");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "include/cxkit.h is out of date with bindings/c: run scripts/gen-header.sh and commit it"
        );
    }
}
