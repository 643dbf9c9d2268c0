//! KANO analysis end to end: published example data, cleaning, continuous scores, segments,
//! the accumulator and bad input.

use cxkit::kano::{
    analyze, analyze_by_segment, classify_all, Answer, AnswerForm, KanoAccumulator, KanoCategory,
    KanoOptions, RefinedCategory,
};
use cxkit::survey::NanPolicy;
use cxkit::Error;
use ndarray::{array, Array2};
use proptest::prelude::*;

const NA: f64 = f64::NAN;

/// Feature f1/d1 of stp25stat's `Kano()` documentation example (31 respondents, six of them
/// without answers): every functional/dysfunctional pair once.
fn stp25_feature_one() -> (Array2<f64>, Array2<f64>) {
    let mut f = Vec::new();
    let mut d = Vec::new();
    for functional in 1..=5 {
        for dysfunctional in 1..=5 {
            f.push(f64::from(functional));
            d.push(f64::from(dysfunctional));
        }
        f.push(NA);
        d.push(NA);
    }
    f.push(NA);
    d.push(NA);
    (
        Array2::from_shape_vec((31, 1), f).unwrap(),
        Array2::from_shape_vec((31, 1), d).unwrap(),
    )
}

fn omit() -> KanoOptions {
    KanoOptions {
        nan_policy: NanPolicy::Omit,
        ..KanoOptions::default()
    }
}

#[test]
fn stp25stat_example_counts_and_verdict() {
    let (f, d) = stp25_feature_one();
    let t = analyze(f.view(), d.view(), None, &omit()).unwrap();
    let v = &t.features[0];
    // Counted by hand from DESIGN.md's table: A 3, O 1, M 3, I 9, R 7, Q 2.
    assert_eq!(v.counts.as_array(), [3, 1, 3, 9, 7, 2]);
    assert_eq!(t.respondents, 31);
    assert_eq!(v.category, KanoCategory::I);
    // With NaN raising, the first missing answer is named.
    assert_eq!(
        analyze(f.view(), d.view(), None, &KanoOptions::default()).unwrap_err(),
        Error::MissingAnswer {
            respondent: 5,
            feature: 0
        }
    );
}

#[test]
fn continuous_scores_by_hand() {
    // Feature 0: (like, dislike) and (like, neutral): functional 4, 4 → 4;
    // dysfunctional 4, 0 → 2. Importance 3 and 1: weighted functional 4,
    // weighted dysfunctional (3·4 + 1·0)/4 = 3; mean importance 2.
    // Feature 1: (neutral, neutral) twice → I; scores 0 and 0; importance 5 and 5.
    let f = array![[1, 3], [1, 3]];
    let d = array![[5, 3], [3, 3]];
    let w = array![[3.0, 5.0], [1.0, 5.0]];
    let t = analyze(f.view(), d.view(), Some(w.view()), &KanoOptions::default()).unwrap();
    let c0 = t.features[0].continuous.unwrap();
    assert_eq!((c0.functional, c0.dysfunctional, c0.n), (4.0, 2.0, 2));
    assert_eq!(c0.functional_weighted, Some(4.0));
    assert_eq!(c0.dysfunctional_weighted, Some(3.0));
    assert_eq!(c0.importance, Some(2.0));
    // Cut = mean of (2, 5) = 3.5: feature 0 (O and A tie at 1 each → O by M>O>A>I) is below
    // → low value-added; feature 1 (I) is above → potential.
    assert_eq!(t.importance_cut, Some(3.5));
    assert_eq!(t.features[0].category, KanoCategory::O);
    assert_eq!(c0.refined, Some(RefinedCategory::LowValueAdded));
    assert_eq!(
        t.features[1].continuous.unwrap().refined,
        Some(RefinedCategory::Potential)
    );
    // Without importance: no weighted scores, no refinement.
    let plain = analyze(f.view(), d.view(), None, &KanoOptions::default()).unwrap();
    let p0 = plain.features[0].continuous.unwrap();
    assert_eq!(
        (p0.functional_weighted, p0.importance, p0.refined),
        (None, None, None)
    );
}

#[test]
fn cleaning_drops_questionable_respondents() {
    // Respondent 1 answers (like, like) = Q on both features; respondent 2 on one of two.
    let f = array![[1, 1], [1, 1], [1, 3]];
    let d = array![[5, 5], [1, 1], [1, 5]];
    let opts = KanoOptions {
        max_questionable: Some(0.5),
        ..KanoOptions::default()
    };
    let t = analyze(f.view(), d.view(), None, &opts).unwrap();
    assert_eq!((t.respondents, t.dropped), (3, 1));
    assert_eq!(t.features[0].counts.as_array(), [0, 1, 0, 0, 0, 1]);
    let strict = KanoOptions {
        max_questionable: Some(0.0),
        ..KanoOptions::default()
    };
    let t = analyze(f.view(), d.view(), None, &strict).unwrap();
    assert_eq!(t.dropped, 2);
    // Everyone dropped: the features have no answers left.
    let f1 = array![[1], [1]];
    let d1 = array![[1], [1]];
    assert_eq!(
        analyze(f1.view(), d1.view(), None, &strict).unwrap_err(),
        Error::EmptyFeature { feature: 0 }
    );
    let indifferent = KanoOptions {
        max_indifferent: Some(0.5),
        ..KanoOptions::default()
    };
    let t = analyze(
        array![[3, 3], [1, 3]].view(),
        array![[3, 3], [5, 5]].view(),
        None,
        &indifferent,
    )
    .unwrap();
    assert_eq!(t.dropped, 1);
}

#[test]
fn segments_get_their_own_tables() {
    let f = array![[1], [1], [3], [3], [1]];
    let d = array![[3], [3], [5], [5], [5]];
    let (all, by) =
        analyze_by_segment(f.view(), d.view(), None, &[0, 0, 1, 1, 1], &omit()).unwrap();
    assert_eq!(by.len(), 2);
    assert_eq!(all, analyze(f.view(), d.view(), None, &omit()).unwrap());
    assert_eq!(by[0].features[0].counts.as_array(), [2, 0, 0, 0, 0, 0]);
    assert_eq!(by[1].features[0].counts.as_array(), [0, 1, 2, 0, 0, 0]);
    assert_eq!((by[0].respondents, by[1].respondents), (2, 3));
    assert!(matches!(
        analyze_by_segment(f.view(), d.view(), None, &[0, 0, 2, 2, 2], &omit()),
        Err(Error::InvalidParameter {
            name: "segments",
            ..
        })
    ));
    assert!(matches!(
        analyze_by_segment(f.view(), d.view(), None, &[0, 1], &omit()),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn short_form_and_labels() {
    // Short form: 1 like, 2 neutral, 3 dislike → (1, 3) like/dislike = O; (2, 3) = M.
    let short = KanoOptions {
        form: AnswerForm::Short,
        ..KanoOptions::default()
    };
    let c = classify_all(array![[1, 2]].view(), array![[3, 3]].view(), &short).unwrap();
    assert_eq!(
        c.row(0).to_vec(),
        vec![Some(KanoCategory::O), Some(KanoCategory::M)]
    );
    assert!(matches!(
        classify_all(array![[4]].view(), array![[3]].view(), &short),
        Err(Error::InvalidAnswer {
            expected: "a position 1 to 3",
            ..
        })
    ));
    for (label, answer) in [
        ("I like it that way", Answer::Like),
        ("It must be that way", Answer::MustBe),
        ("expect", Answer::MustBe),
        ("I am neutral", Answer::Neutral),
        ("I can live with it that way", Answer::LiveWith),
        ("tolerate", Answer::LiveWith),
        ("I dislike it that way", Answer::Dislike),
        ("This would be a major problem for me", Answer::Dislike),
        ("  LIVE_WITH ", Answer::LiveWith),
        // The five answers of the Chinese questionnaire (我很喜欢 "I like it very much",
        // 理所当然 "it goes without saying", 无所谓 "I don't mind", 能忍受 "I can bear it",
        // 我很不喜欢 "I dislike it very much"), with punctuation, spaces and traditional forms.
        ("我很喜欢", Answer::Like),
        ("理所当然", Answer::MustBe),
        ("无所谓", Answer::Neutral),
        ("能忍受", Answer::LiveWith),
        ("我很不喜欢", Answer::Dislike),
        ("我很喜欢！", Answer::Like),
        (" 理所 当然 ", Answer::MustBe),
        ("無所謂", Answer::Neutral),
        ("可以忍受。", Answer::LiveWith),
        ("我很不喜歡", Answer::Dislike),
    ] {
        assert_eq!(Answer::from_label(label), Some(answer), "{label}");
    }
    for unknown in ["还行吧", "喜欢不喜欢", "maybe"] {
        assert_eq!(Answer::from_label(unknown), None, "{unknown}");
    }
}

#[test]
fn bad_input_names_respondent_feature_and_value() {
    let err = analyze(
        array![[1, 2], [1, 7]].view(),
        array![[5, 5], [5, 5]].view(),
        None,
        &KanoOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::InvalidAnswer {
            respondent: 1,
            feature: 1,
            value: "7".into(),
            expected: "a position 1 to 5"
        }
    );
    assert_eq!(
        err.to_string(),
        "answer 7 of respondent 1 to feature 1 is not a position 1 to 5"
    );
    assert!(matches!(
        analyze(
            array![[1, 2]].view(),
            array![[5]].view(),
            None,
            &KanoOptions::default()
        ),
        Err(Error::LengthMismatch { .. })
    ));
    let w = array![[1.0]];
    assert!(matches!(
        analyze(
            array![[1, 2]].view(),
            array![[5, 5]].view(),
            Some(w.view()),
            &KanoOptions::default()
        ),
        Err(Error::LengthMismatch { .. })
    ));
    let negative = array![[1.0, -1.0]];
    assert!(matches!(
        analyze(
            array![[1, 2]].view(),
            array![[5, 5]].view(),
            Some(negative.view()),
            &KanoOptions::default()
        ),
        Err(Error::InvalidParameter {
            name: "importance",
            ..
        })
    ));
    let bad = KanoOptions {
        max_questionable: Some(1.5),
        ..KanoOptions::default()
    };
    assert!(matches!(
        analyze(array![[1]].view(), array![[5]].view(), None, &bad),
        Err(Error::InvalidParameter {
            name: "max_questionable",
            ..
        })
    ));
    assert!(matches!(
        analyze(
            Array2::<u8>::zeros((3, 0)).view(),
            Array2::<u8>::zeros((3, 0)).view(),
            None,
            &KanoOptions::default()
        ),
        Err(Error::EmptyInput { .. })
    ));
}

#[test]
fn accumulator_round_trip_and_corruption() {
    let mut acc = KanoAccumulator::new(2);
    acc.update(
        array![[1, 3]].view(),
        array![[5, 5]].view(),
        &KanoOptions::default(),
    )
    .unwrap();
    let bytes = acc.to_bytes();
    assert_eq!(KanoAccumulator::from_bytes(&bytes).unwrap(), acc);
    assert!(matches!(
        KanoAccumulator::from_bytes(&bytes[..bytes.len() - 1]),
        Err(Error::CorruptBytes { .. })
    ));
    let mut huge = bytes.clone();
    huge[6..10].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        KanoAccumulator::from_bytes(&huge),
        Err(Error::CorruptBytes { .. })
    ));
    assert!(matches!(
        acc.merge(&KanoAccumulator::new(3)),
        Err(Error::Incompatible { .. })
    ));
    assert!(matches!(
        acc.update(
            array![[1]].view(),
            array![[5]].view(),
            &KanoOptions::default()
        ),
        Err(Error::LengthMismatch { .. })
    ));
}

fn answers(rows: usize, features: usize) -> impl Strategy<Value = (Array2<u8>, Array2<u8>)> {
    let cells = rows * features;
    (
        prop::collection::vec(1u8..=5, cells),
        prop::collection::vec(1u8..=5, cells),
    )
        .prop_map(move |(f, d)| {
            (
                Array2::from_shape_vec((rows, features), f).unwrap(),
                Array2::from_shape_vec((rows, features), d).unwrap(),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// The parallel analysis (chunks of 4096 respondents) counts what the accumulator counts
    /// one batch at a time, and split batches merge to the whole.
    #[test]
    fn analysis_accumulator_and_merge_agree((f, d) in answers(9000, 3), cut in 0usize..9000) {
        let o = KanoOptions::default();
        let t = analyze(f.view(), d.view(), None, &o).unwrap();
        let mut a = KanoAccumulator::new(3);
        a.update(f.slice(ndarray::s![..cut, ..]), d.slice(ndarray::s![..cut, ..]), &o).unwrap();
        let mut b = KanoAccumulator::new(3);
        b.update(f.slice(ndarray::s![cut.., ..]), d.slice(ndarray::s![cut.., ..]), &o).unwrap();
        a.merge(&b).unwrap();
        let merged = a.finish().unwrap();
        for (x, y) in t.features.iter().zip(&merged.features) {
            prop_assert_eq!(x.counts, y.counts);
            prop_assert_eq!(x.category, y.category);
        }
        // Transposed (column-major) input gives the same table.
        let ft = f.t().to_owned();
        let dt = d.t().to_owned();
        let t2 = analyze(ft.t(), dt.t(), None, &o).unwrap();
        prop_assert_eq!(t, t2);
    }
}
