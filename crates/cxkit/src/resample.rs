//! The bootstrap's resamples, shared by every bootstrap in cxkit: resample `b` of a seed is
//! drawn from its own generator, so the resamples (and every interval from them) are the same
//! on any number of threads and can be reproduced one by one.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The rows of resample `b`: `n` draws with replacement from 0..n by ChaCha8 seeded with
/// `seed + b` (wrapping).
///
/// ```
/// let a = cxkit::resample::rows(7, 3, 5);
/// assert_eq!(a, cxkit::resample::rows(7, 3, 5));
/// assert!(a.len() == 5 && a.iter().all(|&r| r < 5));
/// ```
pub fn rows(seed: u64, b: usize, n: usize) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(b as u64));
    (0..n).map(|_| rng.random_range(0..n)).collect()
}
