//! Customer lifetime value for Python: transaction summaries, the BG/NBD, Pareto/NBD and
//! Gamma-Gamma models, and CLV.

use cxkit_core::clv::{self as core, FitOptions, Period};
use numpy::{PyArray1, PyArrayMethods, ToPyArray};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{epoch_times, floats, frame, one_time, optional_floats, optional_slice};
use crate::error::{invalid, IntoPyResult};
use crate::labels::{LabelColumn, Missing};

/// Runs `f` on float64 views of the given array-likes, with the GIL released.
macro_rules! with_floats {
    ($py:expr, [$($obj:expr => $name:ident),*], $body:expr) => {{
        $( let $name = floats($obj, stringify!($name))?; let $name = $name.readonly(); let $name = $name.as_slice().map_err(|e| PyValueError::new_err(e.to_string()))?; )*
        $py.detach(|| $body)
    }};
}

fn period(freq: &str) -> PyResult<Period> {
    crate::convert::named(freq)
}

fn fit_options(penalizer: f64, max_iterations: usize, tolerance: f64) -> FitOptions {
    FitOptions {
        penalizer,
        max_iterations,
        tolerance,
    }
}

/// A float result: a Python float for scalar input, else a numpy array.
fn shaped<'py>(py: Python<'py>, values: Vec<f64>, scalar: bool) -> PyResult<Bound<'py, PyAny>> {
    if scalar {
        Ok(values[0].into_pyobject(py)?.into_any())
    } else {
        Ok(PyArray1::from_vec(py, values).into_any())
    }
}

fn is_scalar(obj: &Bound<'_, PyAny>) -> bool {
    obj.extract::<f64>().is_ok()
}

fn days<'py>(py: Python<'py>, dates: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray1<i64>>> {
    epoch_times(py, dates, "D", "dates", false)
}

fn one_day<'py>(py: Python<'py>, date: &Bound<'py, PyAny>, what: &'static str) -> PyResult<i64> {
    one_time(py, date, "D", what)
}

/// Summarises a transaction log into frequency, recency, T and monetary_value per customer,
/// with the definitions of `lifetimes`' summary_data_from_transaction_data: purchases in the
/// same period (``freq`` "D", "W" or "M") count once, the first period is left out of
/// frequency and monetary value. ``observation_end`` defaults to the last date;
/// ``calibration_end`` splits off a holdout (frequency_holdout, monetary_value_holdout,
/// duration_holdout). Returns a DataFrame indexed by customer id (a dict without pandas), the
/// customers in the order they first appear in the log.
///
/// ``customer_ids`` are labels, never numbers: strings keep their zeros and spaces (``"007"``
/// and ``"7"`` are two customers), integers of any width stay exact (account numbers of 19
/// digits, uint64), and the index holds the ids as given. Floats are refused (they cannot
/// hold long ids exactly), so are missing ids (None, NaN, NA, empty) and columns that mix
/// numbers and text: an ``InvalidLabelError`` naming the row.
///
/// >>> s = cxkit.summarize_transactions(["a", "a", "a", "b"], ["2024-01-01", "2024-01-11", "2024-01-31", "2024-01-05"], [10, 20, 40, 5], observation_end="2024-02-10")
/// >>> s.loc["a"].tolist()
/// [2.0, 30.0, 40.0, 30.0]
/// >>> cxkit.summarize_transactions(["007", "7"], ["2024-01-01", "2024-01-02"]).index.tolist()
/// ['007', '7']
#[pyfunction]
#[pyo3(signature = (customer_ids, dates, amounts=None, observation_end=None, freq="D", calibration_end=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn summarize_transactions<'py>(
    py: Python<'py>,
    customer_ids: &Bound<'py, PyAny>,
    dates: &Bound<'py, PyAny>,
    amounts: Option<&Bound<'py, PyAny>>,
    observation_end: Option<&Bound<'py, PyAny>>,
    freq: &str,
    calibration_end: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let day = days(py, dates)?;
    let ids = LabelColumn::read(customer_ids, "customer_ids", Missing::Refuse)?;
    let codes: Vec<u64> = ids.codes.iter().map(|&c| u64::from(c)).collect();
    let day_view = day.readonly();
    let day = day_view
        .as_slice()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let observation_end = match observation_end {
        Some(d) => one_day(py, d, "observation_end")?,
        None => *day
            .iter()
            .max()
            .ok_or_else(|| invalid("dates", "no transactions".into()))?,
    };
    let options = core::SummaryOptions {
        period: period(freq)?,
        observation_end,
        calibration_end: calibration_end
            .map(|d| one_day(py, d, "calibration_end"))
            .transpose()?,
    };
    let amounts = optional_floats(amounts, "amounts")?;
    let amount = optional_slice(&amounts)?;
    let s = py
        .detach(|| core::summarize_transactions(&codes, day, amount, &options))
        .py_err()?;

    let columns = PyDict::new(py);
    columns.set_item("frequency", s.frequency.to_pyarray(py))?;
    columns.set_item("recency", s.recency.to_pyarray(py))?;
    columns.set_item("T", s.t.to_pyarray(py))?;
    columns.set_item("monetary_value", s.monetary_value.to_pyarray(py))?;
    if let (Some(f), Some(m), Some(d)) = (
        &s.frequency_holdout,
        &s.monetary_value_holdout,
        s.duration_holdout,
    ) {
        columns.set_item("frequency_holdout", f.to_pyarray(py))?;
        columns.set_item("monetary_value_holdout", m.to_pyarray(py))?;
        columns.set_item("duration_holdout", vec![d; f.len()].to_pyarray(py))?;
    }
    let order = PyArray1::from_iter(py, s.customer.iter().map(|&c| c as i64));
    let customer = ids.labels()?.call_method1("take", (order,))?;
    frame(py, columns, Some(customer), Some("customer_id"))
}

/// Defines the Python class of a fitted model: construction with a penalizer, `params`,
/// the fit report's attributes, pickling.
macro_rules! model_class {
    ($(#[$doc:meta])* $name:ident($inner:ty) { params: [$($p:ident),*] $(, $($extra:tt)*)? }) => {
        $(#[$doc])*
        #[pyclass(module = "cxkit")]
        #[derive(Clone)]
        pub struct $name {
            penalizer: f64,
            model: Option<$inner>,
        }

        impl $name {
            fn model(&self) -> PyResult<&$inner> {
                self.model.as_ref().ok_or_else(|| {
                    pyo3::exceptions::PyRuntimeError::new_err(concat!(stringify!($name), " is not fitted yet: call fit() or from_params()"))
                })
            }
        }

        #[pymethods]
        impl $name {
            #[new]
            #[pyo3(signature = (penalizer=0.0))]
            fn new(penalizer: f64) -> Self {
                $name { penalizer, model: None }
            }

            /// A model with the given parameters, without fitting.
            #[staticmethod]
            fn from_params($($p: f64),*) -> PyResult<Self> {
                Ok($name { penalizer: 0.0, model: Some(<$inner>::new($($p),*).py_err()?) })
            }

            /// The fitted parameters as a dict.
            #[getter]
            fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let m = self.model()?;
                let d = PyDict::new(py);
                $( d.set_item(stringify!($p), m.$p)?; )*
                Ok(d)
            }

            /// Standard errors of the parameters (dict), None without a fit or when the Hessian
            /// is not negative definite.
            #[getter]
            fn standard_errors<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
                let m = self.model()?;
                let Some(se) = m.fit.as_ref().and_then(|f| f.standard_errors.clone()) else { return Ok(None) };
                let d = PyDict::new(py);
                for (name, v) in [$(stringify!($p)),*].iter().zip(se) {
                    d.set_item(name, v)?;
                }
                Ok(Some(d))
            }

            /// Log-likelihood at the fitted parameters.
            #[getter]
            fn log_likelihood(&self) -> PyResult<Option<f64>> {
                Ok(self.model()?.fit.as_ref().map(|f| f.log_likelihood))
            }

            /// Whether the fit converged.
            #[getter]
            fn converged(&self) -> PyResult<Option<bool>> {
                Ok(self.model()?.fit.as_ref().map(|f| f.converged))
            }

            /// Quasi-Newton iterations of the fit.
            #[getter]
            fn iterations(&self) -> PyResult<Option<usize>> {
                Ok(self.model()?.fit.as_ref().map(|f| f.iterations))
            }

            /// Parameters and fit report as a dict.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let d = crate::convert::result::to_dict(py, self.model()?)?;
                d.set_item("penalizer", self.penalizer)?;
                Ok(d)
            }

            fn __repr__(&self) -> String {
                match &self.model {
                    None => format!("{}(penalizer={}, not fitted)", stringify!($name), self.penalizer),
                    Some(m) => {
                        let params: Vec<String> = vec![$(format!("{}={:.6}", stringify!($p), m.$p)),*];
                        let fit = m.fit.as_ref().map_or(String::new(), |f| format!(", log_likelihood={:.4}, converged={}", f.log_likelihood, f.converged));
                        format!("{}({}{})", stringify!($name), params.join(", "), fit)
                    }
                }
            }

            /// The fitted model as versioned bytes (the penalizer, a fit setting, is not in them).
            fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
                Ok(pyo3::types::PyBytes::new(py, &self.model()?.to_bytes()))
            }

            /// Reads a model written by ``to_bytes``; raises CorruptBytesError on anything else.
            #[staticmethod]
            fn from_bytes(data: &[u8]) -> PyResult<Self> {
                Ok($name { penalizer: 0.0, model: Some(<$inner>::from_bytes(data).py_err()?) })
            }

            fn __getstate__(&self) -> PyResult<(f64, Option<String>)> {
                let state = self.model.as_ref().map(serde_json::to_string).transpose().map_err(|e| PyValueError::new_err(e.to_string()))?;
                Ok((self.penalizer, state))
            }

            fn __setstate__(&mut self, state: (f64, Option<String>)) -> PyResult<()> {
                self.penalizer = state.0;
                self.model = state.1.map(|s| serde_json::from_str(&s)).transpose().map_err(|e| PyValueError::new_err(format!("bad state: {e}")))?;
                Ok(())
            }

            fn __getnewargs__(&self) -> (f64,) {
                (self.penalizer,)
            }

            $($($extra)*)?
        }
    };
}

/// A model class of repeat purchases over (frequency, recency, T): `model_class!` plus fit,
/// expected purchases, P(alive) and unconditional expected purchases.
macro_rules! transaction_model_class {
    ($(#[$doc:meta])* $name:ident($inner:ty) { params: [$($p:ident),*] $(, $($extra:tt)*)? }) => {
        model_class! {
            $(#[$doc])*
            $name($inner) {
                params: [$($p),*],
                $($($extra)*)?
                /// Fits by maximum likelihood to frequency (repeat purchases), recency (time of
                /// the last one) and T (time observed) per customer. Returns the model.
                #[pyo3(signature = (frequency, recency, T, max_iterations=200, tolerance=1e-7))]
                #[allow(non_snake_case)]
                fn fit<'py>(mut slf: PyRefMut<'py, Self>, frequency: &Bound<'py, PyAny>, recency: &Bound<'py, PyAny>, T: &Bound<'py, PyAny>, max_iterations: usize, tolerance: f64) -> PyResult<PyRefMut<'py, Self>> {
                    let py = slf.py();
                    let options = fit_options(slf.penalizer, max_iterations, tolerance);
                    let model = with_floats!(py, [frequency => x, recency => tx, T => t], <$inner>::fit(x, tx, t, &options)).py_err()?;
                    slf.model = Some(model);
                    Ok(slf)
                }

                /// Expected repeat purchases in the next ``t`` periods given each history.
                #[allow(non_snake_case)]
                fn expected_purchases<'py>(&self, py: Python<'py>, t: f64, frequency: &Bound<'py, PyAny>, recency: &Bound<'py, PyAny>, T: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                    let m = self.model()?;
                    let scalar = is_scalar(frequency);
                    let v = with_floats!(py, [frequency => x, recency => tx, T => tt], m.expected_purchases_all(t, x, tx, tt)).py_err()?;
                    shaped(py, v, scalar)
                }

                /// Probability that each customer is still alive.
                #[allow(non_snake_case)]
                fn probability_alive<'py>(&self, py: Python<'py>, frequency: &Bound<'py, PyAny>, recency: &Bound<'py, PyAny>, T: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                    let m = self.model()?;
                    let scalar = is_scalar(frequency);
                    let v = with_floats!(py, [frequency => x, recency => tx, T => tt], m.probability_alive_all(x, tx, tt)).py_err()?;
                    shaped(py, v, scalar)
                }

                /// Expected repeat purchases of a new customer in ``t`` periods.
                fn unconditional_expected_purchases(&self, t: f64) -> PyResult<f64> {
                    self.model()?.unconditional_expected_purchases(t).py_err()
                }
            }
        }
    };
}

transaction_model_class! {
    /// The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005).
    ///
    /// >>> m = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    /// >>> round(m.expected_purchases(39, 2, 30.43, 38.86), 3)
    /// 1.226
    BetaGeo(core::BetaGeo) {
        params: [r, alpha, a, b],
        /// P(X(t) = x): the probability that a new customer makes exactly ``x`` repeat
        /// purchases in (0, t] (Fader, Hardie & Lee 2005, eq. 8).
        ///
        /// >>> m = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
        /// >>> round(m.probability_of_purchases(0, 39), 7)   # R BTYD's bgnbd.pmf
        /// 0.5737864
        fn probability_of_purchases(&self, x: u32, t: f64) -> PyResult<f64> {
            self.model()?.probability_of_purchases(x, t).py_err()
        }

        /// Customers by their number of repeat purchases ``frequency`` in their own time
        /// observed ``T``, observed and as the model expects (the sum of each customer's
        /// P(X(T) = k)) — the first check of a fit. A DataFrame indexed by the number of
        /// repeat purchases 0 … ``bins`` − 1 with columns ``observed`` and ``expected``; the
        /// last row counts ``bins`` − 1 *or more* (``attrs["open_last_bin"]``). Exact, where
        /// lifetimes' plot_period_transactions simulates. Drawn by
        /// ``cxkit.plot.period_transactions``.
        ///
        /// >>> m = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
        /// >>> m.period_transactions([0, 0, 1, 4], [39, 39, 39, 39], bins=3)["observed"].tolist()
        /// [2, 1, 1]
        #[pyo3(signature = (frequency, T, bins=7))]
        #[allow(non_snake_case)]
        fn period_transactions<'py>(&self, py: Python<'py>, frequency: &Bound<'py, PyAny>, T: &Bound<'py, PyAny>, bins: usize) -> PyResult<Bound<'py, PyAny>> {
            let m = self.model()?;
            let counts = with_floats!(py, [frequency => x, T => t], m.period_transactions(x, t, bins)).py_err()?;
            let columns = PyDict::new(py);
            columns.set_item("observed", counts.observed.to_pyarray(py))?;
            columns.set_item("expected", counts.expected.to_pyarray(py))?;
            let index = PyArray1::from_vec(py, (0..bins as u64).collect()).into_any();
            let out = frame(py, columns, Some(index), Some("frequency"))?;
            if let Ok(attrs) = out.getattr("attrs") {
                attrs.set_item("open_last_bin", true)?;
            }
            Ok(out)
        }
    }
}

transaction_model_class! {
    /// The Pareto/NBD model of repeat purchases (Schmittlein, Morrison & Colombo 1987).
    ///
    /// >>> m = cxkit.ParetoNbd.from_params(0.55, 10.58, 0.61, 11.67)
    /// >>> 0 < m.probability_alive(2, 30.43, 38.86) < 1
    /// True
    ParetoNbd(core::ParetoNbd) { params: [r, alpha, s, beta] }
}

model_class! {
    /// The Gamma-Gamma model of spend per transaction.
    ///
    /// >>> gg = cxkit.GammaGamma.from_params(6.25, 3.74, 15.44)
    /// >>> round(gg.expected_average_value(0, 0), 2)
    /// 35.22
    GammaGamma(core::GammaGamma) {
        params: [p, q, v],
        /// Fits to customers with repeat purchases: frequency > 0 and the mean value of those
        /// purchases (others are skipped). Returns the model.
        #[pyo3(signature = (frequency, monetary_value, max_iterations=200, tolerance=1e-7))]
        fn fit<'py>(mut slf: PyRefMut<'py, Self>, frequency: &Bound<'py, PyAny>, monetary_value: &Bound<'py, PyAny>, max_iterations: usize, tolerance: f64) -> PyResult<PyRefMut<'py, Self>> {
            let py = slf.py();
            let options = fit_options(slf.penalizer, max_iterations, tolerance);
            let model = with_floats!(py, [frequency => x, monetary_value => m], core::GammaGamma::fit(x, m, &options)).py_err()?;
            slf.model = Some(model);
            Ok(slf)
        }

        /// Each customer's expected mean transaction value (needs q > 1).
        fn expected_average_value<'py>(&self, py: Python<'py>, frequency: &Bound<'py, PyAny>, monetary_value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
            let model = self.model()?;
            let scalar = is_scalar(frequency);
            let v = with_floats!(py, [frequency => x, monetary_value => m], model.expected_average_values(x, m)).py_err()?;
            shaped(py, v, scalar)
        }
    }
}

/// CLV of each customer over ``horizon`` months: discounted expected purchases (from the
/// transaction model, fitted in ``freq`` units: "D", "W" or "M") times the Gamma-Gamma
/// expected spend, with a monthly ``discount_rate``, as `lifetimes` computes it.
#[pyfunction]
#[pyo3(signature = (transaction_model, spend_model, frequency, recency, T, monetary_value, horizon=12, freq="W", discount_rate=0.01))]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub(crate) fn customer_lifetime_value<'py>(
    py: Python<'py>,
    transaction_model: &Bound<'py, PyAny>,
    spend_model: &Bound<'py, PyAny>,
    frequency: &Bound<'py, PyAny>,
    recency: &Bound<'py, PyAny>,
    T: &Bound<'py, PyAny>,
    monetary_value: &Bound<'py, PyAny>,
    horizon: i64,
    freq: &str,
    discount_rate: f64,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    // A negative or huge horizon is an InvalidParameterError, not Python's OverflowError.
    let horizon = u32::try_from(crate::convert::count("horizon", horizon)?).map_err(|_| {
        crate::error::invalid("horizon", format!("must be at most {} months", u32::MAX))
    })?;
    let model: Box<dyn core::TransactionModel> = if let Ok(m) = transaction_model.cast::<BetaGeo>()
    {
        Box::new(m.borrow().model()?.clone())
    } else if let Ok(m) = transaction_model.cast::<ParetoNbd>() {
        Box::new(m.borrow().model()?.clone())
    } else {
        return Err(PyTypeError::new_err(
            "transaction_model must be a fitted cxkit.BetaGeo or cxkit.ParetoNbd",
        ));
    };
    let gg = spend_model
        .cast::<GammaGamma>()
        .map_err(|_| PyTypeError::new_err("spend_model must be a fitted cxkit.GammaGamma"))?
        .borrow()
        .model()?
        .clone();
    let options = core::ClvOptions {
        horizon_months: horizon,
        period: period(freq)?,
        discount_rate,
    };
    let v = with_floats!(py, [frequency => x, recency => tx, T => t, monetary_value => m], core::customer_lifetime_value(model.as_ref(), &gg, x, tx, t, m, &options)).py_err()?;
    Ok(PyArray1::from_vec(py, v))
}

/// Adds the transaction summary, the CLV models and CLV to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(summarize_transactions, m)?)?;
    m.add_function(wrap_pyfunction!(customer_lifetime_value, m)?)?;
    m.add_function(wrap_pyfunction!(value_at_risk, m)?)?;
    m.add_class::<BetaGeo>()?;
    m.add_class::<GammaGamma>()?;
    m.add_class::<ParetoNbd>()?;
    Ok(())
}

/// `values` (a pandas Series by customer id) reindexed to the respondents of `scores` (a
/// Series by customer id): every respondent's customer must be there once. Other inputs are
/// read by position. Returns the float64 values and how many customers `values` held.
fn joined<'py>(
    scores: &Bound<'py, PyAny>,
    values: &Bound<'py, PyAny>,
    what: &'static str,
) -> PyResult<(Bound<'py, PyArray1<f64>>, Option<usize>)> {
    let series = |o: &Bound<'py, PyAny>| -> PyResult<bool> {
        Ok(o.hasattr("index")? && o.hasattr("reindex")?)
    };
    if !(series(scores)? && series(values)?) {
        return Ok((floats(values, what)?, None));
    }
    let index = values.getattr("index")?;
    if index.getattr("has_duplicates")?.is_truthy()? {
        return Err(invalid(
            what,
            "holds a customer id twice: give one value per customer".into(),
        ));
    }
    let customers: usize = values.len()?;
    let respondents = scores.getattr("index")?;
    let present = respondents.call_method1("isin", (index,))?;
    let missing: Vec<String> = respondents
        .get_item(present.call_method0("__invert__")?)?
        .try_iter()?
        .take(3)
        .map(|x| Ok(x?.str()?.to_string()))
        .collect::<PyResult<_>>()?;
    if !missing.is_empty() {
        let count: usize = present
            .call_method0("__invert__")?
            .call_method0("sum")?
            .extract()?;
        return Err(crate::error::to_py(cxkit_core::Error::InvalidLabel {
            what,
            index: 0,
            reason: format!(
                "{count} respondents' customers have no {what} (first: {}): join the survey to \
                 the customers it was sent to",
                missing.join(", ")
            ),
        }));
    }
    Ok((
        floats(&values.call_method1("reindex", (respondents,))?, what)?,
        Some(customers),
    ))
}

/// Future value by NPS group: each respondent's likelihood-to-recommend ``scores`` (0–10)
/// and their customer's future ``value`` (e.g. 12-month CLV), optionally ``p_alive`` and
/// expected ``purchases``. Given as pandas Series indexed by customer id, the values are
/// joined to the respondents by id (every respondent's customer must be there; the values
/// may cover more customers); otherwise they are read by position. Returns a dict: groups
/// (a DataFrame by detractor, passive, promoter: customers, value_total, value_mean,
/// value_share, p_alive_mean, purchases_mean), value_at_risk (the detractors' total value),
/// share_at_risk, p_alive_gap and purchases_gap (promoters − detractors with Welch's
/// interval and p-value, or None), respondents, and customers (how many the values held).
///
/// >>> r = cxkit.value_at_risk([10, 9, 3, 6, 8], [500.0, 300.0, 100.0, 100.0, 0.0])
/// >>> r["value_at_risk"], r["share_at_risk"]
/// (200.0, 0.2)
#[pyfunction]
#[pyo3(signature = (scores, value, p_alive=None, purchases=None, confidence=0.95))]
pub(crate) fn value_at_risk<'py>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    value: &Bound<'py, PyAny>,
    p_alive: Option<&Bound<'py, PyAny>>,
    purchases: Option<&Bound<'py, PyAny>>,
    confidence: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let s = floats(scores, "scores")?;
    let (v, customers) = joined(scores, value, "value")?;
    let p = p_alive.map(|p| joined(scores, p, "p_alive")).transpose()?;
    let q = purchases
        .map(|p| joined(scores, p, "purchases"))
        .transpose()?;
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let (sr, vr) = (s.readonly(), v.readonly());
    let pr = p.as_ref().map(|(a, _)| a.readonly());
    let qr = q.as_ref().map(|(a, _)| a.readonly());
    let (ss, vs) = (sr.as_slice().map_err(err)?, vr.as_slice().map_err(err)?);
    let ps = pr.as_ref().map(|a| a.as_slice()).transpose().map_err(err)?;
    let qs = qr.as_ref().map(|a| a.as_slice()).transpose().map_err(err)?;
    let r = py
        .detach(|| core::value_at_risk(ss, vs, ps, qs, confidence))
        .py_err()?;
    let g = &r.groups;
    let cols = PyDict::new(py);
    let nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
    cols.set_item(
        "customers",
        g.iter().map(|x| x.customers).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "value_total",
        g.iter().map(|x| x.value_total).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "value_mean",
        g.iter().map(|x| nan(x.value_mean)).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "value_share",
        g.iter().map(|x| nan(x.value_share)).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "p_alive_mean",
        g.iter().map(|x| nan(x.p_alive_mean)).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "purchases_mean",
        g.iter().map(|x| nan(x.purchases_mean)).collect::<Vec<_>>(),
    )?;
    let names: Vec<&str> = g
        .iter()
        .map(|x| cxkit_core::names::Named::as_str(x.group))
        .collect();
    let out = PyDict::new(py);
    out.set_item(
        "groups",
        frame(
            py,
            cols,
            Some(pyo3::types::PyList::new(py, names)?.into_any()),
            Some("group"),
        )?,
    )?;
    out.set_item("value_at_risk", r.value_at_risk)?;
    out.set_item("share_at_risk", r.share_at_risk)?;
    out.set_item(
        "p_alive_gap",
        crate::convert::result::to_dict(py, &r.p_alive_gap)?,
    )?;
    out.set_item(
        "purchases_gap",
        crate::convert::result::to_dict(py, &r.purchases_gap)?,
    )?;
    out.set_item("respondents", ss.len())?;
    out.set_item("customers", customers)?;
    Ok(out.into_any())
}
