//! Labels: customer and case ids, segment labels, feature, item, touchpoint and channel names.
//!
//! A label is opaque. cxkit never reads one as a number, never trims, folds or re-spells it:
//! `"007"` and `"7"` are two customers, and so are two account numbers of 19 digits that differ
//! in the last one. The bindings hand labels to the core in the caller's own type (strings,
//! integers of any width) and get back codes: [`Interner`] gives each distinct label a dense
//! code 0, 1, … in order of first appearance, so the output can be labelled with the caller's
//! own values again.
//!
//! Two inputs that describe the same things by name (the functional and dysfunctional answers
//! of a KANO survey, perceptions and expectations, importance and performance) are matched by
//! those names with [`align`], or refused when the names differ.
//!
//! ```
//! use cxkit::labels::{align, Interner};
//!
//! let mut ids = Interner::new();
//! let codes: Vec<u32> = ["007", "7", "007", "6222021234567890128"]
//!     .iter()
//!     .map(|id| ids.code(*id))
//!     .collect::<cxkit::Result<_>>()?;
//! assert_eq!(codes, [0, 1, 0, 2]);
//! assert_eq!(ids.labels(), ["007", "7", "6222021234567890128"]);
//!
//! // The dysfunctional table names its columns in another order: matched by name.
//! let order = align(("functional", &["app", "atm"]), ("dysfunctional", &["atm", "app"]))?;
//! assert_eq!(order, [1, 0]);
//! # Ok::<(), cxkit::Error>(())
//! ```

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::{Error, Result};

/// Distinct labels mapped to dense codes 0, 1, … in order of first appearance.
///
/// Lookups take a borrowed form of the label (`&str` for `String` labels, `&[u32]` for
/// `Vec<u32>`), so only a label seen for the first time is copied.
#[derive(Debug, Clone)]
pub struct Interner<K> {
    labels: Vec<K>,
    index: HashMap<K, u32>,
}

impl<K> Default for Interner<K> {
    fn default() -> Self {
        Interner {
            labels: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq + Clone> Interner<K> {
    /// An interner with no labels yet.
    pub fn new() -> Interner<K> {
        Interner::default()
    }

    /// The code of `label`, giving it the next code when it is new.
    ///
    /// # Errors
    /// [`Error::InvalidLabel`] past 2³² − 1 distinct labels (codes are `u32`).
    pub fn code<Q>(&mut self, label: &Q) -> Result<u32>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(&c) = self.index.get(label) {
            return Ok(c);
        }
        let c = u32::try_from(self.labels.len())
            .ok()
            .filter(|&c| c < u32::MAX)
            .ok_or_else(|| Error::InvalidLabel {
                what: "labels",
                index: self.labels.len(),
                reason: "is one more than the 4 294 967 295 distinct labels cxkit can hold".into(),
            })?;
        let owned = label.to_owned();
        self.labels.push(owned.clone());
        self.index.insert(owned, c);
        Ok(c)
    }

    /// The code of `label` if it has one.
    pub fn get<Q>(&self, label: &Q) -> Option<u32>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.get(label).copied()
    }

    /// The labels in code order (the order of first appearance).
    pub fn labels(&self) -> &[K] {
        &self.labels
    }

    /// The labels in code order, consuming the interner.
    pub fn into_labels(self) -> Vec<K> {
        self.labels
    }

    /// How many distinct labels there are.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether no label has been seen.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// Errors when `names` (what the caller calls `what`) repeats a name: two columns of one table
/// with one name cannot be told apart.
///
/// # Errors
/// [`Error::InvalidParameter`] naming the repeated name and its two positions.
pub fn check_unique<S: AsRef<str>>(what: &'static str, names: &[S]) -> Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(names.len());
    for (j, name) in names.iter().enumerate() {
        if let Some(first) = seen.insert(name.as_ref(), j) {
            return Err(Error::InvalidParameter {
                name: what,
                reason: format!(
                    "the name {:?} is given twice (positions {first} and {j}); names must be unique",
                    name.as_ref()
                ),
            });
        }
    }
    Ok(())
}

/// For each name of `reference`, its position in `other`: how to read `other` in
/// `reference`'s order. Each argument is the input's name in the caller's signature and its
/// names.
///
/// # Errors
/// [`Error::InvalidParameter`] when either repeats a name; [`Error::Incompatible`] when the two
/// do not hold the same names, listing the names only one of them has.
///
/// ```
/// use cxkit::labels::align;
///
/// let err = align(("perceptions", &["q1", "q2"]), ("expectations", &["q1", "q3"])).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "cannot combine: perceptions and expectations must name the same columns; \
///      only perceptions has \"q2\"; only expectations has \"q3\""
/// );
/// ```
pub fn align<A: AsRef<str>, B: AsRef<str>>(
    reference: (&'static str, &[A]),
    other: (&'static str, &[B]),
) -> Result<Vec<usize>> {
    let ((what_a, a), (what_b, b)) = (reference, other);
    check_unique(what_a, a)?;
    check_unique(what_b, b)?;
    let position: HashMap<&str, usize> =
        b.iter().enumerate().map(|(j, n)| (n.as_ref(), j)).collect();
    let order: Vec<Option<usize>> = a
        .iter()
        .map(|n| position.get(n.as_ref()).copied())
        .collect();
    if order.iter().all(Option::is_some) && a.len() == b.len() {
        return Ok(order.into_iter().flatten().collect());
    }
    let in_a: HashSet<&str> = a.iter().map(AsRef::as_ref).collect();
    let quote = |names: Vec<&str>| -> String {
        let shown: Vec<String> = names.iter().take(5).map(|n| format!("{n:?}")).collect();
        let more = names.len().saturating_sub(5);
        if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    };
    let only_a: Vec<&str> = a
        .iter()
        .map(AsRef::as_ref)
        .filter(|n| !position.contains_key(n))
        .collect();
    let only_b: Vec<&str> = b
        .iter()
        .map(AsRef::as_ref)
        .filter(|n| !in_a.contains(n))
        .collect();
    let mut reason = format!("{what_a} and {what_b} must name the same columns");
    if !only_a.is_empty() {
        reason += &format!("; only {what_a} has {}", quote(only_a));
    }
    if !only_b.is_empty() {
        reason += &format!("; only {what_b} has {}", quote(only_b));
    }
    Err(Error::Incompatible { reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_first_appearance_and_keep_spelling() {
        let mut ids: Interner<String> = Interner::new();
        let input = ["b", "007", "7", "7 ", "b", "六", "６", "007"];
        let codes: Vec<u32> = input.iter().map(|s| ids.code(*s).unwrap()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 0, 4, 5, 1]);
        assert_eq!(ids.labels(), ["b", "007", "7", "7 ", "六", "６"]);
        assert_eq!(ids.get("7 "), Some(3));
        assert_eq!(ids.get("07"), None);
        assert_eq!(ids.len(), 6);
    }

    #[test]
    fn integer_labels_are_exact() {
        // 2^53 + 1 and 2^53 are one number as floats, two customers as integers.
        let mut ids: Interner<i128> = Interner::new();
        let big = 1i128 << 53;
        assert_eq!(ids.code(&big).unwrap(), 0);
        assert_eq!(ids.code(&(big + 1)).unwrap(), 1);
        assert_eq!(ids.code(&i128::from(u64::MAX)).unwrap(), 2);
        assert_eq!(ids.into_labels(), [big, big + 1, i128::from(u64::MAX)]);
    }

    #[test]
    fn align_matches_names_and_refuses_others() {
        assert_eq!(
            align(("a", &["x", "y", "z"]), ("b", &["z", "x", "y"])).unwrap(),
            [1, 2, 0]
        );
        assert_eq!(align(("a", &["x"]), ("b", &["x"])).unwrap(), [0]);
        let err = align(("a", &["x", "y"]), ("b", &["x"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot combine: a and b must name the same columns; only a has \"y\""
        );
        let err = align(("a", &["x", "x"]), ("b", &["x", "y"])).unwrap_err();
        assert!(
            matches!(err, Error::InvalidParameter { name: "a", .. }),
            "{err}"
        );
        let many: Vec<String> = (0..8).map(|i| format!("c{i}")).collect();
        let err = align(("a", &many), ("b", &["d"])).unwrap_err();
        assert!(err.to_string().contains("\"c4\" and 3 more"), "{err}");
    }
}
