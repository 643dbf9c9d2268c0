//! KANO analysis: from functional/dysfunctional question pairs to a verdict per feature.
//!
//! Each respondent answers, for each candidate feature, how they would feel if it were there
//! (functional) and if it were not (dysfunctional). The [evaluation table](classify) turns each
//! pair into a category: **A**ttractive, **O**ne-dimensional, **M**ust-be, **I**ndifferent,
//! **R**everse or **Q**uestionable. [`analyze`] counts them per feature and gives the verdict
//! ([`KanoFeature`]): mode, the M > O > A > I and (O + A + M) vs (I + R + Q) rules, category and
//! total strength, Better/Worse, Fong's test, a chi-square test, DuMouchel's continuous scores
//! and, with self-stated importance, Yang's refined categories.
//!
//! ```
//! use cxkit::kano::{analyze, KanoCategory, KanoOptions};
//! use ndarray::array;
//!
//! // Six respondents, two features (positions: 1 like … 5 dislike).
//! let functional = array![[1, 3], [1, 3], [1, 3], [1, 3], [1, 3], [2, 3]];
//! let dysfunctional = array![[3, 5], [4, 5], [3, 5], [2, 5], [4, 5], [5, 5]];
//! let table = analyze(functional.view(), dysfunctional.view(), None, &KanoOptions::default())?;
//! let first = &table.features[0];
//! assert_eq!(first.category, KanoCategory::A); // five A, one M: A significantly ahead
//! assert_eq!(first.better, Some(5.0 / 6.0));
//! assert_eq!(table.features[1].category, KanoCategory::M);
//! # Ok::<(), cxkit::Error>(())
//! ```

mod accumulator;
mod analysis;
mod answer;
mod category;
mod continuous;
mod migration;
mod verdict;

pub use accumulator::KanoAccumulator;
pub use analysis::{analyze, analyze_by_segment, classify_all, KanoOptions, KanoTable};
pub use answer::{Answer, AnswerForm};
pub use category::{classify, KanoCategory, KanoCounts};
pub use continuous::{KanoContinuous, RefinedCategory};
pub use migration::{kano_migration, CategoryChange, KanoMigration};
pub use verdict::{from_counts, ChiSquare, FongTest, KanoFeature, KanoRule};
