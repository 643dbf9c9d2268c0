//! RFM scores, cells and named segments.

use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use super::rank::{check_finite, quantile_scores};
use crate::error::check_lengths;
use crate::{Error, Result};

/// How frequency and monetary bins relate to recency bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RfmBinning {
    /// Each of R, F, M binned over all customers. The default.
    #[default]
    Independent,
    /// F binned within each R score, M within each (R, F) cell.
    Nested,
}

crate::names::named!(RfmBinning, "binning", [Independent => "independent", Nested => "nested"]);

/// Options for [`rfm_scores`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RfmOptions {
    /// Score levels, 2 to 9. Default 5.
    pub bins: u32,
    /// Independent (default) or nested binning.
    pub binning: RfmBinning,
}

impl Default for RfmOptions {
    fn default() -> Self {
        RfmOptions {
            bins: 5,
            binning: RfmBinning::Independent,
        }
    }
}

/// One rule of a segment map: a name and the score ranges (inclusive) it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmRule {
    /// Segment name.
    pub name: String,
    /// Recency scores covered, (low, high).
    pub r: (u8, u8),
    /// Frequency scores covered.
    pub f: (u8, u8),
    /// Monetary scores covered.
    pub m: (u8, u8),
}

/// Named segments as rules over R, F and M scores; the first matching rule names a customer,
/// and customers no rule covers are named `fallback`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmSegmentMap {
    /// Rules, checked in order.
    pub rules: Vec<RfmRule>,
    /// Name of customers no rule covers.
    pub fallback: String,
    /// The bin count the rules were written for.
    pub bins: u32,
}

impl Default for RfmSegmentMap {
    /// The widely used R×F map for 5 bins (M is not used): Champions (R 5, F 4–5), Loyal
    /// (R 3–4, F 4–5), Potential Loyalist (R 4–5, F 2–3), New (R 5, F 1), Promising (R 4, F 1),
    /// Need Attention (R 3, F 3), About To Sleep (R 3, F 1–2), Can't Lose Them (R 1–2, F 5),
    /// At Risk (R 1–2, F 3–4), Lost (R 1, F 1), Hibernating (R 1–2, F 1–2).
    fn default() -> Self {
        let rule = |name: &str, r: (u8, u8), f: (u8, u8)| RfmRule {
            name: name.to_string(),
            r,
            f,
            m: (1, 5),
        };
        RfmSegmentMap {
            rules: vec![
                rule("Champions", (5, 5), (4, 5)),
                rule("Loyal", (3, 4), (4, 5)),
                rule("Potential Loyalist", (4, 5), (2, 3)),
                rule("New", (5, 5), (1, 1)),
                rule("Promising", (4, 4), (1, 1)),
                rule("Need Attention", (3, 3), (3, 3)),
                rule("About To Sleep", (3, 3), (1, 2)),
                rule("Can't Lose Them", (1, 2), (5, 5)),
                rule("At Risk", (1, 2), (3, 4)),
                rule("Lost", (1, 1), (1, 1)),
                rule("Hibernating", (1, 2), (1, 2)),
            ],
            fallback: "Other".to_string(),
            bins: 5,
        }
    }
}

impl RfmSegmentMap {
    /// The segment name of scores (r, f, m).
    ///
    /// ```
    /// use cxkit::segment::RfmSegmentMap;
    ///
    /// let map = RfmSegmentMap::default();
    /// assert_eq!(map.name(5, 5, 3), "Champions");
    /// assert_eq!(map.name(1, 1, 5), "Lost");
    /// assert_eq!(map.name(2, 1, 1), "Hibernating");
    /// ```
    pub fn name(&self, r: u8, f: u8, m: u8) -> &str {
        self.rules
            .get(self.index(r, f, m))
            .map_or(self.fallback.as_str(), |rule| rule.name.as_str())
    }

    /// The position of the first rule covering (r, f, m), or `rules.len()` for the fallback.
    pub fn index(&self, r: u8, f: u8, m: u8) -> usize {
        let within = |v: u8, (lo, hi): (u8, u8)| lo <= v && v <= hi;
        self.rules
            .iter()
            .position(|rule| within(r, rule.r) && within(f, rule.f) && within(m, rule.m))
            .unwrap_or(self.rules.len())
    }

    /// Segment names in index order: the rules' names, then the fallback.
    pub fn names(&self) -> Vec<String> {
        self.rules
            .iter()
            .map(|rule| rule.name.clone())
            .chain(std::iter::once(self.fallback.clone()))
            .collect()
    }
}

/// RFM scores of every customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmScores {
    /// Recency score (higher is more recent).
    pub r: Vec<u8>,
    /// Frequency score.
    pub f: Vec<u8>,
    /// Monetary score.
    pub m: Vec<u8>,
    /// The RFM cell, 100·r + 10·f + m (e.g. 545).
    pub cell: Vec<u16>,
    /// Segment of each customer: an index into `segment_names`.
    pub segment: Vec<u16>,
    /// The segment names: the map's rules in order, then its fallback.
    pub segment_names: Vec<String>,
}

impl RfmScores {
    /// The segment name of customer `i`.
    pub fn segment_name(&self, i: usize) -> &str {
        &self.segment_names[self.segment[i] as usize]
    }
}

/// Scores customers on recency (time since the last purchase: smaller is better), frequency
/// and monetary value (larger is better) in `bins` quantile bins, 5 best. A score is
/// 1 + ⌊bins·(customers strictly worse)/n⌋ among the customers binned together, so ties
/// always share a bin (and a bin may stay empty). Segments come from `map`.
///
/// ```
/// use cxkit::segment::{rfm_scores, RfmOptions, RfmSegmentMap};
///
/// let recency = [2.0, 40.0, 10.0, 90.0, 5.0];
/// let frequency = [12.0, 1.0, 4.0, 1.0, 8.0];
/// let monetary = [900.0, 20.0, 150.0, 35.0, 400.0];
/// let s = rfm_scores(&recency, &frequency, &monetary, &RfmOptions::default(), &RfmSegmentMap::default())?;
/// assert_eq!(s.cell[0], 555);
/// assert_eq!(s.segment_name(0), "Champions");
/// assert_eq!((s.cell[3], s.segment_name(3)), (112, "Lost"));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn rfm_scores(
    recency: &[f64],
    frequency: &[f64],
    monetary: &[f64],
    options: &RfmOptions,
    map: &RfmSegmentMap,
) -> Result<RfmScores> {
    let n = recency.len();
    check_lengths(
        n,
        &[
            ("frequency (one per customer)", frequency.len()),
            ("monetary (one per customer)", monetary.len()),
        ],
    )?;
    if n == 0 {
        return Err(Error::EmptyInput { what: "customers" });
    }
    if !(2..=9).contains(&options.bins) {
        return Err(Error::InvalidParameter {
            name: "bins",
            reason: format!(
                "must be between 2 and 9 (one digit per score in the cell), got {}",
                options.bins
            ),
        });
    }
    if map.bins != options.bins {
        return Err(Error::Incompatible {
            reason: format!(
                "the segment map is written for {} bins, the scores use {}",
                map.bins, options.bins
            ),
        });
    }
    check_finite(recency, "recency")?;
    check_finite(frequency, "frequency")?;
    check_finite(monetary, "monetary")?;
    let bins = options.bins;
    // Each column's selections are sequential, so the columns run side by side.
    let (r, (f, m)) = match options.binning {
        RfmBinning::Independent => rayon::join(
            || quantile_scores(recency, bins, false),
            || {
                rayon::join(
                    || quantile_scores(frequency, bins, true),
                    || quantile_scores(monetary, bins, true),
                )
            },
        ),
        RfmBinning::Nested => {
            let r = quantile_scores(recency, bins, false);
            let f = within_groups(frequency, &r, bins);
            let rf: Vec<u16> = r
                .iter()
                .zip(&f)
                .map(|(&a, &b)| u16::from(a) * 10 + u16::from(b))
                .collect();
            let m = within_groups(monetary, &rf, bins);
            (r, (f, m))
        }
    };
    let cell: Vec<u16> = (0..n)
        .into_par_iter()
        .map(|i| 100 * u16::from(r[i]) + 10 * u16::from(f[i]) + u16::from(m[i]))
        .collect();
    // Every (r, f, m) combination's segment, looked up once: bins³ ≤ 729 entries.
    let b = bins as usize;
    let mut table = vec![0u16; b * b * b];
    for (k, slot) in table.iter_mut().enumerate() {
        let (rr, ff, mm) = (k / (b * b) + 1, (k / b) % b + 1, k % b + 1);
        *slot = map.index(rr as u8, ff as u8, mm as u8) as u16;
    }
    let segment = (0..n)
        .into_par_iter()
        .map(|i| {
            let (rr, ff, mm) = (r[i] as usize - 1, f[i] as usize - 1, m[i] as usize - 1);
            table[(rr * b + ff) * b + mm]
        })
        .collect();
    Ok(RfmScores {
        r,
        f,
        m,
        cell,
        segment,
        segment_names: map.names(),
    })
}

/// Quantile scores of `values` computed separately within each group.
fn within_groups<G: Copy + Ord>(values: &[f64], groups: &[G], bins: u32) -> Vec<u8> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by_key(|&i| groups[i]);
    let mut out = vec![0u8; values.len()];
    for members in order.chunk_by(|&a, &b| groups[a] == groups[b]) {
        let v: Vec<f64> = members.iter().map(|&i| values[i]).collect();
        for (&i, s) in members.iter().zip(quantile_scores(&v, bins, true)) {
            out[i] = s;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_bins_rank_within_recency() {
        // Recency scores with 2 bins: days 1, 2 → 2; days 10, 20 → 1. Frequency within each:
        // {5, 1} → 2, 1 and {9, 3} → 2, 1, although 9 > 5 overall.
        let o = RfmOptions {
            bins: 2,
            binning: RfmBinning::Nested,
        };
        let map = RfmSegmentMap {
            bins: 2,
            ..RfmSegmentMap::default()
        };
        let s = rfm_scores(
            &[1.0, 2.0, 10.0, 20.0],
            &[5.0, 1.0, 9.0, 3.0],
            &[1.0, 1.0, 1.0, 1.0],
            &o,
            &map,
        )
        .unwrap();
        assert_eq!(s.r, vec![2, 2, 1, 1]);
        assert_eq!(s.f, vec![2, 1, 2, 1]);
        // All monetary values tie: every cell's M is 1.
        assert_eq!(s.m, vec![1, 1, 1, 1]);
        assert_eq!(s.cell, vec![221, 211, 121, 111]);
    }

    #[test]
    fn custom_maps_and_bad_input() {
        let map = RfmSegmentMap {
            rules: vec![RfmRule {
                name: "Whales".into(),
                r: (1, 5),
                f: (1, 5),
                // With two customers the larger spender scores 1 + ⌊5·1/2⌋ = 3.
                m: (3, 5),
            }],
            fallback: "Everyone else".into(),
            bins: 5,
        };
        let s = rfm_scores(
            &[1.0, 2.0],
            &[1.0, 2.0],
            &[10.0, 1000.0],
            &RfmOptions::default(),
            &map,
        )
        .unwrap();
        assert_eq!(
            (s.segment_name(0), s.segment_name(1)),
            ("Everyone else", "Whales")
        );
        let o = RfmOptions::default();
        let d = RfmSegmentMap::default();
        assert!(matches!(
            rfm_scores(&[1.0], &[1.0, 2.0], &[1.0], &o, &d),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            rfm_scores(&[], &[], &[], &o, &d),
            Err(Error::EmptyInput { .. })
        ));
        assert!(matches!(
            rfm_scores(&[f64::NAN], &[1.0], &[1.0], &o, &d),
            Err(Error::InvalidParameter {
                name: "recency",
                ..
            })
        ));
        let ten = RfmOptions { bins: 10, ..o };
        assert!(matches!(
            rfm_scores(&[1.0], &[1.0], &[1.0], &ten, &d),
            Err(Error::InvalidParameter { name: "bins", .. })
        ));
        let three = RfmOptions { bins: 3, ..o };
        assert!(matches!(
            rfm_scores(&[1.0], &[1.0], &[1.0], &three, &d),
            Err(Error::Incompatible { .. })
        ));
    }
}
