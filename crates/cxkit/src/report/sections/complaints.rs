//! The complaints section: complaint handling against the report's service levels (24 h to
//! the first response, 72 h to resolution), first responses by channel, and the finding on the
//! channel doing worst and on the complaints still open.

use serde::ser::{Error as _, SerializeStruct};
use serde::{Serialize, Serializer};

use super::is_demo;
use crate::complaints::{complaint_metrics, ComplaintMetrics, ComplaintOptions, Complaints};
use crate::data::BankData;
use crate::report::lang::{Key, Table};
use crate::Result;

/// Complaint handling.
///
/// In the JSON, `metrics.by_channel` and `metrics.by_category` name each group (`"channel":
/// "phone"`, `"category": "fees"`) in place of its code, so that the file does not depend on
/// the order the groups first appear in.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintSection {
    /// All complaints, with the SLAs of 24 h (response) and 72 h (resolution); its groups by
    /// the codes of `channels` and `categories`.
    pub metrics: ComplaintMetrics,
    /// First responses by channel against the 24 h service level, every channel with
    /// complaints (one never answered included).
    pub by_channel: Vec<ChannelResponse>,
    /// What the section found.
    pub finding: String,
    /// The channel of each code of `metrics.by_channel`.
    pub channels: Vec<String>,
    /// The category of each code of `metrics.by_category`.
    pub categories: Vec<String>,
}

/// First responses of one channel's complaints against the report's 24 h service level, at
/// the date of the metrics (see [`crate::complaints::Durations`] for met, breached and
/// pending).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelResponse {
    /// The channel.
    pub channel: String,
    /// Its complaints.
    pub complaints: usize,
    /// Mean hours to the first response of those answered (None when none was).
    pub mean_hours: Option<f64>,
    /// Share of the complaints due answered within 24 h (None when none is due yet).
    pub within_sla: Option<f64>,
    /// Complaints answered after 24 h or not at all and older than 24 h.
    pub breached: usize,
    /// Of `breached`, those never answered.
    pub unanswered: usize,
    /// Unanswered complaints younger than 24 h: not yet due.
    pub pending: usize,
}

impl Serialize for ComplaintSection {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut metrics = serde_json::to_value(&self.metrics).map_err(S::Error::custom)?;
        for (key, what, names) in [
            ("by_channel", "channel", &self.channels),
            ("by_category", "category", &self.categories),
        ] {
            let Some(rows) = metrics.get_mut(key).and_then(|v| v.as_array_mut()) else {
                continue;
            };
            for row in rows {
                let Some(fields) = row.as_object_mut() else {
                    continue;
                };
                let code = fields.remove("code").and_then(|c| c.as_u64()).unwrap_or(0);
                let name = usize::try_from(code)
                    .ok()
                    .and_then(|c| names.get(c))
                    .cloned()
                    .unwrap_or_else(|| code.to_string());
                let mut named = serde_json::Map::new();
                named.insert(what.to_string(), name.into());
                named.append(fields);
                *fields = named;
            }
        }
        let mut out = serializer.serialize_struct("ComplaintSection", 3)?;
        out.serialize_field("metrics", &metrics)?;
        out.serialize_field("by_channel", &self.by_channel)?;
        out.serialize_field("finding", &self.finding)?;
        out.end()
    }
}

/// The complaints section (None without complaints).
pub(crate) fn complaint_section(bank: &BankData, t: &Table) -> Result<Option<ComplaintSection>> {
    let Some(c) = &bank.complaints else {
        return Ok(None);
    };
    let options = ComplaintOptions {
        response_sla: Some(24.0 * 3600.0),
        resolution_sla: Some(72.0 * 3600.0),
        customers: bank.customers.as_ref().map(|c| c.segment.len() as f64),
        ..ComplaintOptions::default()
    };
    let metrics = complaint_metrics(
        &Complaints {
            opened: &c.opened,
            first_response: &c.first_response,
            resolved: &c.resolved,
            contacts: Some(&c.contacts),
            reopened: Some(&c.reopened),
            channel: Some(&c.channel),
            category: Some(&c.category),
        },
        &options,
    )?;
    // Each channel at the date of the whole table, so that a channel's unanswered complaints
    // are aged as the others are.
    let at = ComplaintOptions {
        as_of: Some(metrics.as_of),
        ..options
    };
    let by_channel: Vec<ChannelResponse> = bank
        .channels
        .iter()
        .enumerate()
        .filter_map(|(k, name)| {
            let idx: Vec<usize> = (0..c.channel.len())
                .filter(|&i| c.channel[i] as usize == k)
                .collect();
            let pick = |v: &[i64]| idx.iter().map(|&i| v[i]).collect::<Vec<_>>();
            let (o, f, r) = (pick(&c.opened), pick(&c.first_response), pick(&c.resolved));
            let m = complaint_metrics(
                &Complaints {
                    opened: &o,
                    first_response: &f,
                    resolved: &r,
                    ..Complaints::default()
                },
                &at,
            )
            .ok()?;
            let d = m.response;
            Some(ChannelResponse {
                channel: name.to_string(),
                complaints: m.complaints,
                mean_hours: d.mean.map(|s| s / 3600.0),
                within_sla: d.within_sla,
                breached: d.breached.unwrap_or(0),
                unanswered: d.breached_outstanding.unwrap_or(0),
                pending: d.pending.unwrap_or(0),
            })
        })
        .collect();
    // The channel doing worst: the lowest share within the service level, then the slowest.
    let worst = by_channel
        .iter()
        .filter(|c| c.within_sla.is_some())
        .min_by(|a, b| {
            a.within_sla
                .partial_cmp(&b.within_sla)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(
                    b.mean_hours
                        .unwrap_or(f64::INFINITY)
                        .total_cmp(&a.mean_hours.unwrap_or(f64::INFINITY)),
                )
        });
    let r = &metrics.response;
    let percent = |v: Option<f64>| format!("{:.0}", 100.0 * v.unwrap_or(0.0));
    let mut finding = match worst {
        Some(w) => t.fill(
            Key::complaints_finding,
            &[
                ("share", &percent(r.within_sla)),
                ("channel", t.data_name(&w.channel, is_demo(bank))),
                ("channel_share", &percent(w.within_sla)),
            ],
        ),
        None => t.get(Key::complaints_none_due).to_string(),
    };
    let (unanswered, pending) = (r.breached_outstanding.unwrap_or(0), r.pending.unwrap_or(0));
    if unanswered + pending > 0 {
        finding.push(' ');
        finding.push_str(&t.fill(
            Key::complaints_open,
            &[
                ("unanswered", &unanswered.to_string()),
                ("pending", &pending.to_string()),
            ],
        ));
    }
    Ok(Some(ComplaintSection {
        finding,
        metrics,
        by_channel,
        channels: bank.channels.clone(),
        categories: bank.categories.clone(),
    }))
}
