//! The demo bank's planted structure (documented in `cxkit::data`), found by the library.

use cxkit::clv::Period;
use cxkit::complaints::{complaint_metrics, ComplaintOptions, Complaints};
use cxkit::data::{demo_bank, BankData, DEMO_TREE, KANO_FEATURES, KANO_MIGRATION, START_DAY};
use cxkit::journey::{
    pain_points, EvaluateOptions, GapTo, IndicatorTree, JourneyState, RejectPolicy, Window,
};
use cxkit::kano::{analyze, kano_migration, KanoCategory, KanoOptions};
use cxkit::quality::{servqual, QualityOptions};
use cxkit::survey::{nps, nps_test, NpsOptions, NpsTestOptions};
use ndarray::ArrayView2;
use std::sync::OnceLock;

fn bank() -> &'static BankData {
    static BANK: OnceLock<BankData> = OnceLock::new();
    BANK.get_or_init(|| demo_bank(42, 20_000).unwrap())
}

#[test]
fn service_improves_between_waves_and_richer_segments_recommend_more() {
    let s = bank().survey.as_ref().unwrap();
    let wave = |w: u8| -> Vec<u8> {
        s.ltr
            .iter()
            .zip(&s.wave)
            .filter(|(_, &x)| x == w)
            .map(|(&l, _)| l)
            .collect()
    };
    let o = NpsOptions::default();
    let (a, b) = (
        nps(&wave(1), None, &o).unwrap(),
        nps(&wave(2), None, &o).unwrap(),
    );
    let t = nps_test(&b, &a, &NpsTestOptions::default()).unwrap();
    assert!(t.delta > 5.0 && t.delta < 30.0 && t.p_value < 1e-6, "{t:?}");
    let seg = &bank().customers.as_ref().unwrap().segment;
    let mean_ltr = |segment: u8| {
        let v: Vec<f64> = s
            .ltr
            .iter()
            .zip(&s.customer)
            .filter(|(_, &c)| seg[c as usize] == segment)
            .map(|(&l, _)| f64::from(l))
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(mean_ltr(2) > mean_ltr(1) && mean_ltr(1) > mean_ltr(0));
}

#[test]
fn reliability_has_the_largest_servqual_gap_and_assurance_the_smallest() {
    let q = bank().servqual.as_ref().unwrap();
    let p = ArrayView2::from_shape((q.respondents, 22), &q.perceptions).unwrap();
    let e = ArrayView2::from_shape((q.respondents, 22), &q.expectations).unwrap();
    let r = servqual(p, e, None, &QualityOptions::default()).unwrap();
    let gaps: Vec<(f64, &str)> = r
        .dimensions
        .iter()
        .map(|d| (d.score.estimate, d.name.as_str()))
        .collect();
    let worst = gaps.iter().min_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
    let best = gaps.iter().max_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
    assert_eq!((worst.1, best.1), ("reliability", "assurance"), "{gaps:?}");
}

#[test]
fn kano_finds_every_planted_category_and_the_one_migration() {
    let k = bank().kano.as_ref().unwrap();
    let waves = k.wave.as_ref().unwrap();
    let per_wave: Vec<_> = [1u8, 2]
        .iter()
        .map(|&w| {
            let rows: Vec<usize> = (0..k.respondents).filter(|&r| waves[r] == w).collect();
            let pick = |a: &[u8]| -> Vec<u8> {
                rows.iter()
                    .flat_map(|&r| {
                        a[r * KANO_FEATURES.len()..(r + 1) * KANO_FEATURES.len()].to_vec()
                    })
                    .collect()
            };
            let (f, d) = (pick(&k.functional), pick(&k.dysfunctional));
            let shape = (rows.len(), KANO_FEATURES.len());
            let (f, d) = (
                ArrayView2::from_shape(shape, &f).unwrap().to_owned(),
                ArrayView2::from_shape(shape, &d).unwrap().to_owned(),
            );
            analyze(f.view(), d.view(), None, &KanoOptions::default()).unwrap()
        })
        .collect();
    let category = |c: char| match c {
        'A' => KanoCategory::A,
        'O' => KanoCategory::O,
        'M' => KanoCategory::M,
        _ => KanoCategory::I,
    };
    let (migrating, first, latest) = KANO_MIGRATION;
    for (j, (name, planted)) in KANO_FEATURES.iter().enumerate() {
        assert_eq!(
            per_wave[1].features[j].category,
            category(*planted),
            "{name}, wave 2"
        );
        let wave1 = if *name == migrating { first } else { *planted };
        assert_eq!(
            per_wave[0].features[j].category,
            category(wave1),
            "{name}, wave 1"
        );
    }
    assert_eq!(
        latest,
        KANO_FEATURES.iter().find(|f| f.0 == migrating).unwrap().1
    );
    // Exactly the planted feature migrates (A → O, significantly).
    let m = kano_migration(&per_wave, 0.05).unwrap();
    let migrated: Vec<&str> = KANO_FEATURES
        .iter()
        .zip(&m)
        .filter(|(_, m)| m.migrated)
        .map(|(f, _)| f.0)
        .collect();
    assert_eq!(migrated, vec![migrating]);
    let j = KANO_FEATURES.iter().position(|f| f.0 == migrating).unwrap();
    assert_eq!(m[j].path_text(), "A → O");
}

#[test]
fn loan_application_is_the_top_pain_point() {
    let b = bank();
    let tree = IndicatorTree::from_json(DEMO_TREE).unwrap();
    let mut st = JourneyState::new(&tree);
    let seg: Vec<u32> = b
        .events
        .as_ref()
        .unwrap()
        .segment
        .iter()
        .map(|s| cxkit::data::SEGMENTS.iter().position(|x| x == s).unwrap() as u32)
        .collect();
    st.update_ids(
        &tree,
        Some(&b.events.as_ref().unwrap().touchpoint),
        &b.events.as_ref().unwrap().indicator,
        &b.events.as_ref().unwrap().timestamp,
        &b.events.as_ref().unwrap().value,
        Some(&seg),
        RejectPolicy::Error,
    )
    .unwrap();
    let w = Window::Calendar {
        period: Period::Month,
        day: START_DAY + 365 + 200,
    };
    let r = st.evaluate(&tree, &w, &EvaluateOptions::default()).unwrap();
    let p = pain_points(&tree, &r, GapTo::Target, None);
    assert_eq!(p[0].touchpoint, "loan_application", "{p:?}");
}

#[test]
fn the_phone_channel_answers_slowest() {
    let c = bank().complaints.as_ref().unwrap();
    let mean_response = |channel: u32| {
        let idx: Vec<usize> = (0..c.channel.len())
            .filter(|&i| c.channel[i] == channel)
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
            &ComplaintOptions::default(),
        )
        .unwrap();
        m.response.mean.unwrap()
    };
    let phone = mean_response(2);
    for other in [0, 1, 3] {
        assert!(phone > 2.0 * mean_response(other));
    }
}

#[test]
fn nps_rise_is_in_the_documented_range_for_other_seeds() {
    // "NPS rises significantly (by roughly 10–15 points)": check two more seeds.
    for seed in [1, 7] {
        let b = demo_bank(seed, 20_000).unwrap();
        let wave = |w: u8| -> Vec<u8> {
            b.survey
                .as_ref()
                .unwrap()
                .ltr
                .iter()
                .zip(&b.survey.as_ref().unwrap().wave)
                .filter(|(_, &x)| x == w)
                .map(|(&l, _)| l)
                .collect()
        };
        let o = NpsOptions::default();
        let t = nps_test(
            &nps(&wave(2), None, &o).unwrap(),
            &nps(&wave(1), None, &o).unwrap(),
            &NpsTestOptions::default(),
        )
        .unwrap();
        assert!(
            t.delta > 7.0 && t.delta < 20.0 && t.p_value < 1e-3,
            "seed {seed}: {t:?}"
        );
    }
}

#[test]
fn the_report_states_the_planted_structure() {
    let r = cxkit::report::bank_report(bank(), &cxkit::report::ReportOptions::default()).unwrap();
    assert!(
        r.survey.as_ref().unwrap().finding.starts_with("NPS rose")
            && r.survey
                .as_ref()
                .unwrap()
                .finding
                .contains("a significant change"),
        "{}",
        r.survey.as_ref().unwrap().finding
    );
    assert!(
        r.servqual.as_ref().unwrap().finding.contains("reliability"),
        "{}",
        r.servqual.as_ref().unwrap().finding
    );
    assert!(
        r.journey
            .as_ref()
            .unwrap()
            .finding
            .contains("loan_application"),
        "{}",
        r.journey.as_ref().unwrap().finding
    );
    assert!(
        r.complaints
            .as_ref()
            .unwrap()
            .finding
            .contains("phone channel does worst"),
        "{}",
        r.complaints.as_ref().unwrap().finding
    );
    for (feature, planted) in KANO_FEATURES {
        let row = r
            .kano
            .as_ref()
            .unwrap()
            .features
            .iter()
            .find(|f| f.feature == feature)
            .unwrap();
        assert_eq!(row.category, planted.to_string(), "{feature}");
        assert_eq!(row.migrated, feature == KANO_MIGRATION.0, "{feature}");
    }
    // The latest wave's categories, with the one planted migration named and drawn.
    let kano = r.kano.as_ref().unwrap();
    assert_eq!(kano.waves, 2);
    assert!(
        kano.finding
            .contains("Changed since the first wave: instant payment notifications (A → O)."),
        "{}",
        kano.finding
    );
    let html = r.to_html();
    assert_eq!(html.matches("marker-end=\"url(#arrowhead)\"").count(), 1);
    // Private customers are worth more than affluent, affluent more than mass.
    let clv: Vec<f64> = r
        .value
        .as_ref()
        .unwrap()
        .clv_by_segment
        .iter()
        .map(|s| s.1)
        .collect();
    assert!(clv[2] > clv[1] && clv[1] > clv[0], "{clv:?}");
    // The pyramid's shares add up and the platinum tier holds far more than its 5 %.
    let share: f64 = r
        .value
        .as_ref()
        .unwrap()
        .tiers
        .iter()
        .map(|t| t.customer_share)
        .sum();
    assert!((share - 1.0).abs() < 1e-12);
    assert!(r.value.as_ref().unwrap().tiers[0].value_share.unwrap() > 0.15);
    assert_eq!(r.journey.as_ref().unwrap().months.len(), 12);
    // The JSON carries every number.
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("\"heat_map\"") && json.contains("\"nps_change\""));
}

#[test]
fn a_bank_with_some_tables_gets_the_sections_it_can() {
    // Only the survey and the complaints: two sections, two files.
    let full = bank();
    let partial = BankData {
        customers: None,
        transactions: None,
        servqual: None,
        kano: None,
        events: None,
        ..full.clone()
    };
    let r = cxkit::report::bank_report(&partial, &cxkit::report::ReportOptions::default()).unwrap();
    assert!(r.survey.is_some() && r.complaints.is_some());
    assert!(r.value.is_none() && r.rfm.is_none() && r.kano.is_none() && r.journey.is_none());
    assert_eq!(r.customers, None);
    assert!(r.survey.as_ref().unwrap().nps_by_segment.is_empty()); // no customer table
    assert_eq!(r.complaints.as_ref().unwrap().metrics.per_1000, None);
    assert_eq!(r.findings().len(), 2);
    let html = r.to_html();
    assert_eq!(html.matches("<section>").count(), 2);
    let dir = std::env::temp_dir().join(format!("cxkit-partial-{}", std::process::id()));
    let files = partial.write_csv(&dir).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["survey.csv", "complaints.csv"]);
    let _ = std::fs::remove_dir_all(&dir);
    // Transactions without a customer table still give value and RFM sections.
    let tx_only = BankData {
        customers: None,
        ..full.clone()
    };
    let r = cxkit::report::bank_report(&tx_only, &cxkit::report::ReportOptions::default()).unwrap();
    assert!(r.value.as_ref().unwrap().clv_by_segment.is_empty() && r.rfm.is_some());
}
