//! Every mergeable state and fitted model round-trips through its bytes, and every other byte
//! string — truncated, of another kind, or holding values no data could give — is
//! `Error::CorruptBytes`, never a panic.

use cxkit::clv::{BetaGeo, GammaGamma, ParetoNbd};
use cxkit::covariance::{CovarianceAccumulator, MissingData};
use cxkit::journey::{IndicatorTree, JourneyState, RejectPolicy};
use cxkit::kano::{KanoAccumulator, KanoOptions};
use cxkit::quality::{Dimensions, QualityOptions, ServqualAccumulator};
use cxkit::segment::{KMeans, KMeansOptions};
use cxkit::survey::{LikertAccumulator, NanPolicy, NpsAccumulator, Scale, TopBoxAccumulator};
use cxkit::Error;
use ndarray::array;

type Reader = fn(&[u8]) -> Result<(), Error>;

/// (name, bytes, reader) for one state of every kind.
fn states() -> Vec<(&'static str, Vec<u8>, Reader)> {
    let mut nps = NpsAccumulator::new();
    nps.update(&[10, 9, 3], None, NanPolicy::Raise).unwrap();
    let mut top = TopBoxAccumulator::new(Scale::CSAT, 2).unwrap();
    top.update(&[5, 1], None, NanPolicy::Raise).unwrap();
    let mut likert = LikertAccumulator::new(Scale::CSAT, 2).unwrap();
    likert.update(&[4, 2], None, NanPolicy::Raise).unwrap();
    let mut kano = KanoAccumulator::new(2);
    kano.update(
        array![[1, 2]].view(),
        array![[5, 4]].view(),
        &KanoOptions::default(),
    )
    .unwrap();
    let mut cov = CovarianceAccumulator::new(2, MissingData::Pairwise).unwrap();
    cov.update(array![[1.0, 2.0], [2.0, 5.0], [3.0, 4.0]].view())
        .unwrap();
    let options = QualityOptions {
        dimensions: Dimensions {
            names: vec!["a".into()],
            of_item: vec![0, 0],
        },
        ..QualityOptions::default()
    };
    let mut servqual = ServqualAccumulator::new(options).unwrap();
    servqual
        .update(
            array![[5.0, 6.0], [4.0, 7.0]].view(),
            array![[6.0, 6.0], [7.0, 7.0]].view(),
        )
        .unwrap();
    let tree = IndicatorTree::from_json(
        r#"{"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [{"id": "t",
        "indicators": [{"id": "wait", "kind": {"type": "percentile", "p": 90}, "scale": [0, 60]}]}]}]}]}"#,
    )
    .unwrap();
    let mut journey = JourneyState::new(&tree);
    journey
        .update(
            &[0, 0],
            &[0, 90_000],
            &[3.0, 7.5],
            Some(&[1, 0]),
            RejectPolicy::Error,
        )
        .unwrap();
    let kmeans = KMeans::fit(
        array![[0.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 8.0]].view(),
        None,
        &KMeansOptions {
            standardize: true,
            ..KMeansOptions::new(2)
        },
    )
    .unwrap();
    vec![
        ("nps", nps.to_bytes(), |b| {
            NpsAccumulator::from_bytes(b).map(drop)
        }),
        ("top box", top.to_bytes(), |b| {
            TopBoxAccumulator::from_bytes(b).map(drop)
        }),
        ("likert", likert.to_bytes(), |b| {
            LikertAccumulator::from_bytes(b).map(drop)
        }),
        ("kano", kano.to_bytes(), |b| {
            KanoAccumulator::from_bytes(b).map(drop)
        }),
        ("covariance", cov.to_bytes(), |b| {
            CovarianceAccumulator::from_bytes(b).map(drop)
        }),
        ("servqual", servqual.to_bytes(), |b| {
            ServqualAccumulator::from_bytes(b).map(drop)
        }),
        (
            "journey",
            journey.to_bytes(&["retail".into(), "sme".into()]),
            |b| JourneyState::from_bytes(b).map(drop),
        ),
        (
            "bg/nbd",
            BetaGeo::new(0.243, 4.414, 0.793, 2.426).unwrap().to_bytes(),
            |b| BetaGeo::from_bytes(b).map(drop),
        ),
        (
            "pareto/nbd",
            ParetoNbd::new(0.55, 10.58, 0.61, 11.67).unwrap().to_bytes(),
            |b| ParetoNbd::from_bytes(b).map(drop),
        ),
        (
            "gamma-gamma",
            GammaGamma::new(6.25, 3.74, 15.44).unwrap().to_bytes(),
            |b| GammaGamma::from_bytes(b).map(drop),
        ),
        ("k-means", kmeans.to_bytes(), |b| {
            KMeans::from_bytes(b).map(drop)
        }),
    ]
}

#[test]
fn every_kind_reads_its_own_bytes_and_refuses_every_other_kind_and_every_cut() {
    let all = states();
    for (name, bytes, read) in &all {
        read(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        for cut in 0..bytes.len() {
            assert!(
                matches!(read(&bytes[..cut]), Err(Error::CorruptBytes { .. })),
                "{name} cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(b' ');
        longer.push(b'x');
        assert!(read(&longer).is_err(), "{name} with trailing bytes");
        for (other, theirs, _) in &all {
            if other != name {
                assert!(
                    matches!(read(theirs), Err(Error::CorruptBytes { .. })),
                    "{name} read {other}'s bytes"
                );
            }
        }
        let mut version = bytes.clone();
        version[4] = 99;
        assert!(matches!(read(&version), Err(Error::CorruptBytes { .. })));
    }
}

#[test]
fn models_with_impossible_values_are_refused() {
    let json_of = |b: &[u8]| String::from_utf8(b[6..].to_vec()).unwrap();
    let with_json = |b: &[u8], json: String| [&b[..6], json.as_bytes()].concat();
    let bg = BetaGeo::new(0.243, 4.414, 0.793, 2.426).unwrap().to_bytes();
    let negative = with_json(&bg, json_of(&bg).replace("\"r\":0.243", "\"r\":-0.243"));
    assert!(matches!(
        BetaGeo::from_bytes(&negative),
        Err(Error::CorruptBytes { reason }) if reason.contains("r")
    ));
    let km = KMeans::fit(
        array![[0.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 8.0]].view(),
        None,
        &KMeansOptions::new(2),
    )
    .unwrap();
    let json = json_of(&km.to_bytes());
    let label = km.labels[0];
    let bad = json.replacen(&format!("\"labels\":[{label}"), "\"labels\":[7", 1);
    assert_ne!(bad, json);
    assert!(matches!(
        KMeans::from_bytes(&with_json(&km.to_bytes(), bad)),
        Err(Error::CorruptBytes { .. })
    ));
}
