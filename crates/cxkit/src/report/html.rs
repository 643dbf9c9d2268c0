//! The report as one self-contained HTML page with inline SVG charts.

use std::fmt::Write;

use super::svg::{bars, esc, heat_map, scatter, Bar};
use super::BankReport;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;\
color:#222;line-height:1.45}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;\
border-bottom:1px solid #ccc}p.finding{font-weight:600}table{border-collapse:collapse;\
font-size:.85em}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}\
td:first-child,th:first-child{text-align:left}";

fn section(out: &mut String, title: &str, finding: &str, body: &str) {
    let _ = write!(
        out,
        "<section><h2>{}</h2><p class=\"finding\">{}</p>{}</section>",
        esc(title),
        esc(finding),
        body
    );
}

fn pct(v: f64) -> String {
    format!("{:.1} %", 100.0 * v)
}

impl BankReport {
    /// The report as a self-contained HTML page (no scripts, no network): one section per
    /// analysis with its finding and an inline SVG chart.
    ///
    /// ```
    /// let bank = cxkit::data::demo_bank(3, 3_000);
    /// let html = cxkit::report::bank_report(&bank, 0.95)?.to_html();
    /// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cxkit report</title><style>{STYLE}</style></head><body><h1>Customer-experience report</h1><p>{}Every number is in the accompanying JSON file.</p>",
            self.customers.map_or(String::new(), |n| format!("{n} customers. "))
        );
        // Survey.
        if let Some(s) = &self.survey {
            let mut wave_bars: Vec<Bar> = s
                .waves
                .iter()
                .map(|w| Bar {
                    label: format!("NPS, wave {}", w.wave),
                    value: w.nps.score,
                    interval: Some((w.nps.ci_low, w.nps.ci_high)),
                })
                .collect();
            wave_bars.extend(s.nps_by_segment.iter().map(|(name, n)| Bar {
                label: format!("NPS wave {}, {name}", s.waves.last().map_or(0, |w| w.wave)),
                value: n.score,
                interval: Some((n.ci_low, n.ci_high)),
            }));
            wave_bars.extend(s.waves.iter().filter_map(|w| {
                let top = &w.csat.as_ref()?.top_box;
                Some(Bar {
                    label: format!("CSAT, wave {}", w.wave),
                    value: 100.0 * top.estimate,
                    interval: Some((100.0 * top.ci_low, 100.0 * top.ci_high)),
                })
            }));
            section(
                &mut out,
                "NPS and CSAT by wave and segment",
                &s.finding,
                &bars(
                    "NPS and CSAT (%) with confidence intervals",
                    &wave_bars,
                    &|v| format!("{v:.1}"),
                ),
            );
        }
        // Value.
        if let Some(v) = &self.value {
            let tier_bars: Vec<Bar> = v
                .tiers
                .iter()
                .flat_map(|t| {
                    [
                        Bar {
                            label: format!("{}: customers", t.tier),
                            value: t.customer_share,
                            interval: None,
                        },
                        Bar {
                            label: format!("{}: value", t.tier),
                            value: t.value_share.unwrap_or(0.0),
                            interval: None,
                        },
                    ]
                })
                .collect();
            let decile_bars: Vec<Bar> = v
                .clv_deciles
                .iter()
                .enumerate()
                .map(|(i, d)| Bar {
                    label: format!("{}th percentile", 10 * (i + 1)),
                    value: *d,
                    interval: None,
                })
                .collect();
            section(
                &mut out,
                "The customer pyramid and lifetime value",
                &v.finding,
                &format!(
                    "{}{}",
                    bars(
                        "Share of customers and of 12-month CLV per tier",
                        &tier_bars,
                        &pct
                    ),
                    bars("12-month CLV distribution", &decile_bars, &|x| format!(
                        "{x:.0}"
                    ))
                ),
            );
        }
        // RFM.
        if let Some(r) = &self.rfm {
            let n = self.customers.map_or(0.0, |n| n as f64);
            let rfm_bars: Vec<Bar> = r
                .segments
                .iter()
                .map(|(name, k)| Bar {
                    label: name.clone(),
                    value: *k as f64 / n,
                    interval: None,
                })
                .collect();
            section(
                &mut out,
                "RFM segments",
                &r.finding,
                &bars("Customers per RFM segment", &rfm_bars, &pct),
            );
        }
        // KANO.
        if let Some(k) = &self.kano {
            let points: Vec<(String, f64, f64)> = k
                .features
                .iter()
                .filter_map(|f| {
                    Some((
                        format!("{} ({})", f.feature, f.category),
                        f.worse?.abs(),
                        f.better?,
                    ))
                })
                .collect();
            // Features that migrated since the first wave: an arrow from where they were.
            let arrows: Vec<(f64, f64, f64, f64)> = k
                .features
                .iter()
                .filter(|f| f.migrated)
                .filter_map(|f| {
                    Some((
                        f.first_worse?.abs(),
                        f.first_better?,
                        f.worse?.abs(),
                        f.better?,
                    ))
                })
                .collect();
            section(
                &mut out,
                "KANO: what delights, what is expected",
                &k.finding,
                &scatter(
                    "KANO Better/Worse diagram",
                    "|Worse| (dissatisfaction when absent)",
                    "Better (satisfaction when present)",
                    &points,
                    &arrows,
                    0.5,
                    0.5,
                    (0.0, 1.0),
                    (0.0, 1.0),
                ),
            );
        }
        // SERVQUAL.
        if let Some(q) = &self.servqual {
            let gap_bars: Vec<Bar> = q
                .dimensions
                .iter()
                .map(|(name, g, lo, hi)| Bar {
                    label: name.clone(),
                    value: *g,
                    interval: Some((*lo, *hi)),
                })
                .collect();
            section(
                &mut out,
                "SERVQUAL gaps (perception − expectation)",
                &q.finding,
                &bars("Gap per dimension with 95 % intervals", &gap_bars, &|x| {
                    format!("{x:.2}")
                }),
            );
        }
        // Journey.
        if let Some(j) = &self.journey {
            let ipa_points: Vec<(String, f64, f64)> = j
                .ipa
                .iter()
                .map(|(t, i, p, q)| (format!("{t} — {q}"), *i, *p))
                .collect();
            let imp_max = j.ipa.iter().map(|r| r.1).fold(0.0, f64::max) * 1.1;
            let count = j.ipa.len().max(1) as f64;
            let (mean_importance, mean_index) = (
                j.ipa.iter().map(|r| r.1).sum::<f64>() / count,
                j.ipa.iter().map(|r| r.2).sum::<f64>() / count,
            );
            section(
                &mut out,
                "Journeys: touchpoint scores and pain points",
                &j.finding,
                &format!(
                    "{}{}",
                    heat_map("Touchpoint index (0–100) by month", &j.months, &j.heat_map),
                    scatter(
                        "Importance–performance of touchpoints (last month)",
                        "Importance (share of the tree's weight)",
                        "Performance (index)",
                        &ipa_points,
                        &[],
                        mean_importance,
                        mean_index,
                        (0.0, imp_max.max(1e-9)),
                        (0.0, 100.0)
                    )
                ),
            );
        }
        // Complaints.
        if let Some(c) = &self.complaints {
            let sla_bars: Vec<Bar> = c
                .by_channel
                .iter()
                .map(|(name, _, within)| Bar {
                    label: name.clone(),
                    value: *within,
                    interval: None,
                })
                .collect();
            let mut table = String::from(
                "<table><tr><th>channel</th><th>mean first response (h)</th><th>within 24 h</th></tr>",
            );
            for (name, hours, within) in &c.by_channel {
                let _ = write!(
                    table,
                    "<tr><td>{}</td><td>{hours:.1}</td><td>{}</td></tr>",
                    esc(name),
                    pct(*within)
                );
            }
            table.push_str("</table>");
            section(
                &mut out,
                "Complaint handling",
                &c.finding,
                &format!(
                    "{}{table}",
                    bars(
                        "Complaints answered within 24 h, by channel",
                        &sla_bars,
                        &pct
                    )
                ),
            );
        }
        if !self.not_computed.is_empty() {
            out.push_str("<section><h2>Not computed</h2><ul>");
            for (name, why) in &self.not_computed {
                let _ = write!(out, "<li>{}: {}</li>", esc(name), esc(why));
            }
            out.push_str("</ul></section>");
        }
        out.push_str("</body></html>\n");
        out
    }
}
