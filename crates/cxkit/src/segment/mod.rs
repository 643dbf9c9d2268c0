//! Segmentation: RFM scores and named segments, the customer pyramid (value tiers), k-means
//! clustering with silhouettes and a scan over k, behavioural types, and segment profiles
//! (personas) with segment attractiveness.

mod behavior;
mod kmeans;
mod profile;
mod rank;
mod rfm;
mod scan;
mod silhouette;
mod tiers;

pub use behavior::{behavior_types, BehaviorRules, BehaviorType, BehaviorTypes, Indicator};
pub use kmeans::{KMeans, KMeansOptions};
pub use profile::{
    profile_segments, segment_attractiveness, Attractiveness, AttractivenessWeights,
    CategoricalAttribute, CategoricalSummary, CategoryShare, NumericAttribute, NumericSummary,
    ProfileOptions, SegmentProfile, SegmentProfiles,
};
pub use rfm::{rfm_scores, RfmBinning, RfmOptions, RfmRule, RfmScores, RfmSegmentMap};
pub use scan::{kmeans_scan, KMeansScan, KMeansScanRow};
pub use silhouette::{silhouette_samples, silhouette_score, SilhouetteOptions};
pub use tiers::{value_tiers, TierCuts, TierSummary, ValueTiers, TIER_NAMES};
