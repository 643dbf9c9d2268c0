//! Mergeable SERVQUAL state: the moments behind every gap, fed by batches of respondents.

use ndarray::{Array2, ArrayView2};

use super::servqual::{DimensionScore, ItemGap, Servqual};
use super::{dimension_scores, plain_mean, same_shape, Moments, QualityOptions};
use crate::bytes::FORMAT_VERSION;
use crate::bytes::{corrupt, write_header, ByteReader};
use crate::Result;

const TAG: u8 = 6;

/// Count, mean and squared deviations of each series a SERVQUAL analysis summarises.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct GapMoments {
    /// Per item: perception, expectation, gap.
    items: Vec<[Moments; 3]>,
    /// Per dimension: the respondents' dimension gaps.
    dimensions: Vec<Moments>,
    /// The respondents' mean dimension gaps.
    overall: Moments,
}

impl GapMoments {
    fn empty(items: usize, dimensions: usize) -> GapMoments {
        GapMoments {
            items: vec![[Moments::default(); 3]; items],
            dimensions: vec![Moments::default(); dimensions],
            overall: Moments::default(),
        }
    }

    /// The moments of checked ratings `p`, `e`, their gaps and the respondents' dimension
    /// gaps `dims` (respondents × dimensions).
    pub(super) fn of(
        p: &Array2<f64>,
        e: &Array2<f64>,
        gap: &Array2<f64>,
        dims: &Array2<f64>,
    ) -> Self {
        let col = |m: &Array2<f64>, j: usize| Moments::of(m.column(j).iter().copied());
        GapMoments {
            items: (0..p.ncols())
                .map(|j| [col(p, j), col(e, j), col(gap, j)])
                .collect(),
            dimensions: (0..dims.ncols()).map(|d| col(dims, d)).collect(),
            overall: Moments::of(
                dims.rows()
                    .into_iter()
                    .map(|r| plain_mean(r.iter().copied())),
            ),
        }
    }

    /// Adds another state's moments; errors (leaving this one unchanged) when a count would
    /// pass 2^64.
    fn merge(&mut self, o: &GapMoments) -> Result<()> {
        if self
            .all()
            .zip(o.all())
            .any(|(a, b)| a.n.checked_add(b.n).is_none())
        {
            return Err(crate::Error::Incompatible {
                reason: "the merged SERVQUAL states would count more than 2^64 ratings".into(),
            });
        }
        for (a, b) in self.items.iter_mut().zip(&o.items) {
            for (a, b) in a.iter_mut().zip(b) {
                a.merge(b);
            }
        }
        for (a, b) in self.dimensions.iter_mut().zip(&o.dimensions) {
            a.merge(b);
        }
        self.overall.merge(&o.overall);
        Ok(())
    }

    fn all(&self) -> impl Iterator<Item = &Moments> {
        self.items
            .iter()
            .flatten()
            .chain(&self.dimensions)
            .chain([&self.overall])
    }

    /// The unweighted analysis.
    pub(super) fn finish(&self, options: &QualityOptions) -> Result<Servqual> {
        let c = options.confidence;
        let mean = |m: &Moments| if m.n == 0 { f64::NAN } else { m.mean };
        Ok(Servqual {
            items: self
                .items
                .iter()
                .map(|[p, e, g]| {
                    Ok(ItemGap {
                        perception: mean(p),
                        expectation: mean(e),
                        gap: g.mean_ci(c, "an item's gap")?,
                    })
                })
                .collect::<Result<_>>()?,
            dimensions: self
                .dimensions
                .iter()
                .zip(&options.dimensions.names)
                .map(|(m, name)| {
                    Ok(DimensionScore {
                        name: name.clone(),
                        score: m.mean_ci(c, "a dimension score")?,
                    })
                })
                .collect::<Result<_>>()?,
            overall: self.overall.mean_ci(c, "the SERVQUAL score")?,
            weighted: None,
        })
    }
}

/// The SERVQUAL sums of respondents seen so far — per item the count, mean and squared
/// deviations of perceptions, expectations and gaps, the same per dimension and overall —
/// mergeable across partitions and storable as bytes. Finishing gives what
/// [`servqual`](super::servqual) gives on all respondents at once (to rounding, about 1e-15
/// relative), without the weighted score, which needs each respondent's points.
///
/// Bytes: `b"CXKA"`, the format version, kind 6, the options as JSON (u32 length first),
/// then for each item (perception, expectation, gap), each dimension and the overall score a
/// count (u64), a mean and a sum of squared deviations (f64), all little-endian.
///
/// ```
/// use cxkit::quality::{servqual, Dimensions, QualityOptions, ServqualAccumulator};
/// use ndarray::array;
///
/// let p = array![[5.0, 6.0], [4.0, 7.0], [6.0, 5.0]];
/// let e = array![[6.0, 6.0], [6.0, 6.0], [7.0, 6.0]];
/// let o = QualityOptions {
///     dimensions: Dimensions { names: vec!["a".into(), "b".into()], of_item: vec![0, 1] },
///     ..QualityOptions::default()
/// };
/// let mut north = ServqualAccumulator::new(o.clone())?;
/// north.update(p.slice(ndarray::s![..1, ..]), e.slice(ndarray::s![..1, ..]))?;
/// let mut south = ServqualAccumulator::new(o.clone())?;
/// south.update(p.slice(ndarray::s![1.., ..]), e.slice(ndarray::s![1.., ..]))?;
/// north.merge(&ServqualAccumulator::from_bytes(&south.to_bytes())?)?;
/// let whole = servqual(p.view(), e.view(), None, &o)?;
/// assert!((north.finish()?.overall.estimate - whole.overall.estimate).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ServqualAccumulator {
    options: QualityOptions,
    moments: GapMoments,
}

impl ServqualAccumulator {
    /// An empty state; `options` fix the items (their dimension map), scale, reversed items,
    /// NaN policy and the confidence level of the finished intervals.
    pub fn new(options: QualityOptions) -> Result<ServqualAccumulator> {
        options.check(options.dimensions.of_item.len())?;
        let moments = GapMoments::empty(
            options.dimensions.of_item.len(),
            options.dimensions.names.len(),
        );
        Ok(ServqualAccumulator { options, moments })
    }

    /// Adds a batch of respondents: perceptions and expectations, respondents × items. On
    /// error (the errors of [`servqual`](super::servqual)) the state is unchanged.
    pub fn update(
        &mut self,
        perceptions: ArrayView2<f64>,
        expectations: ArrayView2<f64>,
    ) -> Result<()> {
        same_shape(
            &perceptions,
            &[("expectations (respondents × items)", &expectations)],
        )?;
        self.options.dimensions.check(perceptions.ncols())?;
        let p = self.options.ratings(perceptions)?;
        let e = self.options.ratings(expectations)?;
        let gap = &p - &e;
        let dims = dimension_scores(&gap, &self.options.dimensions);
        self.moments.merge(&GapMoments::of(&p, &e, &gap, &dims))
    }

    /// Adds another state with the same options into this one.
    pub fn merge(&mut self, other: &ServqualAccumulator) -> Result<()> {
        if other.options != self.options {
            return Err(crate::Error::Incompatible {
                reason: "SERVQUAL states with different options (dimensions, scale, reversed \
                         items, NaN policy or confidence)"
                    .into(),
            });
        }
        self.moments.merge(&other.moments)
    }

    /// Respondents with at least one rated item pair so far.
    pub fn respondents(&self) -> u64 {
        self.moments.overall.n
    }

    /// The options the state was made with.
    pub fn options(&self) -> &QualityOptions {
        &self.options
    }

    /// The SERVQUAL analysis of every respondent seen (without the weighted score).
    pub fn finish(&self) -> Result<Servqual> {
        self.moments.finish(&self.options)
    }

    /// The state as versioned bytes; see the type's documentation for the layout.
    pub fn to_bytes(&self) -> Vec<u8> {
        let json = serde_json::to_vec(&self.options).expect("options serialize");
        let mut out = Vec::with_capacity(10 + json.len() + 24 * (3 * self.moments.items.len() + 8));
        write_header(&mut out, FORMAT_VERSION, TAG);
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        for m in self.moments.all() {
            out.extend_from_slice(&m.n.to_le_bytes());
            out.extend_from_slice(&m.mean.to_le_bytes());
            out.extend_from_slice(&m.m2.to_le_bytes());
        }
        out
    }

    /// Reads state written by [`to_bytes`](Self::to_bytes); [`Error::CorruptBytes`] on
    /// anything else, including invalid options and moments that no data could give.
    ///
    /// [`Error::CorruptBytes`]: crate::Error::CorruptBytes
    pub fn from_bytes(bytes: &[u8]) -> Result<ServqualAccumulator> {
        let mut r = ByteReader::new(bytes);
        r.header(FORMAT_VERSION, TAG, "SERVQUAL state")?;
        let len = r.u32()? as usize;
        let options: QualityOptions =
            serde_json::from_slice(r.bytes(len)?).map_err(|e| corrupt(format!("options: {e}")))?;
        let mut acc =
            ServqualAccumulator::new(options).map_err(|e| corrupt(format!("options: {e}")))?;
        let slots: Vec<&mut Moments> = acc
            .moments
            .items
            .iter_mut()
            .flatten()
            .chain(acc.moments.dimensions.iter_mut())
            .chain([&mut acc.moments.overall])
            .collect();
        for m in slots {
            let (n, mean, m2) = (r.u64()?, r.f64()?, r.f64()?);
            let possible = mean.is_finite() && m2.is_finite() && m2 >= 0.0;
            if !possible || (n == 0 && (mean != 0.0 || m2 != 0.0)) {
                return Err(corrupt(format!(
                    "moments n = {n}, mean = {mean}, M2 = {m2}"
                )));
            }
            *m = Moments { n, mean, m2 };
        }
        r.finish()?;
        Ok(acc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quality::{servqual, Dimensions};
    use crate::scale::NanPolicy;
    use crate::Error;
    use ndarray::s;

    fn options() -> QualityOptions {
        QualityOptions {
            dimensions: Dimensions {
                names: vec!["a".into(), "b".into()],
                of_item: vec![0, 1, 1],
            },
            reversed: vec![2],
            nan_policy: NanPolicy::Omit,
            ..QualityOptions::default()
        }
    }

    fn ratings(n: usize, salt: usize) -> Array2<f64> {
        Array2::from_shape_fn((n, 3), |(r, c)| {
            if (r * 7 + c + salt) % 11 == 0 {
                f64::NAN
            } else {
                ((r * 13 + c * 5 + salt) % 7 + 1) as f64
            }
        })
    }

    #[test]
    fn parts_equal_the_whole() {
        // The whole: `servqual` on all respondents (checked by hand in its own tests).
        let (p, e) = (ratings(500, 0), ratings(500, 3));
        let whole = servqual(p.view(), e.view(), None, &options()).unwrap();
        let mut acc = ServqualAccumulator::new(options()).unwrap();
        for w in [0, 1, 2, 250, 499, 500].windows(2) {
            let mut part = ServqualAccumulator::new(options()).unwrap();
            part.update(p.slice(s![w[0]..w[1], ..]), e.slice(s![w[0]..w[1], ..]))
                .unwrap();
            acc.merge(&ServqualAccumulator::from_bytes(&part.to_bytes()).unwrap())
                .unwrap();
        }
        let parts = acc.finish().unwrap();
        let close = |a: f64, b: f64| assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{a} {b}");
        for (a, b) in parts.items.iter().zip(&whole.items) {
            close(a.perception, b.perception);
            close(a.expectation, b.expectation);
            close(a.gap.estimate, b.gap.estimate);
            close(a.gap.ci_low, b.gap.ci_low);
            assert_eq!(a.gap.n, b.gap.n);
        }
        for (a, b) in parts
            .dimensions
            .iter()
            .map(|d| &d.score)
            .chain([&parts.overall])
            .zip(
                whole
                    .dimensions
                    .iter()
                    .map(|d| &d.score)
                    .chain([&whole.overall]),
            )
        {
            close(a.estimate, b.estimate);
            close(a.sd, b.sd);
            close(a.ci_high, b.ci_high);
            assert_eq!(a.n, b.n);
        }
        assert_eq!(acc.respondents(), whole.overall.n);
    }

    #[test]
    fn bad_input_leaves_the_state_unchanged() {
        let mut acc = ServqualAccumulator::new(options()).unwrap();
        acc.update(ratings(5, 0).view(), ratings(5, 1).view())
            .unwrap();
        let before = acc.clone();
        let mut bad = ratings(5, 0);
        bad[[4, 1]] = 9.0;
        assert!(matches!(
            acc.update(bad.view(), ratings(5, 1).view()),
            Err(Error::InvalidAnswer {
                respondent: 4,
                feature: 1,
                ..
            })
        ));
        assert!(matches!(
            acc.update(ratings(5, 0).view(), ratings(4, 1).view()),
            Err(Error::LengthMismatch { .. })
        ));
        let other = ServqualAccumulator::new(QualityOptions {
            reversed: vec![],
            ..options()
        })
        .unwrap();
        assert!(matches!(acc.merge(&other), Err(Error::Incompatible { .. })));
        assert_eq!(acc, before);
        let bytes = acc.to_bytes();
        for cut in 0..bytes.len() {
            assert!(ServqualAccumulator::from_bytes(&bytes[..cut]).is_err());
        }
        let mut negative = bytes.clone();
        let last = negative.len() - 8;
        negative[last..].copy_from_slice(&(-1.0f64).to_le_bytes());
        assert!(matches!(
            ServqualAccumulator::from_bytes(&negative),
            Err(Error::CorruptBytes { .. })
        ));
    }
}
