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

mod accumulator;
mod clv;
mod journey;
mod kano;
mod quality;
mod report;
mod segment;
mod status;
mod survey;

pub use accumulator::*;
pub use clv::*;
pub use journey::*;
pub use kano::*;
pub use quality::*;
pub use report::*;
pub use segment::*;
pub use status::{cx_last_error_message, cx_status, cx_status_str, cx_version};
pub use survey::*;

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
