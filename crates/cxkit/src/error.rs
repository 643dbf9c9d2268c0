//! The one error type of cxkit.
//!
//! Every fallible function returns [`Result<T>`](crate::Result). Each variant names what was
//! wrong and, where it applies, where (the index into the caller's array) and with which value.
//! The C ABI maps each variant to one `cx_status` code and the Python module to one exception
//! class, so the three interfaces report the same problem in the same words.

use crate::survey::Scale;

/// Everything that can go wrong in cxkit.
///
/// ```
/// use cxkit::survey::{nps, NpsOptions};
/// use cxkit::Error;
///
/// let err = nps(&[9.0, 11.0], None, &NpsOptions::default()).unwrap_err();
/// assert!(matches!(err, Error::InvalidScore { index: 1, .. }));
/// assert_eq!(err.to_string(), "score 11 at index 1 is not a point of the scale 0..=10");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A score is not one of the integer points of the declared scale (out of range, fractional
    /// or infinite).
    #[error("score {value} at index {index} is not a point of the scale {scale}")]
    InvalidScore {
        /// Position in the input.
        index: usize,
        /// The offending value.
        value: f64,
        /// The scale the scores were declared on.
        scale: Scale,
    },
    /// A score is missing (NaN) and the caller asked missing scores to raise.
    #[error(
        "score at index {index} is missing (NaN); use nan_policy \"omit\" to skip missing scores"
    )]
    MissingScore {
        /// Position in the input.
        index: usize,
    },
    /// Nothing to compute on: no scores at all, or none left once missing ones were skipped.
    #[error("no {what} to compute on")]
    EmptyInput {
        /// What was empty.
        what: &'static str,
    },
    /// Two inputs that must be as long as each other are not.
    #[error("{what}: expected length {expected}, got {actual}")]
    LengthMismatch {
        /// Which input has the wrong length.
        what: &'static str,
        /// The length it must have.
        expected: usize,
        /// The length it has.
        actual: usize,
    },
    /// A KANO answer is not a position of the questionnaire form (or not a known label).
    #[error("answer {value} of respondent {respondent} to feature {feature} is not {expected}")]
    InvalidAnswer {
        /// Row of the respondent.
        respondent: usize,
        /// Column of the feature.
        feature: usize,
        /// The offending answer, as given.
        value: String,
        /// What answers may be ("a position 1..=5", "a known label", …).
        expected: &'static str,
    },
    /// A KANO answer is missing (NaN) and the caller asked missing answers to raise.
    #[error("answer of respondent {respondent} to feature {feature} is missing (NaN); use nan_policy \"omit\" to skip missing answers")]
    MissingAnswer {
        /// Row of the respondent.
        respondent: usize,
        /// Column of the feature.
        feature: usize,
    },
    /// A feature has no answers left to analyse (all missing, or all respondents dropped).
    #[error("feature {feature} has no answers to analyse")]
    EmptyFeature {
        /// Column of the feature.
        feature: usize,
    },
    /// A survey weight is negative, NaN or infinite.
    #[error("weight {value} at index {index} is not a finite non-negative number")]
    InvalidWeight {
        /// Position in the weights.
        index: usize,
        /// The offending weight.
        value: f64,
    },
    /// An argument is outside the values it may take.
    #[error("invalid {name}: {reason}")]
    InvalidParameter {
        /// The argument's name, as in the function's signature.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A statistic needs more data than it was given.
    #[error("{what} needs {needed}, got {got}")]
    InsufficientData {
        /// The statistic that cannot be computed.
        what: &'static str,
        /// What it needs, in words ("an effective sample size above 1", …).
        needed: &'static str,
        /// What it got.
        got: String,
    },
    /// A statistic is undefined because a variance it divides by is zero.
    #[error("{what} is undefined: {reason}")]
    ZeroVariance {
        /// The statistic that is undefined.
        what: &'static str,
        /// Which variance is zero, and what to do.
        reason: &'static str,
    },
    /// A customer's (frequency, recency, T, monetary value) observation is impossible.
    #[error("customer {index}: {reason}")]
    InvalidObservation {
        /// Position of the customer in the input.
        index: usize,
        /// What is wrong (negative frequency, recency after T, …).
        reason: String,
    },
    /// An iterative computation did not converge, or converged to no usable answer.
    #[error("{what} did not converge after {iterations} iterations: {reason}")]
    DidNotConverge {
        /// The computation.
        what: &'static str,
        /// Iterations spent.
        iterations: usize,
        /// Why, and what may help.
        reason: String,
    },
    /// A matrix that must be inverted is singular: some columns are exact linear combinations
    /// of others (perfectly collinear drivers, duplicated items).
    #[error("{what}: the matrix is singular ({reason})")]
    SingularMatrix {
        /// The computation.
        what: &'static str,
        /// Where it failed, and what may help.
        reason: String,
    },
    /// A column (item, driver, outcome) has no variation, so its correlations are undefined.
    #[error("{what} {index} is constant: it has no variance, so its correlations are undefined")]
    ConstantColumn {
        /// What the column is ("item", "driver", "outcome").
        what: &'static str,
        /// Its position (0-based).
        index: usize,
    },
    /// An indicator tree (journeys, stages, touchpoints, indicators) is malformed or
    /// inconsistent.
    #[error("indicator tree: {path}: {reason}")]
    InvalidTree {
        /// Where in the tree ("journey onboarding / stage apply", …).
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// A data file is missing something or holds a value that is not what its schema says
    /// (see `docs/data-schema.md`).
    #[error("{file}{}: expected {expected}", location(*.line, .column.as_deref()))]
    DataFile {
        /// The file's name.
        file: String,
        /// Line in the file, counting from 1 (the header); 0 when the problem is the whole file.
        line: u64,
        /// The column, when one is at fault.
        column: Option<String>,
        /// What was expected there, and what was found.
        expected: String,
    },
    /// Serialized state could not be read back.
    #[error("corrupt serialized state: {reason}")]
    CorruptBytes {
        /// What was wrong with the bytes.
        reason: String,
    },
    /// An id or a label (customer, case, segment, feature, touchpoint, …) is missing or of a
    /// kind that cannot be kept exactly (a float, a mix of numbers and text).
    #[error("{what}: the label at index {index} {reason}")]
    InvalidLabel {
        /// The argument or column holding the labels.
        what: &'static str,
        /// Position in the input.
        index: usize,
        /// What is wrong with it ("is missing (None)", …), and what to do.
        reason: String,
    },
    /// Two objects cannot be combined (accumulators on different scales, say).
    #[error("cannot combine: {reason}")]
    Incompatible {
        /// Why they do not fit together.
        reason: String,
    },
}

fn location(line: u64, column: Option<&str>) -> String {
    let line = if line > 0 {
        format!(", line {line}")
    } else {
        String::new()
    };
    match column {
        Some(c) => format!("{line}, column `{c}`"),
        None => line,
    }
}

/// The reason of an [`Error::ZeroVariance`] of a two-sample test.
pub(crate) const STANDARD_ERROR_ZERO: &str =
    "its standard error is zero (no variation in either sample)";

/// `Result` with cxkit's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Errors unless every named column has `expected` entries (parallel columns of one table).
pub(crate) fn check_lengths(expected: usize, columns: &[(&'static str, usize)]) -> Result<()> {
    match columns.iter().find(|(_, len)| *len != expected) {
        None => Ok(()),
        Some(&(what, actual)) => Err(Error::LengthMismatch {
            what,
            expected,
            actual,
        }),
    }
}

/// Checks that a confidence level lies strictly between 0 and 1.
pub(crate) fn check_confidence(confidence: f64) -> Result<()> {
    check_between_0_and_1("confidence", confidence)
}

/// Checks that a level (a confidence, a significance level) lies strictly between 0 and 1.
pub(crate) fn check_between_0_and_1(name: &'static str, value: f64) -> Result<()> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name,
            reason: format!("must lie strictly between 0 and 1, got {value}"),
        })
    }
}
