//! Segmentation: RFM scores and named segments, and the customer pyramid (value tiers).
//! k-means, silhouette, behavioural types and segment profiles come next (issue 5).

mod rank;
mod rfm;
mod tiers;

pub use rfm::{rfm_scores, RfmBinning, RfmOptions, RfmRule, RfmScores, RfmSegmentMap};
pub use tiers::{value_tiers, TierCuts, TierSummary, ValueTiers, TIER_NAMES};
