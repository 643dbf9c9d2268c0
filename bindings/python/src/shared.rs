//! State that Python threads update at once.

use std::sync::{Mutex, PoisonError};

use pyo3::Python;

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
