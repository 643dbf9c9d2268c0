//! Long (tidy) tables: one row per respondent and feature — or item, question, touchpoint —
//! as the bank's files and a notebook's frames hold them, laid out as the respondents ×
//! features grids the analyses take.
//!
//! The two label columns come as dense codes (from [`Interner`](crate::labels::Interner), in
//! order of first appearance); a [`Grid`] places each long row in its cell, refusing a pair
//! given twice, and then spreads any value column into the grid, row-major. Cells no row
//! fills are left to the caller's missing value and can be found with
//! [`Grid::first_empty`]; a column that belongs to the respondent (a segment, a wave) is
//! checked to hold one value per respondent with [`Grid::per_row`].
//!
//! ```
//! use cxkit::long::Grid;
//!
//! // Respondents r0, r1; features f0, f1; r1 did not answer f0.
//! let respondent = [0, 0, 1];
//! let feature = [1, 0, 1];
//! let grid = Grid::new(&respondent, &feature, ("respondent_id", "feature"))?;
//! assert_eq!(grid.shape(), (2, 2));
//! let v = grid.spread(&[5.0, 4.0, 2.0], f64::NAN)?;
//! // r0: f0 = 4, f1 = 5; r1: f0 not answered, f1 = 2.
//! assert_eq!((v[0], v[1], v[3]), (4.0, 5.0, 2.0));
//! assert!(v[2].is_nan());
//! assert_eq!(grid.first_empty(), Some((1, 0)));
//! # Ok::<(), cxkit::Error>(())
//! ```

use crate::{Error, Result};

/// The label columns of a long table, named as in the bank's file of that kind
/// (docs/data-schema.md): what every interface that reads one takes by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// The respondent's id.
    pub respondent: &'static str,
    /// The feature, item or question answered.
    pub label: &'static str,
}

/// kano.csv: one row per `respondent_id` and `feature`.
pub const KANO: Columns = Columns {
    respondent: "respondent_id",
    label: "feature",
};

/// servqual.csv: one row per `respondent_id` and `item`.
pub const SERVQUAL: Columns = Columns {
    respondent: "respondent_id",
    label: "item",
};

const EMPTY: u32 = u32::MAX;

/// Where each long row goes in a respondents × features grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    rows: usize,
    columns: usize,
    /// The names of the two label columns.
    names: (String, String),
    /// The long row filling each cell, row-major; [`EMPTY`] where none does.
    source: Vec<u32>,
}

impl Grid {
    /// The grid of a long table whose rows are `rows[i]` (the respondent's code) and
    /// `columns[i]` (the feature's code); `names` are the two label columns' names, for the
    /// error.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when the two code columns differ in length,
    /// [`Error::EmptyInput`] when they are empty, [`Error::InvalidLabel`] naming the row that
    /// repeats a (respondent, feature) pair of an earlier row.
    pub fn new(rows: &[u32], columns: &[u32], names: (&str, &str)) -> Result<Grid> {
        if rows.len() != columns.len() {
            return Err(Error::LengthMismatch {
                what: "data",
                expected: rows.len(),
                actual: columns.len(),
            });
        }
        if rows.is_empty() {
            return Err(Error::EmptyInput {
                what: "rows in data",
            });
        }
        let extent = |codes: &[u32]| codes.iter().max().map_or(0, |&m| m as usize + 1);
        let (n, k) = (extent(rows), extent(columns));
        let mut source = vec![EMPTY; n * k];
        for (i, (&r, &c)) in rows.iter().zip(columns).enumerate() {
            let cell = &mut source[r as usize * k + c as usize];
            if *cell != EMPTY {
                return Err(Error::InvalidLabel {
                    what: "data",
                    index: i,
                    reason: format!(
                        "repeats the {} and {} of row {}: a long table has one row per pair",
                        names.0, names.1, *cell
                    ),
                });
            }
            *cell = i as u32;
        }
        Ok(Grid {
            rows: n,
            columns: k,
            names: (names.0.to_string(), names.1.to_string()),
            source,
        })
    }

    /// (respondents, features).
    pub fn shape(&self) -> (usize, usize) {
        (self.rows, self.columns)
    }

    /// A value column of the long table (one value per long row) as the grid, row-major,
    /// `empty` in the cells no row fills.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when `values` does not have one value per long row.
    pub fn spread<T: Copy>(&self, values: &[T], empty: T) -> Result<Vec<T>> {
        self.check_length(values.len())?;
        Ok(self
            .source
            .iter()
            .map(|&i| {
                if i == EMPTY {
                    empty
                } else {
                    values[i as usize]
                }
            })
            .collect())
    }

    /// The first cell (respondent, feature) in row-major order that no long row fills.
    pub fn first_empty(&self) -> Option<(usize, usize)> {
        self.source
            .iter()
            .position(|&i| i == EMPTY)
            .map(|at| (at / self.columns, at % self.columns))
    }

    /// A column that belongs to the respondent (a segment code, a wave), one value per
    /// respondent, read from the long rows (`rows` as given to [`Grid::new`]).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when `values` or `rows` do not have one entry per long row;
    /// [`Error::InvalidParameter`] (named `what`) at the first row whose value differs from
    /// the earlier rows of its respondent.
    pub fn per_row<T: Copy + PartialEq + std::fmt::Debug>(
        &self,
        what: &'static str,
        rows: &[u32],
        values: &[T],
    ) -> Result<Vec<T>> {
        self.constant(what, (self.rows, &self.names.0), rows, values)
    }

    /// A column that belongs to the feature (an item's dimension), one value per feature,
    /// read from the long rows (`columns` as given to [`Grid::new`]).
    ///
    /// # Errors
    /// As [`Grid::per_row`], for the feature.
    pub fn per_column<T: Copy + PartialEq + std::fmt::Debug>(
        &self,
        what: &'static str,
        columns: &[u32],
        values: &[T],
    ) -> Result<Vec<T>> {
        self.constant(what, (self.columns, &self.names.1), columns, values)
    }

    fn constant<T: Copy + PartialEq + std::fmt::Debug>(
        &self,
        what: &'static str,
        (n, label): (usize, &str),
        codes: &[u32],
        values: &[T],
    ) -> Result<Vec<T>> {
        self.check_length(values.len())?;
        self.check_length(codes.len())?;
        let mut first: Vec<Option<T>> = vec![None; n];
        for (i, (&c, &v)) in codes.iter().zip(values).enumerate() {
            match first[c as usize] {
                None => first[c as usize] = Some(v),
                Some(earlier) if earlier != v => {
                    return Err(Error::InvalidParameter {
                        name: what,
                        reason: format!(
                            "holds one value per {label}; row {i} has {v:?} where the earlier \
                             rows of its {label} have {earlier:?}"
                        ),
                    })
                }
                Some(_) => {}
            }
        }
        // Every label has a row: codes are dense.
        Ok(first.into_iter().flatten().collect())
    }

    /// The long row filling each cell, row-major (`None` where no row does): how to read any
    /// column of the long table into the grid.
    pub fn sources(&self) -> impl Iterator<Item = Option<usize>> + '_ {
        self.source
            .iter()
            .map(|&i| (i != EMPTY).then_some(i as usize))
    }

    fn check_length(&self, actual: usize) -> Result<()> {
        let expected = self.source.iter().filter(|&&i| i != EMPTY).count();
        if actual != expected {
            return Err(Error::LengthMismatch {
                what: "data",
                expected,
                actual,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_rows_land_in_their_cells_in_any_order() {
        // r0 answers f0 = 1, f1 = 2; r1 answers f1 = 3, f0 = 4 (given in another order).
        let g = Grid::new(&[0, 0, 1, 1], &[0, 1, 1, 0], ("r", "f")).unwrap();
        assert_eq!(g.shape(), (2, 2));
        assert_eq!(g.spread(&[1, 2, 3, 4], 0).unwrap(), [1, 2, 4, 3]);
        assert_eq!(g.first_empty(), None);
    }

    #[test]
    fn a_missing_pair_is_left_empty_and_found() {
        let g = Grid::new(&[0, 1, 1], &[1, 0, 1], ("r", "f")).unwrap();
        let v = g.spread(&[7.0, 8.0, 9.0], f64::NAN).unwrap();
        assert!(v[0].is_nan());
        assert_eq!(v[1..], [7.0, 8.0, 9.0]);
        assert_eq!(g.first_empty(), Some((0, 0)));
    }

    #[test]
    fn a_repeated_pair_names_both_rows() {
        let e = Grid::new(&[0, 1, 0], &[0, 0, 0], ("respondent_id", "feature")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "data: the label at index 2 repeats the respondent_id and feature of row 0: a long \
             table has one row per pair"
        );
    }

    #[test]
    fn lengths_and_emptiness_are_checked() {
        assert!(matches!(
            Grid::new(&[0, 1], &[0], ("r", "f")),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            Grid::new(&[], &[], ("r", "f")),
            Err(Error::EmptyInput { .. })
        ));
        let g = Grid::new(&[0, 1], &[0, 0], ("r", "f")).unwrap();
        assert!(matches!(
            g.spread(&[1, 2, 3], 0),
            Err(Error::LengthMismatch {
                expected: 2,
                actual: 3,
                ..
            })
        ));
    }

    #[test]
    fn respondent_columns_hold_one_value_per_respondent() {
        let rows = [0, 0, 1, 1];
        let columns = [0, 1, 0, 1];
        let g = Grid::new(&rows, &columns, ("respondent_id", "item")).unwrap();
        assert_eq!(g.per_row("wave", &rows, &[1, 1, 2, 2]).unwrap(), [1, 2]);
        let e = g.per_row("wave", &rows, &[1, 2, 2, 2]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid wave: holds one value per respondent_id; row 1 has 2 where the earlier \
             rows of its respondent_id have 1"
        );
        assert_eq!(
            g.per_column("dimension", &columns, &[7, 8, 7, 8]).unwrap(),
            [7, 8]
        );
        let e = g
            .per_column("dimension", &columns, &[7, 8, 8, 8])
            .unwrap_err();
        assert!(
            e.to_string().contains("one value per item; row 2 has 8"),
            "{e}"
        );
        assert_eq!(
            g.sources().collect::<Vec<_>>(),
            [Some(0), Some(1), Some(2), Some(3)]
        );
    }
}
