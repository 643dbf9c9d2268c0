//! Mergeable survey state for partitions, batches and workers: NPS, top-box and Likert
//! accumulators.

use cxkit_core::survey::{self as core, NpsMethod};
use pyo3::prelude::*;
use pyo3::types::PyType;

use super::{Csat, Likert, Nps};
use crate::convert::state::{accumulate_by_methods, accumulator_class, Shared};
use crate::convert::{self, tally, ScaleArg};
use crate::error::IntoPyResult;

accumulate_by_methods!(
    core::NpsAccumulator,
    core::TopBoxAccumulator,
    core::LikertAccumulator
);

/// An accumulator class over a survey accumulator: `update` with scores, `n`, `from_bytes`
/// and a repr beside the shared methods; `$extra` adds the constructor and `finish`.
macro_rules! survey_accumulator {
    ($(#[$doc:meta])* $name:ident($inner:ty) { $($extra:tt)* }) => {
        accumulator_class! {
            $(#[$doc])*
            $name($inner) {
                $($extra)*

                /// Adds a batch of scores (optionally weighted). On error the state is
                /// unchanged. Threads may update one accumulator at once (each tallies its
                /// batch with the GIL released; the tallies add up as serial updates would).
                #[pyo3(signature = (scores, weights=None, nan_policy="raise"))]
                fn update(
                    &self,
                    py: Python<'_>,
                    scores: &Bound<'_, PyAny>,
                    weights: Option<&Bound<'_, PyAny>>,
                    nan_policy: &str,
                ) -> PyResult<()> {
                    let policy = convert::nan_policy(nan_policy)?;
                    let scale = self.inner.with(py, |a| a.histogram().scale());
                    let batch = tally(py, scores, weights, scale, policy)?;
                    self.inner.with(py, |a| a.add(&batch)).py_err()
                }

                /// Number of responses so far.
                #[getter]
                fn n(&self, py: Python<'_>) -> u64 {
                    self.inner.with(py, |a| a.n())
                }

                /// Reads state written by `to_bytes`; raises CorruptBytesError on anything else.
                #[classmethod]
                fn from_bytes(_cls: &Bound<'_, PyType>, data: &[u8]) -> PyResult<Self> {
                    Ok($name {
                        inner: Shared::new(<$inner>::from_bytes(data).py_err()?),
                    })
                }

                fn __repr__(&self, py: Python<'_>) -> String {
                    let (scale, n) = self.inner.with(py, |a| (a.histogram().scale(), a.n()));
                    format!(
                        "{}(scale=({}, {}), n={})",
                        stringify!($name),
                        scale.min(),
                        scale.max(),
                        n
                    )
                }
            }
        }
    };
}

survey_accumulator! {
    /// Mergeable NPS state: ``update`` with batches, ``merge`` partitions, ``finish`` into an Nps.
    ///
    /// >>> north, south = cxkit.NpsAccumulator(), cxkit.NpsAccumulator()
    /// >>> north.update([10, 9, 3]); south.update([8, 10])
    /// >>> north.merge(cxkit.NpsAccumulator.from_bytes(south.to_bytes()))
    /// >>> north.n, north.finish().score
    /// (5, 40.0)
    NpsAccumulator(core::NpsAccumulator) {
        #[new]
        fn new() -> Self {
            NpsAccumulator { inner: Shared::new(core::NpsAccumulator::new()) }
        }

        /// The NPS of everything accumulated.
        #[pyo3(signature = (confidence=0.95, method="adjusted_wald"))]
        fn finish(&self, py: Python<'_>, confidence: f64, method: &str) -> PyResult<Nps> {
            let method: NpsMethod = convert::nps_method(method)?;
            self.inner.with(py, |a| a.finish(confidence, method)).py_err().map(Nps::from)
        }
    }
}

survey_accumulator! {
    /// Mergeable top-box (CSAT) state on a scale (``5`` for 1..5 or ``(min, max)``).
    ///
    /// >>> acc = cxkit.TopBoxAccumulator(scale=5, top=2)
    /// >>> acc.update([5, 4, 2, 1])
    /// >>> acc.finish().top_box.estimate
    /// 0.5
    TopBoxAccumulator(core::TopBoxAccumulator) {
        #[new]
        #[pyo3(signature = (scale=ScaleArg::one_to(5), top=2), text_signature = "(scale=5, top=2)")]
        fn new(scale: ScaleArg, top: u32) -> PyResult<Self> {
            Ok(TopBoxAccumulator { inner: Shared::new(core::TopBoxAccumulator::new(scale.0, top).py_err()?) })
        }

        /// CSAT (top-box share and mean) of everything accumulated.
        #[pyo3(signature = (confidence=0.95, interval="wilson"))]
        fn finish(&self, py: Python<'_>, confidence: f64, interval: &str) -> PyResult<Csat> {
            let interval = convert::interval(interval)?;
            self.inner.with(py, |a| a.finish(confidence, interval)).py_err().map(Csat::from)
        }
    }
}

survey_accumulator! {
    /// Mergeable Likert state on a scale (``5`` for 1..5 or ``(min, max)``).
    ///
    /// >>> acc = cxkit.LikertAccumulator(scale=(1, 7))
    /// >>> acc.update([7, 6, float("nan"), 1], nan_policy="omit")
    /// >>> acc.finish().counts
    /// [1, 0, 0, 0, 0, 1, 1]
    LikertAccumulator(core::LikertAccumulator) {
        #[new]
        #[pyo3(signature = (scale, boxes=2))]
        fn new(scale: ScaleArg, boxes: u32) -> PyResult<Self> {
            Ok(LikertAccumulator { inner: Shared::new(core::LikertAccumulator::new(scale.0, boxes).py_err()?) })
        }

        /// The distribution summary of everything accumulated.
        fn finish(&self, py: Python<'_>) -> PyResult<Likert> {
            self.inner.with(py, |a| a.finish()).py_err().map(Likert::from)
        }
    }
}

/// Adds the survey accumulator classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NpsAccumulator>()?;
    m.add_class::<TopBoxAccumulator>()?;
    m.add_class::<LikertAccumulator>()?;
    Ok(())
}
