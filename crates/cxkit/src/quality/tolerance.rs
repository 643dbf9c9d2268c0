//! The zone of tolerance between adequate and desired service.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::{dimension_scores, plain_mean, same_shape, QualityOptions};
use crate::{Error, Result};

/// Where perceived service lies against the zone of tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZonePosition {
    /// Below adequate service (MSA < 0).
    Below,
    /// Between adequate and desired service.
    Within,
    /// Above desired service (MSS > 0).
    Above,
}

impl ZonePosition {
    fn of(perceived: f64, adequate: f64, desired: f64) -> ZonePosition {
        if perceived < adequate {
            ZonePosition::Below
        } else if perceived > desired {
            ZonePosition::Above
        } else {
            ZonePosition::Within
        }
    }

    /// "below", "within" or "above".
    ///
    /// ```
    /// assert_eq!(cxkit::quality::ZonePosition::Above.name(), "above");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ZonePosition::Below => "below",
            ZonePosition::Within => "within",
            ZonePosition::Above => "above",
        }
    }
}

/// The zone of one item or dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneScore {
    /// Item or dimension name ("item 3" for items).
    pub name: String,
    /// Mean perceived service.
    pub perceived: f64,
    /// Mean adequate (minimum acceptable) service.
    pub adequate: f64,
    /// Mean desired service.
    pub desired: f64,
    /// Measure of service adequacy, perceived − adequate.
    pub msa: f64,
    /// Measure of service superiority, perceived − desired.
    pub mss: f64,
    /// Where the mean perception lies against the mean zone.
    pub position: ZonePosition,
    /// Share of respondents whose own perception lies below their adequate level.
    pub share_below: f64,
    /// Share within their own zone.
    pub share_within: f64,
    /// Share above their desired level.
    pub share_above: f64,
    /// Respondents who gave all three ratings.
    pub n: usize,
}

/// Zones of tolerance per item and per dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneOfTolerance {
    /// One entry per item.
    pub items: Vec<ZoneScore>,
    /// One entry per dimension (respondents' dimension means of each rating).
    pub dimensions: Vec<ZoneScore>,
}

fn zone(name: String, p: Vec<f64>, a: Vec<f64>, d: Vec<f64>) -> Result<ZoneScore> {
    let complete: Vec<(f64, f64, f64)> = p
        .into_iter()
        .zip(a)
        .zip(d)
        .map(|((p, a), d)| (p, a, d))
        .filter(|(p, a, d)| !(p.is_nan() || a.is_nan() || d.is_nan()))
        .collect();
    let n = complete.len();
    if n == 0 {
        return Err(Error::InsufficientData {
            what: "a zone of tolerance",
            needed: "a respondent with perceived, adequate and desired ratings",
            got: format!("none for {name}"),
        });
    }
    let share = |pos: ZonePosition| {
        complete
            .iter()
            .filter(|(p, a, d)| ZonePosition::of(*p, *a, *d) == pos)
            .count() as f64
            / n as f64
    };
    let perceived = plain_mean(complete.iter().map(|t| t.0));
    let adequate = plain_mean(complete.iter().map(|t| t.1));
    let desired = plain_mean(complete.iter().map(|t| t.2));
    Ok(ZoneScore {
        name,
        perceived,
        adequate,
        desired,
        msa: perceived - adequate,
        mss: perceived - desired,
        position: ZonePosition::of(perceived, adequate, desired),
        share_below: share(ZonePosition::Below),
        share_within: share(ZonePosition::Within),
        share_above: share(ZonePosition::Above),
        n,
    })
}

/// The zone of tolerance (three-column SERVQUAL format): `perceived`, `adequate` and
/// `desired` ratings (respondents × items). Per item and dimension: the means, MSA =
/// P − A, MSS = P − D, where the mean perception lies, and the shares of respondents below,
/// within and above their own zone. Means use the respondents who gave all three ratings.
///
/// ```
/// use cxkit::quality::{zone_of_tolerance, Dimensions, QualityOptions, ZonePosition};
/// use ndarray::array;
///
/// let p = array![[5.0], [3.0], [7.0]];
/// let a = array![[4.0], [4.0], [4.0]];
/// let d = array![[6.0], [6.0], [6.0]];
/// let o = QualityOptions {
///     dimensions: Dimensions { names: vec!["all".into()], of_item: vec![0] },
///     ..QualityOptions::default()
/// };
/// let z = zone_of_tolerance(p.view(), a.view(), d.view(), &o)?;
/// assert_eq!(z.items[0].position, ZonePosition::Within); // mean 5 between 4 and 6
/// assert!((z.items[0].msa - 1.0).abs() < 1e-12 && (z.items[0].mss + 1.0).abs() < 1e-12);
/// assert!((z.items[0].share_below - 1.0 / 3.0).abs() < 1e-12); // the 3
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn zone_of_tolerance(
    perceived: ArrayView2<f64>,
    adequate: ArrayView2<f64>,
    desired: ArrayView2<f64>,
    options: &QualityOptions,
) -> Result<ZoneOfTolerance> {
    same_shape(
        &perceived,
        &[
            ("adequate ratings (respondents × items)", &adequate),
            ("desired ratings (respondents × items)", &desired),
        ],
    )?;
    options.check(perceived.ncols())?;
    let (p, a, d) = (
        options.ratings(perceived)?,
        options.ratings(adequate)?,
        options.ratings(desired)?,
    );
    let column = |m: &Array2<f64>, j: usize| m.column(j).to_vec();
    let items = (0..p.ncols())
        .map(|j| {
            zone(
                format!("item {}", j + 1),
                column(&p, j),
                column(&a, j),
                column(&d, j),
            )
        })
        .collect::<Result<_>>()?;
    let dims = &options.dimensions;
    let (dp, da, dd) = (
        dimension_scores(&p, dims),
        dimension_scores(&a, dims),
        dimension_scores(&d, dims),
    );
    let dimensions = dims
        .names
        .iter()
        .enumerate()
        .map(|(k, name)| zone(name.clone(), column(&dp, k), column(&da, k), column(&dd, k)))
        .collect::<Result<_>>()?;
    Ok(ZoneOfTolerance { items, dimensions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quality::Dimensions;
    use crate::scale::NanPolicy;
    use ndarray::array;

    #[test]
    fn dimensions_and_missing_by_hand() {
        // Two items in one dimension; respondent 2 skipped item 2's desired rating.
        let p = array![[5.0, 3.0], [2.0, 6.0], [7.0, 7.0]];
        let a = array![[4.0, 4.0], [3.0, 3.0], [5.0, 5.0]];
        let d = array![[6.0, 6.0], [5.0, 5.0], [6.0, f64::NAN]];
        let o = QualityOptions {
            dimensions: Dimensions {
                names: vec!["all".into()],
                of_item: vec![0, 0],
            },
            nan_policy: NanPolicy::Omit,
            ..QualityOptions::default()
        };
        let z = zone_of_tolerance(p.view(), a.view(), d.view(), &o).unwrap();
        // Item 2: respondents 0 and 1 only: P 4.5, A 3.5, D 5.5 → within; 3 < 4 below,
        // 6 > 5 above.
        let i2 = &z.items[1];
        assert_eq!(i2.n, 2);
        assert!((i2.perceived - 4.5).abs() < 1e-12 && (i2.msa - 1.0).abs() < 1e-12);
        assert_eq!(i2.position, ZonePosition::Within);
        assert!((i2.share_below - 0.5).abs() < 1e-12 && (i2.share_above - 0.5).abs() < 1e-12);
        // Dimension: respondent means P (4, 4, 7), A (4, 3, 5), D (6, 5, 6) → positions
        // within, within, above; means P 5, A 4, D 17/3.
        let dim = &z.dimensions[0];
        assert!((dim.perceived - 5.0).abs() < 1e-12 && (dim.desired - 17.0 / 3.0).abs() < 1e-12);
        assert!((dim.share_above - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(dim.position, ZonePosition::Within);
        assert!(matches!(
            zone_of_tolerance(
                p.view(),
                a.view(),
                d.view(),
                &QualityOptions {
                    nan_policy: NanPolicy::Raise,
                    ..o.clone()
                }
            ),
            Err(Error::MissingAnswer {
                respondent: 2,
                feature: 1
            })
        ));
        let short = array![[1.0, 2.0]];
        assert!(zone_of_tolerance(p.view(), short.view(), d.view(), &o).is_err());
    }
}
