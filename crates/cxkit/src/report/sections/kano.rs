//! The KANO section: the category and Better/Worse of every feature in the latest wave, the
//! migrations since the first, and the finding on the attractive and must-be features and on
//! what changed.

use ndarray::ArrayView2;
use serde::Serialize;

use super::{is_demo, shape_error};
use crate::data::{BankData, KanoSurvey};
use crate::kano::{analyze, kano_migration, KanoOptions, KanoTable};
use crate::report::lang::{Key, Table};
use crate::Result;

/// One KANO feature.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KanoRow {
    /// Feature.
    pub feature: String,
    /// Category letter.
    pub category: String,
    /// Better (satisfaction) coefficient.
    pub better: Option<f64>,
    /// Worse (dissatisfaction) coefficient.
    pub worse: Option<f64>,
    /// The categories over the waves, e.g. "A → O" (None with one wave).
    pub path: Option<String>,
    /// Whether the category changed significantly between two consecutive waves.
    pub migrated: bool,
    /// Better in the first wave (None with one wave).
    pub first_better: Option<f64>,
    /// Worse in the first wave (None with one wave).
    pub first_worse: Option<f64>,
}

/// The KANO classification (of the latest wave, with the migrations since the first).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KanoSection {
    /// One row per feature.
    pub features: Vec<KanoRow>,
    /// Survey waves analysed.
    pub waves: usize,
    /// What the section found.
    pub finding: String,
}

/// The KANO section (None without a KANO questionnaire).
pub(crate) fn kano_section(bank: &BankData, t: &Table) -> Result<Option<KanoSection>> {
    let Some(k) = &bank.kano else {
        return Ok(None);
    };
    let tables = kano_waves(k)?;
    let latest = tables.last().expect("at least one wave");
    let migration = if tables.len() > 1 {
        Some(kano_migration(&tables, 0.05)?)
    } else {
        None
    };
    let features: Vec<KanoRow> = latest
        .features
        .iter()
        .zip(&k.features)
        .enumerate()
        .map(|(j, (r, name))| {
            let m = migration.as_ref().map(|m| &m[j]);
            KanoRow {
                feature: name.clone(),
                category: format!("{:?}", r.category),
                better: r.better,
                worse: r.worse,
                path: m.map(|m| m.path_text()),
                migrated: m.is_some_and(|m| m.migrated),
                first_better: m.and_then(|m| m.better[0]),
                first_worse: m.and_then(|m| m.worse[0]),
            }
        })
        .collect();
    let of = |c: &str| -> Vec<&str> {
        features
            .iter()
            .filter(|r| r.category == c)
            .map(|r| r.feature.as_str())
            .collect()
    };
    let mut finding = t.fill(
        Key::kano_finding,
        &[
            ("attractive", &t.list(&of("A"), is_demo(bank))),
            ("must_be", &t.list(&of("M"), is_demo(bank))),
        ],
    );
    if let Some(migration) = &migration {
        let moved: Vec<String> = features
            .iter()
            .zip(migration)
            .filter(|(_, m)| m.migrated)
            .map(|(r, m)| {
                let path: Vec<String> = m
                    .path
                    .iter()
                    .map(|c| t.kano_category(&c.to_string()).to_string())
                    .collect();
                t.fill(
                    Key::kano_moved,
                    &[
                        ("feature", t.data_name(&r.feature, is_demo(bank))),
                        ("path", &path.join(t.get(Key::kano_path_separator))),
                    ],
                )
            })
            .collect();
        finding += &if moved.is_empty() {
            t.fill(Key::kano_no_change, &[("waves", &tables.len().to_string())])
        } else {
            let moved: Vec<&str> = moved.iter().map(String::as_str).collect();
            t.fill(
                Key::kano_changed,
                &[("features", &t.list(&moved, is_demo(bank)))],
            )
        };
    }
    Ok(Some(KanoSection {
        finding,
        waves: tables.len(),
        features,
    }))
}

/// The KANO analysis of each wave, oldest first (one table without waves).
fn kano_waves(k: &KanoSurvey) -> Result<Vec<KanoTable>> {
    let f = k.features.len();
    let mut waves: Vec<u8> = k.wave.clone().unwrap_or_default();
    waves.sort_unstable();
    waves.dedup();
    if waves.len() < 2 {
        let shape = (k.respondents, f);
        let fa = ArrayView2::from_shape(shape, &k.functional).map_err(shape_error)?;
        let da = ArrayView2::from_shape(shape, &k.dysfunctional).map_err(shape_error)?;
        return Ok(vec![analyze(fa, da, None, &KanoOptions::default())?]);
    }
    let of_respondent = k.wave.as_deref().unwrap_or_default();
    waves
        .iter()
        .map(|&w| {
            let rows: Vec<usize> = (0..k.respondents)
                .filter(|&r| of_respondent.get(r) == Some(&w))
                .collect();
            let pick = |a: &[u8]| -> Vec<u8> {
                rows.iter()
                    .flat_map(|&r| a[r * f..(r + 1) * f].iter().copied())
                    .collect()
            };
            let (fa, da) = (pick(&k.functional), pick(&k.dysfunctional));
            let shape = (rows.len(), f);
            let fa = ArrayView2::from_shape(shape, &fa).map_err(shape_error)?;
            let da = ArrayView2::from_shape(shape, &da).map_err(shape_error)?;
            analyze(fa, da, None, &KanoOptions::default())
        })
        .collect()
}
