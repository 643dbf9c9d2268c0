//! Accumulator classes: mergeable core state that Python threads update at once, merged,
//! saved as bytes and pickled the same way in every module.
//!
//! A class made with [`accumulator_class!`] holds its core state behind a [`Shared`] lock and,
//! beside it, the [`Context`] its bytes do not hold (the names of its columns, its indicator
//! tree). It pickles as `(type(obj).from_bytes, (bytes, context))`.

use std::sync::{Mutex, PoisonError};

use cxkit_core::Error;
use pyo3::prelude::*;
use pyo3::Python;

use crate::convert::named_matrix;
use crate::error::{invalid, to_py};
use crate::labels::in_order;

/// A mutable state behind a lock that is only ever taken with the GIL released. Threads that
/// update one state fold their batches in parallel (outside the lock) and add them under it;
/// a thread waiting for the lock never holds the GIL that the holder needs to return, so
/// there is no deadlock, and nothing is lost: the result is what serial updates give.
pub(crate) struct Shared<T>(Mutex<T>);

impl<T: Send> Shared<T> {
    pub(crate) fn new(value: T) -> Shared<T> {
        Shared(Mutex::new(value))
    }

    /// Runs `f` on the state under the lock, with the GIL released.
    pub(crate) fn with<R: Send>(&self, py: Python<'_>, f: impl FnOnce(&mut T) -> R + Send) -> R {
        py.detach(|| f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner)))
    }
}

impl<T: Send + Clone> Shared<T> {
    /// A copy of the state (to merge another state in without holding two locks).
    pub(crate) fn snapshot(&self, py: Python<'_>) -> T {
        self.with(py, |t| t.clone())
    }
}

/// A core state an accumulator class wraps: merged with another and written as bytes.
pub(crate) trait Accumulate: Clone + PartialEq + Send {
    fn merge(&mut self, other: &Self) -> cxkit_core::Result<()>;
    fn to_bytes(&self) -> Vec<u8>;
}

/// Implements [`Accumulate`] for core accumulators through their own `merge` and `to_bytes`.
macro_rules! accumulate_by_methods {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::convert::state::Accumulate for $ty {
            fn merge(&mut self, other: &Self) -> cxkit_core::Result<()> {
                <$ty>::merge(self, other)
            }
            fn to_bytes(&self) -> Vec<u8> {
                <$ty>::to_bytes(self)
            }
        }
    )*};
}
pub(crate) use accumulate_by_methods;

/// What an accumulator class keeps beside its state's bytes, given back to `from_bytes` when
/// unpickled.
pub(crate) trait Context: PartialEq {
    /// Refuses to merge a state with `other`'s context into one with this one.
    fn check_merge(&self, other: &Self) -> PyResult<()>;
}

/// The names of a state's columns (`what`: features, items, columns), which its bytes do not
/// hold; `None` where the caller gave none, and then states are matched by position.
#[derive(Clone, PartialEq)]
pub(crate) struct Columns {
    pub(crate) what: &'static str,
    pub(crate) names: Option<Vec<String>>,
}

/// "0", "1", … for `k` unnamed columns.
pub(crate) fn numbered(k: usize) -> Vec<String> {
    (0..k).map(|j| j.to_string()).collect()
}

impl Columns {
    /// The columns of a new state from ``arg``: a count (names "0", "1", …) or a sequence of
    /// names.
    pub(crate) fn of(arg: &Bound<'_, PyAny>, what: &'static str) -> PyResult<Columns> {
        let names = match arg.extract::<usize>() {
            Ok(k) => numbered(k),
            Err(_) => arg
                .try_iter()
                .map_err(|_| invalid(what, "expected a count or a sequence of names".into()))?
                .map(|c| c.and_then(|c| c.str().map(|s| s.to_string())))
                .collect::<PyResult<_>>()?,
        };
        Ok(Columns {
            what,
            names: Some(names),
        })
    }

    /// The columns of a state of `k` columns read from bytes: those `given` (as many as the
    /// state has) or "0", "1", ….
    pub(crate) fn read(
        given: Option<&Bound<'_, PyAny>>,
        k: usize,
        what: &'static str,
    ) -> PyResult<Columns> {
        let columns = match given.filter(|g| !g.is_none()) {
            Some(g) => Columns::of(g, what)?,
            None => Columns {
                what,
                names: Some(numbered(k)),
            },
        };
        let n = columns.names.as_ref().map_or(k, Vec::len);
        if n != k {
            return Err(invalid(
                what,
                format!("{n} names for a state of {k} {what}"),
            ));
        }
        Ok(columns)
    }

    /// The names given (none when none were).
    pub(crate) fn given(&self) -> Vec<String> {
        self.names.clone().unwrap_or_default()
    }

    /// The rows × columns matrix of a batch `obj`; a DataFrame's columns are matched to the
    /// state's by name (reordered, or refused when they are other names).
    pub(crate) fn batch<'py>(
        &self,
        obj: &Bound<'py, PyAny>,
        what: &'static str,
    ) -> PyResult<Bound<'py, numpy::PyArray2<f64>>> {
        let expected = self.names.as_deref().map(|n| ("the state's columns", n));
        let obj = in_order(obj, what, expected)?;
        Ok(named_matrix(obj.py(), &obj, what, false)?.0)
    }
}

impl Context for Columns {
    fn check_merge(&self, other: &Columns) -> PyResult<()> {
        match (&self.names, &other.names) {
            (Some(mine), Some(theirs)) if mine != theirs => Err(to_py(Error::Incompatible {
                reason: format!(
                    "the states have different {}: {mine:?} and {theirs:?}",
                    self.what
                ),
            })),
            _ => Ok(()),
        }
    }
}

impl<'py> IntoPyObject<'py> for Columns {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.names.into_pyobject(py)
    }
}

/// Defines an accumulator class over a core state ([`Accumulate`]) with an optional
/// [`Context`] field: `merge`, `to_bytes`, pickling and equality; `$extra` adds the class's
/// constructor, `update`, `from_bytes` (taking the bytes and then the context) and `finish`.
macro_rules! accumulator_class {
    (
        $(#[$doc:meta])*
        $name:ident($inner:ty $(, $ctx:ident: $ctx_ty:ty)?) { $($extra:tt)* }
    ) => {
        $(#[$doc])*
        #[pyclass(module = "cxkit")]
        pub struct $name {
            inner: $crate::convert::state::Shared<$inner>,
            $($ctx: $ctx_ty,)?
        }

        #[pymethods]
        impl $name {
            $($extra)*

            /// Adds another state with the same setting into this one; on error nothing
            /// changes.
            fn merge(&self, py: Python<'_>, other: &Self) -> PyResult<()> {
                $($crate::convert::state::Context::check_merge(&self.$ctx, &other.$ctx)?;)?
                let theirs = other.inner.snapshot(py);
                self.inner
                    .with(py, |a| $crate::convert::state::Accumulate::merge(a, &theirs))
                    .map_err($crate::error::to_py)
            }

            /// The state as versioned bytes (names and trees are not in them: give them to
            /// ``from_bytes``).
            fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
                let bytes = self.inner.with(py, |a| $crate::convert::state::Accumulate::to_bytes(a));
                pyo3::types::PyBytes::new(py, &bytes)
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
                let py = slf.py();
                let from_bytes = slf.get_type().getattr("from_bytes")?;
                let me = slf.borrow();
                (from_bytes, (me.to_bytes(py), $(me.$ctx.clone())?)).into_pyobject(py)
            }

            fn __eq__(&self, py: Python<'_>, other: &Self) -> bool {
                true $(&& self.$ctx == other.$ctx)?
                    && self.inner.snapshot(py) == other.inner.snapshot(py)
            }
        }
    };
}
pub(crate) use accumulator_class;
