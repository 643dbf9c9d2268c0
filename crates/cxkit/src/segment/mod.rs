//! Segmentation: RFM scores and named segments, the customer pyramid (value tiers), and
//! k-means clustering. Silhouette, behavioural types and segment profiles come next (issue 5).

mod kmeans;
mod rank;
mod rfm;
mod tiers;

pub use kmeans::{KMeans, KMeansOptions};
pub use rfm::{rfm_scores, RfmBinning, RfmOptions, RfmRule, RfmScores, RfmSegmentMap};
pub use tiers::{value_tiers, TierCuts, TierSummary, ValueTiers, TIER_NAMES};
