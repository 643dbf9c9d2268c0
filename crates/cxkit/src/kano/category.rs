//! The six KANO categories, the evaluation table that assigns them, and counts of them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::answer::Answer;

/// A KANO category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum KanoCategory {
    /// Attractive: delights when present, not missed when absent.
    A,
    /// One-dimensional (performance): the more the better.
    O,
    /// Must-be: expected; its absence dissatisfies.
    M,
    /// Indifferent: nobody cares either way.
    I,
    /// Reverse: the customer prefers it absent.
    R,
    /// Questionable: contradictory answers.
    Q,
}

use KanoCategory::{A, I, M, O, Q, R};

/// The evaluation table, rows functional, columns dysfunctional, both in the order like,
/// must-be, neutral, live-with, dislike (Berger et al. 1993; DESIGN.md).
const TABLE: [[KanoCategory; 5]; 5] = [
    [Q, A, A, A, O],
    [R, I, I, I, M],
    [R, I, I, I, M],
    [R, I, I, I, M],
    [R, R, R, R, Q],
];

/// The category of answer pair `5·f + d` (f, d the answers' positions − 1).
pub(crate) fn pair_category(pair: usize) -> KanoCategory {
    TABLE[pair / 5][pair % 5]
}

/// The category of one functional/dysfunctional answer pair.
///
/// ```
/// use cxkit::kano::{classify, Answer, KanoCategory};
///
/// assert_eq!(classify(Answer::Like, Answer::Dislike), KanoCategory::O);
/// assert_eq!(classify(Answer::Neutral, Answer::Dislike), KanoCategory::M);
/// assert_eq!(classify(Answer::Like, Answer::Neutral), KanoCategory::A);
/// ```
pub fn classify(functional: Answer, dysfunctional: Answer) -> KanoCategory {
    TABLE[functional as usize][dysfunctional as usize]
}

impl KanoCategory {
    /// All six, in the order A, O, M, I, R, Q (the order of [`KanoCounts`]).
    pub const ALL: [KanoCategory; 6] = [A, O, M, I, R, Q];

    /// The order of the M > O > A > I rule (then R, then Q): lower is preferred.
    pub fn priority(self) -> u8 {
        match self {
            M => 0,
            O => 1,
            A => 2,
            I => 3,
            R => 4,
            Q => 5,
        }
    }

    /// The one-letter code: "A", "O", "M", "I", "R" or "Q".
    pub fn letter(self) -> &'static str {
        ["A", "O", "M", "I", "R", "Q"][self as usize]
    }

    /// The full name: "attractive", "one-dimensional", "must-be", "indifferent", "reverse",
    /// "questionable".
    pub fn name(self) -> &'static str {
        [
            "attractive",
            "one-dimensional",
            "must-be",
            "indifferent",
            "reverse",
            "questionable",
        ][self as usize]
    }

    /// The category with this index in [`KanoCategory::ALL`].
    pub fn from_index(index: usize) -> Option<KanoCategory> {
        Self::ALL.get(index).copied()
    }
}

impl fmt::Display for KanoCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.letter())
    }
}

/// How many answers fell in each category.
///
/// ```
/// use cxkit::kano::{KanoCategory, KanoCounts};
///
/// let c = KanoCounts::new(3, 1, 3, 9, 8, 2);
/// assert_eq!(c.total(), 26);
/// assert_eq!(c[KanoCategory::I], 9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KanoCounts {
    /// Attractive.
    #[serde(rename = "A")]
    pub a: u64,
    /// One-dimensional.
    #[serde(rename = "O")]
    pub o: u64,
    /// Must-be.
    #[serde(rename = "M")]
    pub m: u64,
    /// Indifferent.
    #[serde(rename = "I")]
    pub i: u64,
    /// Reverse.
    #[serde(rename = "R")]
    pub r: u64,
    /// Questionable.
    #[serde(rename = "Q")]
    pub q: u64,
}

impl KanoCounts {
    /// Counts in the order A, O, M, I, R, Q.
    pub fn new(a: u64, o: u64, m: u64, i: u64, r: u64, q: u64) -> KanoCounts {
        KanoCounts { a, o, m, i, r, q }
    }

    /// The counts of answer-pair counts `pairs[5·f + d]` (f, d the answers' positions − 1).
    pub(crate) fn from_pairs(pairs: &[u64; 25]) -> KanoCounts {
        let mut counts = KanoCounts::default();
        for (pair, &n) in pairs.iter().enumerate() {
            *counts.slot(TABLE[pair / 5][pair % 5]) += n;
        }
        counts
    }

    /// All answers.
    pub fn total(&self) -> u64 {
        self.as_array().iter().sum()
    }

    /// Counts in the order A, O, M, I, R, Q.
    pub fn as_array(&self) -> [u64; 6] {
        [self.a, self.o, self.m, self.i, self.r, self.q]
    }

    /// Adds one answer of `category`.
    pub fn add(&mut self, category: KanoCategory) {
        *self.slot(category) += 1;
    }

    /// Adds another set of counts.
    pub fn merge(&mut self, other: &KanoCounts) {
        for c in KanoCategory::ALL {
            *self.slot(c) += other[c];
        }
    }

    fn slot(&mut self, category: KanoCategory) -> &mut u64 {
        match category {
            A => &mut self.a,
            O => &mut self.o,
            M => &mut self.m,
            I => &mut self.i,
            R => &mut self.r,
            Q => &mut self.q,
        }
    }
}

impl std::ops::Index<KanoCategory> for KanoCounts {
    type Output = u64;
    fn index(&self, category: KanoCategory) -> &u64 {
        match category {
            A => &self.a,
            O => &self.o,
            M => &self.m,
            I => &self.i,
            R => &self.r,
            Q => &self.q,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::{Dislike, Like, LiveWith, MustBe, Neutral};

    #[test]
    fn every_cell_of_the_evaluation_table() {
        // DESIGN.md's table (Berger et al. 1993, CQM Journal 2(4), Table 2), row by row.
        let expected = [
            (Like, [Q, A, A, A, O]),
            (MustBe, [R, I, I, I, M]),
            (Neutral, [R, I, I, I, M]),
            (LiveWith, [R, I, I, I, M]),
            (Dislike, [R, R, R, R, Q]),
        ];
        let columns = [Like, MustBe, Neutral, LiveWith, Dislike];
        let mut checked = 0;
        for (functional, row) in expected {
            for (dysfunctional, category) in columns.into_iter().zip(row) {
                assert_eq!(
                    classify(functional, dysfunctional),
                    category,
                    "{functional:?}/{dysfunctional:?}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 25);
    }

    #[test]
    fn priority_is_m_o_a_i_r_q() {
        let mut all = KanoCategory::ALL;
        all.sort_by_key(|c| c.priority());
        assert_eq!(all, [M, O, A, I, R, Q]);
    }
}
