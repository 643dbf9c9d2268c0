//! The survey section: NPS, CSAT and CES of each wave, the change of NPS from the first wave
//! to the last, NPS by segment in the last wave, and the finding on the change.

use serde::Serialize;

use crate::data::BankData;
use crate::report::lang::{Key, Table};
use crate::survey::{
    ces, csat, nps, nps_test, Ces, CesOptions, Csat, Nps, NpsOptions, NpsTestOptions,
    TopBoxOptions, WaveTest,
};
use crate::{Error, Result};

/// Survey scores of one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveScores {
    /// Wave number.
    pub wave: u8,
    /// NPS.
    pub nps: Nps,
    /// CSAT (top-2 box of 1–5) and mean (None when the survey did not ask).
    pub csat: Option<Csat>,
    /// CES (share of 5–7 on 1–7) and mean (None when the survey did not ask).
    pub ces: Option<Ces>,
}

/// NPS, CSAT and CES by wave and segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveySection {
    /// One entry per wave.
    pub waves: Vec<WaveScores>,
    /// The last wave against the first (None with one wave).
    pub nps_change: Option<WaveTest>,
    /// NPS of the last wave per segment.
    pub nps_by_segment: Vec<(String, Nps)>,
    /// What the section found.
    pub finding: String,
}

/// The survey section; NPS by segment only when `by_segment` (the respondents match the
/// customer table).
pub(crate) fn survey_section(
    bank: &BankData,
    confidence: f64,
    by_segment: bool,
    t: &Table,
) -> Result<Option<SurveySection>> {
    let Some(s) = &bank.survey else {
        return Ok(None);
    };
    let pick = |col: &[u8], keep: &dyn Fn(usize) -> bool| -> Vec<u8> {
        (0..col.len())
            .filter(|&i| keep(i))
            .map(|i| col[i])
            .collect()
    };
    let no = NpsOptions {
        confidence,
        ..NpsOptions::default()
    };
    let mut numbers = s.wave.clone();
    numbers.sort_unstable();
    numbers.dedup();
    let mut waves = Vec::new();
    for &wave in &numbers {
        let in_wave = |i: usize| s.wave[i] == wave;
        waves.push(WaveScores {
            wave,
            nps: nps(&pick(&s.ltr, &in_wave), None, &no)?,
            csat: s
                .csat
                .as_ref()
                .map(|v| {
                    let options = TopBoxOptions {
                        confidence,
                        ..TopBoxOptions::default()
                    };
                    csat(&pick(v, &in_wave), None, &options)
                })
                .transpose()?,
            ces: s
                .ces
                .as_ref()
                .map(|v| {
                    let options = CesOptions {
                        confidence,
                        ..CesOptions::default()
                    };
                    ces(&pick(v, &in_wave), None, &options)
                })
                .transpose()?,
        });
    }
    let (first, last) = match (waves.first(), waves.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => {
            return Err(Error::EmptyInput {
                what: "survey answers",
            })
        }
    };
    let nps_change = if waves.len() > 1 {
        Some(nps_test(&last.nps, &first.nps, &NpsTestOptions::default())?)
    } else {
        None
    };
    let seg: &[u8] = match &bank.customers {
        Some(c) if by_segment => &c.segment,
        _ => &[],
    };
    let names: &[String] = if seg.is_empty() { &[] } else { &bank.segments };
    let nps_by_segment = names
        .iter()
        .enumerate()
        .filter_map(|(k, name)| {
            let keep = |i: usize| {
                s.wave[i] == last.wave
                    && seg.get(s.customer[i] as usize).map(|&g| g as usize) == Some(k)
            };
            let ltr = pick(&s.ltr, &keep);
            // A segment without respondents in the last wave has no NPS to show.
            (!ltr.is_empty()).then(|| Ok((name.to_string(), nps(&ltr, None, &no)?)))
        })
        .collect::<Result<Vec<_>>>()?;
    let finding = match &nps_change {
        Some(change) => t.fill(
            Key::survey_change,
            &[
                (
                    "direction",
                    t.get(if change.delta > 0.0 {
                        Key::survey_rose
                    } else {
                        Key::survey_fell
                    }),
                ),
                ("from", &format!("{:.1}", first.nps.score)),
                ("to", &format!("{:.1}", last.nps.score)),
                ("first", &first.wave.to_string()),
                ("last", &last.wave.to_string()),
                ("delta", &format!("{:+.1}", change.delta)),
                ("p", &format!("{:.2e}", change.p_value)),
                (
                    "significance",
                    t.get(if change.p_value < 1.0 - confidence {
                        Key::survey_significant
                    } else {
                        Key::survey_not_significant
                    }),
                ),
            ],
        ),
        None => t.fill(
            Key::survey_one_wave,
            &[
                ("nps", &format!("{:.1}", last.nps.score)),
                ("n", &last.nps.n.to_string()),
            ],
        ),
    };
    Ok(Some(SurveySection {
        finding,
        waves,
        nps_change,
        nps_by_segment,
    }))
}
