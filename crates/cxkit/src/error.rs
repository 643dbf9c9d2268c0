//! The one error type of cxkit.
//!
//! Every fallible function returns [`Result<T>`](crate::Result). Each variant names what was
//! wrong and, where it applies, where (the index into the caller's array) and with which value.
//! The C ABI maps each variant to one `cx_status` code and the Python module to one exception
//! class, so the three interfaces report the same problem in the same words.

use crate::scale::Scale;

/// Everything that can go wrong in cxkit.
///
/// ```
/// use cxkit::survey::{nps, NpsOptions};
/// use cxkit::Error;
///
/// let err = nps(&[9.0, 11.0], None, &NpsOptions::default()).unwrap_err();
/// assert!(matches!(err, Error::InvalidScore { index: 1, .. }));
/// assert_eq!(err.to_string(), "score 11 at index 1 is not an integer from 0 to 10");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A score is not one of the integer points of the declared scale (out of range, fractional
    /// or infinite).
    #[error("score {value} at index {index} is not an integer from {scale}")]
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
        /// What answers may be ("a position 1 to 5", "a known label", …).
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
    /// A topic taxonomy (topics, sub-topics and their word rules) is malformed or
    /// inconsistent.
    #[error("taxonomy: topic `{topic}`: {reason}")]
    InvalidTaxonomy {
        /// The topic at fault (its id, or its position when it has none).
        topic: String,
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

/// The kind of an [`Error`], without its details: what the C status codes and the Python
/// exception classes are derived from. It is matched exhaustively by the bindings (it is not
/// `non_exhaustive`), so that a new kind cannot be left out of one interface.
///
/// ```
/// use cxkit::error::ErrorKind;
/// use cxkit::Error;
///
/// let e = Error::EmptyInput { what: "scores" };
/// assert_eq!((e.kind(), e.kind().code(), e.kind().name()), (ErrorKind::EmptyInput, 4, "empty input"));
/// assert!(ErrorKind::ALL.iter().all(|k| ErrorKind::from_code(k.code()) == Some(*k)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// [`Error::InvalidScore`].
    InvalidScore,
    /// [`Error::MissingScore`].
    MissingScore,
    /// [`Error::EmptyInput`].
    EmptyInput,
    /// [`Error::LengthMismatch`].
    LengthMismatch,
    /// [`Error::InvalidWeight`].
    InvalidWeight,
    /// [`Error::InvalidParameter`].
    InvalidParameter,
    /// [`Error::InsufficientData`].
    InsufficientData,
    /// [`Error::ZeroVariance`].
    ZeroVariance,
    /// [`Error::CorruptBytes`].
    CorruptBytes,
    /// [`Error::Incompatible`].
    Incompatible,
    /// [`Error::InvalidAnswer`].
    InvalidAnswer,
    /// [`Error::MissingAnswer`].
    MissingAnswer,
    /// [`Error::EmptyFeature`].
    EmptyFeature,
    /// [`Error::InvalidObservation`].
    InvalidObservation,
    /// [`Error::DidNotConverge`].
    DidNotConverge,
    /// [`Error::SingularMatrix`].
    SingularMatrix,
    /// [`Error::ConstantColumn`].
    ConstantColumn,
    /// [`Error::InvalidTree`].
    InvalidTree,
    /// [`Error::DataFile`].
    DataFile,
    /// [`Error::InvalidLabel`].
    InvalidLabel,
    /// [`Error::InvalidTaxonomy`].
    InvalidTaxonomy,
}

impl ErrorKind {
    /// Every kind, in the order of their codes.
    pub const ALL: [ErrorKind; 21] = [
        ErrorKind::InvalidScore,
        ErrorKind::MissingScore,
        ErrorKind::EmptyInput,
        ErrorKind::LengthMismatch,
        ErrorKind::InvalidWeight,
        ErrorKind::InvalidParameter,
        ErrorKind::InsufficientData,
        ErrorKind::ZeroVariance,
        ErrorKind::CorruptBytes,
        ErrorKind::Incompatible,
        ErrorKind::InvalidAnswer,
        ErrorKind::MissingAnswer,
        ErrorKind::EmptyFeature,
        ErrorKind::InvalidObservation,
        ErrorKind::DidNotConverge,
        ErrorKind::SingularMatrix,
        ErrorKind::ConstantColumn,
        ErrorKind::InvalidTree,
        ErrorKind::DataFile,
        ErrorKind::InvalidLabel,
        ErrorKind::InvalidTaxonomy,
    ];

    /// The kind's stable number: the C `cx_status` code (0, 1, 12 and 99 are the C ABI's
    /// own: success, a NULL argument, a buffer too small, a panic). Numbers are never reused.
    pub fn code(self) -> u32 {
        match self {
            ErrorKind::InvalidScore => 2,
            ErrorKind::MissingScore => 3,
            ErrorKind::EmptyInput => 4,
            ErrorKind::LengthMismatch => 5,
            ErrorKind::InvalidWeight => 6,
            ErrorKind::InvalidParameter => 7,
            ErrorKind::InsufficientData => 8,
            ErrorKind::ZeroVariance => 9,
            ErrorKind::CorruptBytes => 10,
            ErrorKind::Incompatible => 11,
            ErrorKind::InvalidAnswer => 13,
            ErrorKind::MissingAnswer => 14,
            ErrorKind::EmptyFeature => 15,
            ErrorKind::InvalidObservation => 16,
            ErrorKind::DidNotConverge => 17,
            ErrorKind::SingularMatrix => 18,
            ErrorKind::ConstantColumn => 19,
            ErrorKind::InvalidTree => 20,
            ErrorKind::DataFile => 21,
            ErrorKind::InvalidLabel => 22,
            ErrorKind::InvalidTaxonomy => 23,
        }
    }

    /// The kind of code `code`, if one has it.
    pub fn from_code(code: u32) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// A short description ("invalid score"): C's `cx_status_str`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::InvalidScore => "invalid score",
            ErrorKind::MissingScore => "missing score",
            ErrorKind::EmptyInput => "empty input",
            ErrorKind::LengthMismatch => "length mismatch",
            ErrorKind::InvalidWeight => "invalid weight",
            ErrorKind::InvalidParameter => "invalid parameter",
            ErrorKind::InsufficientData => "insufficient data",
            ErrorKind::ZeroVariance => "zero variance",
            ErrorKind::CorruptBytes => "corrupt bytes",
            ErrorKind::Incompatible => "incompatible",
            ErrorKind::InvalidAnswer => "invalid answer",
            ErrorKind::MissingAnswer => "missing answer",
            ErrorKind::EmptyFeature => "empty feature",
            ErrorKind::InvalidObservation => "invalid observation",
            ErrorKind::DidNotConverge => "did not converge",
            ErrorKind::SingularMatrix => "singular matrix",
            ErrorKind::ConstantColumn => "constant column",
            ErrorKind::InvalidTree => "invalid indicator tree",
            ErrorKind::DataFile => "data file",
            ErrorKind::InvalidLabel => "invalid label",
            ErrorKind::InvalidTaxonomy => "invalid taxonomy",
        }
    }
}

impl Error {
    /// The error's kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidScore { .. } => ErrorKind::InvalidScore,
            Error::MissingScore { .. } => ErrorKind::MissingScore,
            Error::EmptyInput { .. } => ErrorKind::EmptyInput,
            Error::LengthMismatch { .. } => ErrorKind::LengthMismatch,
            Error::InvalidWeight { .. } => ErrorKind::InvalidWeight,
            Error::InvalidParameter { .. } => ErrorKind::InvalidParameter,
            Error::InsufficientData { .. } => ErrorKind::InsufficientData,
            Error::ZeroVariance { .. } => ErrorKind::ZeroVariance,
            Error::CorruptBytes { .. } => ErrorKind::CorruptBytes,
            Error::Incompatible { .. } => ErrorKind::Incompatible,
            Error::InvalidAnswer { .. } => ErrorKind::InvalidAnswer,
            Error::MissingAnswer { .. } => ErrorKind::MissingAnswer,
            Error::EmptyFeature { .. } => ErrorKind::EmptyFeature,
            Error::InvalidObservation { .. } => ErrorKind::InvalidObservation,
            Error::DidNotConverge { .. } => ErrorKind::DidNotConverge,
            Error::SingularMatrix { .. } => ErrorKind::SingularMatrix,
            Error::ConstantColumn { .. } => ErrorKind::ConstantColumn,
            Error::InvalidTree { .. } => ErrorKind::InvalidTree,
            Error::DataFile { .. } => ErrorKind::DataFile,
            Error::InvalidLabel { .. } => ErrorKind::InvalidLabel,
            Error::InvalidTaxonomy { .. } => ErrorKind::InvalidTaxonomy,
        }
    }
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
