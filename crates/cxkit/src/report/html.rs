//! The report as one self-contained HTML page with inline SVG charts.

use std::fmt::Write;

use super::data_read::file_label;
use super::lang::Key;
use super::lang::Table;
use super::sections::{CommentSection, SatisfactionSection, TopicRow};
use super::svg::{bars, esc, heat_map, path_diagram, scatter, trimmed, Bar, Edge, Node};
use super::BankReport;
use crate::data::Origin;
use crate::names::Named;

/// The Chinese fonts the report's font stack names, in its order (the usual system fonts of
/// macOS, Windows and Linux): charts drawn elsewhere (the Python plots) use the first one
/// installed.
pub const CJK_FONTS: [&str; 6] = [
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
];

/// The page's style. The font stack names the usual Chinese system fonts of macOS, Windows and
/// Linux after the Latin ones, so a Chinese report renders its glyphs on each (the charts are
/// inline SVG and inherit it).
const STYLE: &str = "body{font-family:system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\",\
\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",\
\"WenQuanYi Micro Hei\",sans-serif;max-width:760px;margin:2em auto;\
color:#222;line-height:1.45}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;\
border-bottom:1px solid #ccc}p.finding{font-weight:600}p.legend{font-size:.85em;color:#555}table{border-collapse:collapse;\
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
    /// The report as a self-contained HTML page (no scripts, no network) in the report's
    /// language: one section per analysis with its finding and an inline SVG chart.
    ///
    /// ```
    /// use cxkit::report::{bank_report, Lang, ReportOptions};
    /// let bank = cxkit::data::demo_bank(3, 3_000).unwrap();
    /// let html = bank_report(&bank, &ReportOptions::default())?.to_html();
    /// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    /// let zh = ReportOptions { lang: Lang::Zh, ..ReportOptions::default() };
    /// let html = bank_report(&bank, &zh)?.to_html();
    /// assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("<h1>客户体验报告</h1>"));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn to_html(&self) -> String {
        let t = self.lang.table();
        // The demo bank's names are translated; a bank's own never are.
        let demo = matches!(self.files.origin, Origin::Demo { .. });
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body><h1>{}</h1><p>{}{}</p>",
            self.lang.html_tag(),
            esc(t.get(Key::page_title)),
            esc(t.get(Key::heading)),
            self.customers.map_or(String::new(), |n| esc(&t.fill(Key::customers, &[("n", &n.to_string())]))),
            esc(t.get(Key::json_note))
        );
        let confidence = trimmed(100.0 * self.confidence, 2);
        // Survey.
        if let Some(s) = &self.survey {
            let mut wave_bars: Vec<Bar> = s
                .waves
                .iter()
                .map(|w| Bar {
                    label: t.fill(Key::nps_wave, &[("wave", &w.wave.to_string())]),
                    value: w.nps.score,
                    interval: Some((w.nps.ci_low, w.nps.ci_high)),
                })
                .collect();
            wave_bars.extend(s.nps_by_segment.iter().map(|(name, n)| Bar {
                label: t.fill(
                    Key::nps_segment,
                    &[
                        ("wave", &s.waves.last().map_or(0, |w| w.wave).to_string()),
                        ("segment", t.data_name(name, demo)),
                    ],
                ),
                value: n.score,
                interval: Some((n.ci_low, n.ci_high)),
            }));
            wave_bars.extend(s.waves.iter().filter_map(|w| {
                let top = &w.csat.as_ref()?.top_box;
                Some(Bar {
                    label: t.fill(Key::csat_wave, &[("wave", &w.wave.to_string())]),
                    value: 100.0 * top.estimate,
                    interval: Some((100.0 * top.ci_low, 100.0 * top.ci_high)),
                })
            }));
            section(
                &mut out,
                t.get(Key::survey_title),
                &s.finding,
                &bars(
                    &t.fill(Key::survey_chart, &[("confidence", &confidence)]),
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
                .flat_map(|tier| {
                    [
                        Bar {
                            label: t
                                .fill(Key::value_tier_customers, &[("tier", t.name(&tier.tier))]),
                            value: tier.customer_share,
                            interval: None,
                        },
                        Bar {
                            label: t.fill(Key::value_tier_value, &[("tier", t.name(&tier.tier))]),
                            value: tier.value_share.unwrap_or(0.0),
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
                    label: t.fill(Key::value_percentile, &[("p", &(10 * (i + 1)).to_string())]),
                    value: *d,
                    interval: None,
                })
                .collect();
            section(
                &mut out,
                t.get(Key::value_title),
                &v.finding,
                &format!(
                    "{}{}",
                    bars(t.get(Key::value_tier_chart), &tier_bars, &pct),
                    bars(t.get(Key::value_decile_chart), &decile_bars, &|x| format!(
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
                    label: t.name(name).to_string(),
                    value: *k as f64 / n,
                    interval: None,
                })
                .collect();
            section(
                &mut out,
                t.get(Key::rfm_title),
                &r.finding,
                &bars(t.get(Key::rfm_chart), &rfm_bars, &pct),
            );
        }
        // KANO.
        if let Some(k) = &self.kano {
            let points: Vec<(String, f64, f64)> = k
                .features
                .iter()
                .filter_map(|f| {
                    Some((
                        t.fill(
                            Key::kano_point,
                            &[
                                ("feature", t.data_name(&f.feature, demo)),
                                ("category", t.kano_category(&f.category)),
                            ],
                        ),
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
                t.get(Key::kano_title),
                &k.finding,
                &format!(
                    "{}<p class=\"legend\">{}{}</p>",
                    scatter(
                        t.get(Key::kano_chart),
                        t.get(Key::kano_x),
                        t.get(Key::kano_y),
                        &points,
                        &arrows,
                        0.5,
                        0.5,
                        (0.0, 1.0),
                        (0.0, 1.0),
                    ),
                    esc(t.get(Key::kano_legend)),
                    if arrows.is_empty() {
                        String::new()
                    } else {
                        esc(t.get(Key::kano_arrow_legend))
                    }
                ),
            );
        }
        // SERVQUAL.
        if let Some(q) = &self.servqual {
            let gap_bars: Vec<Bar> = q
                .dimensions
                .iter()
                .map(|(name, g, lo, hi)| Bar {
                    label: t.data_name(name, demo).to_string(),
                    value: *g,
                    interval: Some((*lo, *hi)),
                })
                .collect();
            section(
                &mut out,
                t.get(Key::servqual_title),
                &q.finding,
                &bars(
                    &t.fill(Key::servqual_chart, &[("confidence", &confidence)]),
                    &gap_bars,
                    &|x| format!("{x:.2}"),
                ),
            );
        }
        // Satisfaction and loyalty.
        if let Some(q) = &self.satisfaction {
            section(
                &mut out,
                t.get(Key::satisfaction_title),
                &q.finding,
                &satisfaction_body(q, t, demo, &confidence),
            );
        }
        // Journey.
        if let Some(j) = &self.journey {
            let ipa_points: Vec<(String, f64, f64)> = j
                .ipa
                .iter()
                .map(|(touchpoint, i, p, q)| {
                    let label = t.fill(
                        Key::journey_ipa_point,
                        &[
                            ("touchpoint", t.data_name(touchpoint, demo)),
                            ("quadrant", t.name(q)),
                        ],
                    );
                    (label, *i, *p)
                })
                .collect();
            let rows: Vec<(String, Vec<Option<f64>>)> = j
                .heat_map
                .iter()
                .map(|(name, v)| (t.data_name(name, demo).to_string(), v.clone()))
                .collect();
            // The importance axis ends at the next tenth above the largest share, with room.
            let imp_max = (j.ipa.iter().map(|r| r.1).fold(0.0, f64::max) * 11.0).ceil() / 10.0;
            let count = j.ipa.len().max(1) as f64;
            let (mean_importance, mean_index) = (
                j.ipa.iter().map(|r| r.1).sum::<f64>() / count,
                j.ipa.iter().map(|r| r.2).sum::<f64>() / count,
            );
            section(
                &mut out,
                t.get(Key::journey_title),
                &j.finding,
                &format!(
                    "{}{}",
                    heat_map(
                        t.get(Key::journey_heat_chart),
                        &j.months,
                        &rows,
                        t.get(Key::journey_no_events)
                    ),
                    scatter(
                        t.get(Key::journey_ipa_chart),
                        t.get(Key::journey_ipa_x),
                        t.get(Key::journey_ipa_y),
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
                .filter_map(|r| {
                    Some(Bar {
                        label: t.data_name(&r.channel, demo).to_string(),
                        value: r.within_sla?,
                        interval: None,
                    })
                })
                .collect();
            let table = table(
                &[
                    t.get(Key::complaints_channel),
                    t.get(Key::complaints_mean_response),
                    t.get(Key::complaints_within),
                    t.get(Key::complaints_breached),
                    t.get(Key::complaints_pending),
                ],
                c.by_channel.iter().map(|r| {
                    vec![
                        t.data_name(&r.channel, demo).to_string(),
                        or_dash(r.mean_hours.map(|h| format!("{h:.1}"))),
                        or_dash(r.within_sla.map(pct)),
                        r.unanswered.to_string(),
                        r.pending.to_string(),
                    ]
                }),
            );
            section(
                &mut out,
                t.get(Key::complaints_title),
                &c.finding,
                &format!(
                    "{}{table}",
                    bars(t.get(Key::complaints_chart), &sla_bars, &pct)
                ),
            );
        }
        if let Some(c) = &self.comments {
            section(
                &mut out,
                t.get(Key::comments_title),
                &c.finding,
                &comments_body(c, t, &confidence),
            );
        }
        if !self.not_computed.is_empty() {
            let _ = write!(
                out,
                "<section><h2>{}</h2><ul>",
                esc(t.get(Key::not_computed_title))
            );
            for (name, why) in &self.not_computed {
                let _ = write!(out, "<li>{}: {}</li>", esc(name), esc(why));
            }
            out.push_str("</ul></section>");
        }
        // What the data were read from: the demo bank, or each file and join, and the files
        // left out.
        let _ = write!(out, "<footer><h2>{}</h2>", esc(t.get(Key::data_title)));
        if let Some(line) = self.origin_line() {
            let _ = write!(out, "<p>{}</p>", esc(&line));
        }
        if !self.files.read.is_empty() {
            out.push_str(&table(
                &[
                    t.get(Key::data_file),
                    t.get(Key::data_encoding),
                    t.get(Key::data_rows),
                    t.get(Key::data_empty_rows),
                ],
                self.files.read.iter().map(|f| {
                    vec![
                        file_label(t, f),
                        f.encoding.name().to_string(),
                        or_dash(f.rows.map(|n| n.to_string())),
                        f.empty_rows.to_string(),
                    ]
                }),
            ));
        }
        for lines in [self.join_lines(), self.ignored_lines()] {
            if !lines.is_empty() {
                out.push_str("<ul>");
                for line in lines {
                    let _ = write!(out, "<li>{}</li>", esc(&line));
                }
                out.push_str("</ul>");
            }
        }
        out.push_str("</footer></body></html>\n");
        out
    }
}

/// The satisfaction section's charts: the path diagram, the importance–performance map of
/// its target, the value at risk by NPS group, and the settings that reproduce them.
fn satisfaction_body(q: &SatisfactionSection, t: &Table, demo: bool, confidence: &str) -> String {
    let mut out = String::new();
    if let Some(c) = &q.chain {
        let name = |c: &str| t.data_name(c, demo).to_string();
        let index = |n: &str| c.constructs.iter().position(|k| k == n).unwrap_or(0);
        let nodes: Vec<Node> = c
            .constructs
            .iter()
            .map(|k| Node {
                label: name(k),
                note: c
                    .r_squared
                    .iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, r)| format!("R² {r:.2}")),
            })
            .collect();
        let edges: Vec<Edge> = c
            .paths
            .iter()
            .map(|p| Edge {
                from: index(&p.from),
                to: index(&p.to),
                label: format!("{:.2}", p.coefficient),
                strong: p.significant,
            })
            .collect();
        let samples = c.settings.bootstrap_samples.to_string();
        let legend = t.fill(
            Key::satisfaction_path_legend,
            &[("confidence", confidence), ("samples", &samples)],
        );
        out.push_str(&path_diagram(
            &t.fill(
                Key::satisfaction_path_chart,
                &[("respondents", &c.respondents.to_string())],
            ),
            &legend,
            &nodes,
            &edges,
        ));
        let _ = write!(out, "<p class=\"legend\">{}</p>", esc(&legend));
        let target = name(&c.target);
        let points: Vec<(String, f64, f64)> = c
            .ipma
            .iter()
            .map(|r| {
                let label = t.fill(
                    Key::satisfaction_ipma_point,
                    &[
                        ("construct", &name(&r.construct)),
                        ("quadrant", t.name(&r.quadrant)),
                    ],
                );
                (label, r.importance, r.performance)
            })
            .collect();
        let count = c.ipma.len().max(1) as f64;
        let mean = |f: &dyn Fn(&super::sections::ChainIpma) -> f64| {
            c.ipma.iter().map(f).sum::<f64>() / count
        };
        let (lo, hi) = c.ipma.iter().fold((0.0f64, 0.0f64), |(lo, hi), r| {
            (lo.min(r.importance), hi.max(r.importance))
        });
        let values = [("target", target.as_str())];
        out.push_str(&scatter(
            &t.fill(Key::satisfaction_ipma_chart, &values),
            &t.fill(Key::satisfaction_ipma_x, &values),
            t.get(Key::satisfaction_ipma_y),
            &points,
            &[],
            mean(&|r| r.importance),
            mean(&|r| r.performance),
            (lo * 1.1, (hi * 1.1).max(lo * 1.1 + 1e-9)),
            (0.0, 100.0),
        ));
        let s = &c.settings;
        let _ = write!(
            out,
            "<p class=\"legend\">{}</p>",
            esc(&t.fill(
                Key::satisfaction_settings,
                &[
                    ("scheme", t.name(s.scheme)),
                    ("nan_policy", t.name(s.nan_policy)),
                    ("samples", &samples),
                    ("seed", &s.seed.to_string()),
                    ("min", &trimmed(s.scale.0, 2)),
                    ("max", &trimmed(s.scale.1, 2)),
                ],
            ))
        );
    }
    if let Some(v) = &q.value_at_risk {
        let wave = v.wave.to_string();
        let share_bars: Vec<Bar> = v
            .risk
            .groups
            .iter()
            .filter_map(|g| {
                Some(Bar {
                    label: t.name(g.group.as_str()).to_string(),
                    value: g.value_share?,
                    interval: None,
                })
            })
            .collect();
        out.push_str(&bars(
            &t.fill(Key::risk_chart, &[("wave", &wave)]),
            &share_bars,
            &pct,
        ));
        out.push_str(&table(
            &[
                t.get(Key::risk_group),
                t.get(Key::risk_customers),
                t.get(Key::risk_value_mean),
                t.get(Key::risk_share),
                t.get(Key::risk_p_alive),
                t.get(Key::risk_purchases),
            ],
            v.risk.groups.iter().map(|g| {
                vec![
                    t.name(g.group.as_str()).to_string(),
                    g.customers.to_string(),
                    or_dash(g.value_mean.map(|x| format!("{x:.0}"))),
                    or_dash(g.value_share.map(pct)),
                    or_dash(g.p_alive_mean.map(|x| format!("{x:.2}"))),
                    or_dash(g.purchases_mean.map(|x| format!("{x:.2}"))),
                ]
            }),
        ));
        let _ = write!(
            out,
            "<p class=\"legend\">{}",
            esc(&t.fill(
                Key::risk_line,
                &[
                    ("matched", &v.matched.to_string()),
                    ("respondents", &v.respondents.to_string()),
                    ("wave", &wave),
                ],
            ))
        );
        if let (Some(a), Some(b)) = (&v.risk.p_alive_gap, &v.risk.purchases_gap) {
            let _ = write!(
                out,
                " {}",
                esc(&t.fill(
                    Key::risk_gap,
                    &[
                        ("alive", &format!("{:+.2}", a.difference)),
                        ("alive_p", &p_value(a.p_value)),
                        ("purchases", &format!("{:+.2}", b.difference)),
                        ("purchases_p", &p_value(b.p_value)),
                    ],
                ))
            );
        }
        out.push_str("</p>");
    }
    out
}

/// The comments section's body: the counts, topics by volume and by what they do to NPS,
/// the rising topics and words, the top words, the masked verbatims and net sentiment by
/// channel.
fn comments_body(c: &CommentSection, t: &Table, confidence: &str) -> String {
    let mut out = format!(
        "<p>{}</p>",
        esc(&t.fill(
            Key::comments_counts,
            &[
                ("comments", &c.comments.to_string()),
                ("empty", &c.empty.to_string()),
                ("scored", &c.scored.to_string()),
            ],
        ))
    );
    let volume: Vec<Bar> = c
        .topics
        .iter()
        .map(|r| Bar {
            label: r.name.clone(),
            value: r.share,
            interval: None,
        })
        .collect();
    out.push_str(&bars(t.get(Key::comments_volume_chart), &volume, &pct));
    let mut costly: Vec<&TopicRow> = c.topics.iter().filter(|r| r.cost.is_some()).collect();
    costly.sort_by(|a, b| b.cost.unwrap_or(0.0).total_cmp(&a.cost.unwrap_or(0.0)));
    if !costly.is_empty() {
        // Drawn as what the topic does to NPS: a cost is a bar below 0.
        let effect: Vec<Bar> = costly
            .iter()
            .map(|r| Bar {
                label: r.name.clone(),
                value: -r.cost.unwrap_or(0.0),
                interval: r.cost_interval.map(|(lo, hi)| (-hi, -lo)),
            })
            .collect();
        out.push_str(&bars(
            &t.fill(Key::comments_cost_chart, &[("confidence", confidence)]),
            &effect,
            &|v| format!("{v:.1}"),
        ));
    }
    let points = |v: Option<f64>| or_dash(v.map(|v| format!("{v:.1}")));
    out.push_str(&table(
        &[
            t.get(Key::comments_topic),
            t.get(Key::comments_mentions),
            t.get(Key::comments_share),
            t.get(Key::comments_nps_with),
            t.get(Key::comments_nps_without),
            t.get(Key::comments_cost),
        ],
        c.topics.iter().map(|r| {
            vec![
                r.name.clone(),
                r.mentions.to_string(),
                pct(r.share),
                points(r.nps_with),
                points(r.nps_without),
                or_dash(
                    r.cost
                        .zip(r.cost_interval)
                        .map(|(v, (lo, hi))| format!("{v:.1} [{lo:.1}, {hi:.1}]")),
                ),
            ]
        }),
    ));
    if !c.emerging.is_empty() {
        let _ = write!(out, "<h3>{}</h3>", esc(t.get(Key::comments_emerging)));
        out.push_str(&table(
            &[
                t.get(Key::comments_topic),
                t.get(Key::comments_before),
                t.get(Key::comments_after),
                t.get(Key::comments_p),
            ],
            c.emerging.iter().map(|e| {
                vec![
                    e.name.clone(),
                    pct(e.before),
                    pct(e.after),
                    p_value(e.p_value),
                ]
            }),
        ));
    }
    let words = |head: Key, list: Vec<String>| -> String {
        if list.is_empty() {
            return String::new();
        }
        format!(
            "<p><b>{}</b>: <span class=\"data\">{}</span></p>",
            esc(t.get(head)),
            esc(&list.join(t.get(Key::list_separator)))
        )
    };
    out.push_str(&words(
        Key::comments_keywords,
        c.keywords.iter().map(|k| k.term.clone()).collect(),
    ));
    out.push_str(&words(
        Key::comments_rising,
        c.rising_words
            .iter()
            .map(|w| format!("{} ({} → {})", w.term, pct(w.before), pct(w.after)))
            .collect(),
    ));
    if !c.verbatims.is_empty() {
        let _ = write!(out, "<h3>{}</h3><ul>", esc(t.get(Key::comments_verbatims)));
        for v in &c.verbatims {
            let _ = write!(
                out,
                "<li><b>{}</b>: <q class=\"data\">{}</q></li>",
                esc(&v.name),
                esc(&v.text)
            );
        }
        out.push_str("</ul>");
    }
    let net: Vec<Bar> = c
        .sentiment
        .iter()
        .filter_map(|s| {
            Some(Bar {
                label: s.name.clone(),
                value: s.net?,
                interval: None,
            })
        })
        .collect();
    if !net.is_empty() {
        out.push_str(&bars(t.get(Key::comments_sentiment_chart), &net, &|v| {
            format!("{v:.0}")
        }));
    }
    out
}

/// An HTML table of `head` and `rows`, every cell text escaped.
fn table(head: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from("<table><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", esc(&cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// A value, or a dash where there is none.
fn or_dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".to_string())
}

/// A p-value as "< 0.001" or "= 0.042".
fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".to_string()
    } else {
        format!("= {p:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_style_names_the_cjk_fonts_in_order() {
        let at: Vec<usize> = CJK_FONTS
            .iter()
            .map(|f| STYLE.find(&format!("\"{f}\"")).expect(f))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    }
}
