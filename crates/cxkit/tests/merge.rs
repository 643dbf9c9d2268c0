//! Property: folding two parts and merging equals folding the whole (DESIGN.md, "Mergeable state"),
//! and merging is commutative and survives a trip through bytes.

use cxkit::survey::{
    LikertAccumulator, NanPolicy, NpsAccumulator, NpsMethod, ProportionMethod, Scale,
    TopBoxAccumulator,
};
use proptest::prelude::*;

fn scores_and_weights(max: u8) -> impl Strategy<Value = (Vec<u8>, Vec<f64>, usize)> {
    prop::collection::vec((0..=max, 0.0f64..5.0), 1..300).prop_flat_map(|pairs| {
        let len = pairs.len();
        let (s, w): (Vec<u8>, Vec<f64>) = pairs.into_iter().unzip();
        (Just(s), Just(w), 0..=len)
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #[test]
    fn nps_fold_then_merge_equals_fold_of_whole((s, w, cut) in scores_and_weights(10), weighted: bool) {
        let w = weighted.then_some(w);
        let part = |lo: usize, hi: usize| {
            let mut acc = NpsAccumulator::new();
            acc.update(&s[lo..hi], w.as_ref().map(|w| &w[lo..hi]), NanPolicy::Raise).unwrap();
            acc
        };
        let whole = part(0, s.len());
        let mut ab = part(0, cut);
        ab.merge(&NpsAccumulator::from_bytes(&part(cut, s.len()).to_bytes()).unwrap()).unwrap();
        let mut ba = part(cut, s.len());
        ba.merge(&part(0, cut)).unwrap();
        prop_assert_eq!(ab.histogram().counts(), whole.histogram().counts());
        prop_assert_eq!(ba.histogram().counts(), whole.histogram().counts());
        match (whole.finish(0.9, NpsMethod::Wald), ab.finish(0.9, NpsMethod::Wald), ba.finish(0.9, NpsMethod::Wald)) {
            (Ok(x), Ok(y), Ok(z)) => {
                for (a, b) in [(x.score, y.score), (x.se, y.se), (x.n_effective, y.n_effective), (x.score, z.score), (x.ci_low, z.ci_low)] {
                    prop_assert!(close(a, b), "{} vs {}", a, b);
                }
            }
            (Err(x), Err(y), Err(z)) => { prop_assert_eq!(&x, &y); prop_assert_eq!(&x, &z); }
            other => prop_assert!(false, "whole and parts disagree: {:?}", other),
        }
    }

    #[test]
    fn top_box_and_likert_merge_like_the_whole((s, w, cut) in scores_and_weights(4)) {
        let scores: Vec<i32> = s.iter().map(|&x| i32::from(x) + 1).collect();
        let mut t_whole = TopBoxAccumulator::new(Scale::CSAT, 2).unwrap();
        t_whole.update(&scores, Some(&w), NanPolicy::Raise).unwrap();
        let mut t_a = TopBoxAccumulator::new(Scale::CSAT, 2).unwrap();
        t_a.update(&scores[..cut], Some(&w[..cut]), NanPolicy::Raise).unwrap();
        let mut t_b = TopBoxAccumulator::new(Scale::CSAT, 2).unwrap();
        t_b.update(&scores[cut..], Some(&w[cut..]), NanPolicy::Raise).unwrap();
        t_a.merge(&t_b).unwrap();
        if let (Ok(x), Ok(y)) = (t_whole.finish(0.95, ProportionMethod::Wilson), t_a.finish(0.95, ProportionMethod::Wilson)) {
            prop_assert!(close(x.top_box.estimate, y.top_box.estimate));
            prop_assert!(close(x.mean.ci_high, y.mean.ci_high));
        }

        let mut l_whole = LikertAccumulator::new(Scale::CSAT, 1).unwrap();
        l_whole.update(&scores, None, NanPolicy::Raise).unwrap();
        let mut l_a = LikertAccumulator::new(Scale::CSAT, 1).unwrap();
        l_a.update(&scores[..cut], None, NanPolicy::Raise).unwrap();
        let mut l_b = LikertAccumulator::new(Scale::CSAT, 1).unwrap();
        l_b.update(&scores[cut..], None, NanPolicy::Raise).unwrap();
        l_b.merge(&l_a).unwrap();
        prop_assert_eq!(l_whole.finish(), l_b.finish());
    }
}
