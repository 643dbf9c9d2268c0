//! The RFM section: the customers' recency, frequency and monetary value from the
//! transactions, the sizes of the default map's segments, and the finding on the largest.

use serde::Serialize;

use super::day_range;
use crate::data::BankData;
use crate::report::lang::{Key, Table};
use crate::segment::{rfm_scores, RfmOptions, RfmSegmentMap};
use crate::Result;

/// RFM segment sizes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RfmSection {
    /// (segment name, customers), largest first.
    pub segments: Vec<(String, usize)>,
    /// What the section found.
    pub finding: String,
}

/// The RFM section (None without transactions): every customer of the customer table or the
/// log scored, recency counted back from the log's last day.
pub(crate) fn rfm_section(bank: &BankData, t: &Table) -> Result<Option<RfmSection>> {
    let Some(tx) = &bank.transactions else {
        return Ok(None);
    };
    // Every customer id of the transactions has a slot, known customers without any too.
    let n = bank
        .customers
        .as_ref()
        .map_or(0, |c| c.segment.len())
        .max(tx.customer.iter().max().map_or(0, |&m| m as usize + 1));
    let (start, end) = day_range(&tx.day)?;
    let (mut last, mut count, mut total) = (vec![start - 1; n], vec![0.0; n], vec![0.0; n]);
    for ((&c, &d), &a) in tx.customer.iter().zip(&tx.day).zip(&tx.amount) {
        let c = c as usize;
        last[c] = last[c].max(d);
        count[c] += 1.0;
        total[c] += a;
    }
    let recency: Vec<f64> = last.iter().map(|&d| (end - d) as f64).collect();
    let map = RfmSegmentMap::default();
    let s = rfm_scores(&recency, &count, &total, &RfmOptions::default(), &map)?;
    let mut sizes = vec![0usize; s.segment_names.len()];
    for &k in &s.segment {
        sizes[k as usize] += 1;
    }
    let mut segments: Vec<(String, usize)> = s
        .segment_names
        .iter()
        .cloned()
        .zip(sizes)
        .filter(|(_, n)| *n > 0)
        .collect();
    segments.sort_by_key(|s| std::cmp::Reverse(s.1));
    Ok(Some(RfmSection {
        finding: t.fill(
            Key::rfm_finding,
            &[
                ("segment", t.name(&segments[0].0)),
                (
                    "share",
                    &format!("{:.0}", 100.0 * segments[0].1 as f64 / n as f64),
                ),
            ],
        ),
        segments,
    }))
}
