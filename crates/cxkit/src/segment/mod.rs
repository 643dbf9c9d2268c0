//! Segmentation: RFM scores and named segments, the customer pyramid (value tiers), and
//! k-means clustering. Silhouette, behavioural types and segment profiles come next (issue 5).

mod kmeans;
mod rank;
mod rfm;
mod silhouette;
mod tiers;

pub use kmeans::{kmeans_scan, KMeans, KMeansOptions, KMeansScan, KMeansScanRow};
pub use rfm::{rfm_scores, RfmBinning, RfmOptions, RfmRule, RfmScores, RfmSegmentMap};
pub use silhouette::{silhouette_samples, silhouette_score, SilhouetteOptions};
pub use tiers::{value_tiers, TierCuts, TierSummary, ValueTiers, TIER_NAMES};
