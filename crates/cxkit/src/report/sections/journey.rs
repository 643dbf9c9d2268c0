//! The journey section: every touchpoint's index by month (the heat map), the pain points and
//! the importance–performance of the last month, and the finding on the worst pain point.

use serde::Serialize;

use super::is_demo;
use crate::clv::Period;
use crate::data::BankData;
use crate::ipa::{ipa, Crosshair};
use crate::journey::{
    pain_points, EvaluateOptions, GapTo, IndicatorTree, JourneyState, Level, PainPoint,
    RejectPolicy, Window,
};
use crate::labels::Interner;
use crate::report::lang::{Key, Table};
use crate::Result;

/// Touchpoint indices by month and the pain points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JourneySection {
    /// Month labels ("2025-01", …).
    pub months: Vec<String>,
    /// (touchpoint, index per month; None without events).
    pub heat_map: Vec<(String, Vec<Option<f64>>)>,
    /// Pain points of the last month, worst first.
    pub pain_points: Vec<PainPoint>,
    /// Importance–performance of each touchpoint in the last month: (touchpoint, share of
    /// the tree's weight, index, quadrant label).
    pub ipa: Vec<(String, f64, f64, String)>,
    /// What the section found.
    pub finding: String,
}

/// The journey section (None without journey events), a column per month from the first event's
/// to the last.
pub(crate) fn journey_section(bank: &BankData, t: &Table) -> Result<Option<JourneySection>> {
    let Some(e) = &bank.events else {
        return Ok(None);
    };
    let tree = IndicatorTree::from_json(&bank.journey_tree)?;
    let mut st = JourneyState::new(&tree);
    // The events' own segment names (the section shows no segment; the codes only group).
    let mut segments: Interner<String> = Interner::new();
    let seg: Vec<u32> = e
        .segment
        .iter()
        .map(|s| segments.code(s.as_str()))
        .collect::<Result<_>>()?;
    st.update_ids(
        &tree,
        Some(&e.touchpoint),
        &e.indicator,
        &e.timestamp,
        &e.value,
        Some(&seg),
        RejectPolicy::Error,
    )?;
    let first = e
        .timestamp
        .iter()
        .min()
        .copied()
        .unwrap_or(0)
        .div_euclid(86_400);
    let last = st.last_day().unwrap_or(first);
    let mut months = Vec::new();
    let mut columns: Vec<Vec<crate::journey::NodeResult>> = Vec::new();
    let mut day = first;
    while day <= last {
        let w = Window::Calendar {
            period: Period::Month,
            day,
        };
        columns.push(st.evaluate(&tree, &w, &EvaluateOptions::default())?);
        months.push(month_label(day));
        // The first day of the next month.
        while Period::Month.index(day) == Period::Month.index(day + 1) {
            day += 1;
        }
        day += 1;
    }
    let touchpoints: Vec<String> = columns[0]
        .iter()
        .filter(|n| n.level == Level::Touchpoint)
        .map(|n| n.id.clone())
        .collect();
    let heat_map = touchpoints
        .iter()
        .map(|t| {
            let row = columns
                .iter()
                .map(|c| c.iter().find(|n| &n.id == t).and_then(|n| n.index))
                .collect();
            (t.clone(), row)
        })
        .collect();
    let latest = columns.last().expect("at least one month");
    let pain = pain_points(&tree, latest, GapTo::Target, None);
    let importance: Vec<(String, f64, f64)> = tree
        .touchpoint_shares()
        .into_iter()
        .filter_map(|(_, _, t, share)| {
            let index = latest.iter().find(|n| n.id == t.id).and_then(|n| n.index)?;
            Some((t.id.clone(), share, index))
        })
        .collect();
    let grid = ipa(
        &importance.iter().map(|r| r.1).collect::<Vec<_>>(),
        &importance.iter().map(|r| r.2).collect::<Vec<_>>(),
        Crosshair::Mean,
    )?;
    let ipa_rows = importance
        .into_iter()
        .zip(&grid.quadrants)
        .map(|((t, i, p), q)| (t, i, p, q.label().to_string()))
        .collect();
    let finding = match pain.first() {
        Some(p) => t.fill(
            Key::journey_finding,
            &[
                ("touchpoint", t.data_name(&p.touchpoint, is_demo(bank))),
                ("gap", &format!("{:.0}", p.gap)),
            ],
        ),
        None => t.get(Key::journey_all_met).to_string(),
    };
    Ok(Some(JourneySection {
        months,
        heat_map,
        pain_points: pain,
        ipa: ipa_rows,
        finding,
    }))
}

/// "YYYY-MM" of a day number.
fn month_label(day: i64) -> String {
    let m = Period::Month.index(day);
    format!("{}-{:02}", 1970 + m.div_euclid(12), m.rem_euclid(12) + 1)
}
