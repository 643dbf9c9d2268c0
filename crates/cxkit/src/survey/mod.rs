//! Survey scoring: NPS, CSAT and other top-box shares, CES, Likert summaries, confidence
//! intervals, wave-to-wave tests and mergeable accumulators.
//!
//! Every score is computed from a [`Histogram`] of the responses on an explicit [`Scale`], built
//! in one pass over the caller's array (any primitive numeric type, see [`Score`]).
//!
//! ```
//! use cxkit::survey::{csat, nps, NpsOptions, TopBoxOptions};
//!
//! let ltr = [10u8, 9, 8, 6, 10, 7, 9, 3];
//! let r = nps(&ltr, None, &NpsOptions::default())?;
//! println!("NPS {:.1} ({:.1} to {:.1})", r.score, r.ci_low, r.ci_high);
//!
//! let sat = [5u8, 4, 4, 2, 5];
//! let c = csat(&sat, None, &TopBoxOptions::default())?;
//! assert_eq!(c.top_box.estimate, 0.8);
//! # Ok::<(), cxkit::Error>(())
//! ```

mod accumulator;
mod histogram;
mod interval;
mod likert;
mod nps;
mod top_box;
mod wave;

pub use crate::bytes::FORMAT_VERSION;
pub use crate::scale::{Located, NanPolicy, Scale, Score, MAX_SCALE_POINTS};
pub use accumulator::{
    Accumulator, AccumulatorKind, LikertAccumulator, LikertKind, NpsAccumulator, NpsKind,
    TopBoxAccumulator, TopBoxKind, TALLY_FORMAT_VERSION,
};
pub use histogram::Histogram;
pub use interval::{wald_interval, wilson_interval, Mean, Proportion, ProportionMethod};
pub use likert::{likert_summary, Likert, LikertOptions};
pub use nps::{nps, nps_from_counts, Nps, NpsMethod, NpsOptions};
pub use top_box::{ces, csat, top_box, Ces, CesOptions, Csat, TopBoxOptions};
pub use wave::{nps_test, top_box_test, NpsTestOptions, WaveTest};
