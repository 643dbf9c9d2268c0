//! Run-time choice of AVX2 for the few kernels that profit from 256-bit registers: the
//! kernel is written once as an `#[inline(always)]` function and compiled twice, for the
//! baseline and for AVX2, and the processor picks. Both run the same operations in the same
//! order, so they give the same results to the bit.

/// `avx2_or_baseline!(kernel(a, b) with (a: A, b: B) -> R)` calls `kernel` compiled for AVX2
/// when the processor has it, else the baseline build (`kernel` must be `#[inline(always)]`).
macro_rules! avx2_or_baseline {
    ($kernel:ident($($arg:expr),* $(,)?) with ($($p:ident: $t:ty),* $(,)?) -> $ret:ty) => {{
        #[cfg(target_arch = "x86_64")]
        {
            #[target_feature(enable = "avx2")]
            fn avx2($($p: $t),*) -> $ret {
                $kernel($($p),*)
            }
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2 (checked just above).
                unsafe { avx2($($arg),*) }
            } else {
                $kernel($($arg),*)
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            $kernel($($arg),*)
        }
    }};
}
pub(crate) use avx2_or_baseline;
