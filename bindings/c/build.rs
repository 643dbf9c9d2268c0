//! Gives the shared library the SONAME it is installed under (`scripts/install-c.sh`):
//! `libcxkit.so.<major>`, whatever name Cargo gives the file.

fn main() {
    let target = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target == "linux" {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcxkit.so.{major}");
    }
}
