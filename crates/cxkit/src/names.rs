//! Names of option values — `"raise"`, `"adjusted_wald"`, `"pairwise"`, … — as the Python
//! interface takes them (and C where it takes text): one table per option, beside the option's
//! enum in its module, with one parser and one error, so that no binding spells the names
//! itself.
//!
//! ```
//! use cxkit::names::Named;
//! use cxkit::survey::NanPolicy;
//!
//! assert_eq!(NanPolicy::from_name("omit")?, NanPolicy::Omit);
//! assert_eq!(NanPolicy::Raise.as_str(), "raise");
//! let e = NanPolicy::from_name("drop").unwrap_err();
//! assert_eq!(e.to_string(), "invalid nan_policy: expected \"raise\" or \"omit\", got \"drop\"");
//! # Ok::<(), cxkit::Error>(())
//! ```

use crate::{Error, Result};

/// An option whose values have names.
pub trait Named: Sized + Copy + PartialEq + 'static {
    /// The option, as errors name it (`"nan_policy"`).
    const OPTION: &'static str;
    /// Every value with its name; a value listed twice has an alias (the first is its name).
    const NAMES: &'static [(Self, &'static str)];

    /// The value's name.
    fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(v, _)| *v == self)
            .map(|(_, n)| *n)
            .expect("every value of a named option is in its table")
    }

    /// The value named `name`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the option and listing its names.
    fn from_name(name: &str) -> Result<Self> {
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(v, _)| *v)
            .ok_or_else(|| Error::InvalidParameter {
                name: Self::OPTION,
                reason: format!("expected {}, got {name:?}", expected(Self::NAMES)),
            })
    }
}

/// `"a"`, `"b"` or `"c"`: the names of a table, aliases left out.
fn expected<T: PartialEq>(names: &[(T, &str)]) -> String {
    let first: Vec<String> = names
        .iter()
        .enumerate()
        .filter(|(i, (v, _))| names[..*i].iter().all(|(w, _)| w != v))
        .map(|(_, (_, n))| format!("{n:?}"))
        .collect();
    match first.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Implements [`Named`] for an enum: `named!(NanPolicy, "nan_policy", [Raise => "raise", …]);`
macro_rules! named {
    ($ty:ty, $option:literal, [$($variant:ident => $name:literal),+ $(,)?]) => {
        impl $crate::names::Named for $ty {
            const OPTION: &'static str = $option;
            const NAMES: &'static [(Self, &'static str)] = &[$((<$ty>::$variant, $name)),+];
        }
    };
}
pub(crate) use named;

#[cfg(test)]
mod tests {
    use super::Named;
    use crate::clv::{NpsGroup, Period};
    use crate::covariance::MissingData;
    use crate::drivers::DriverMethod;
    use crate::journey::{Alert, GapTo, Level, RejectPolicy};
    use crate::kano::{AnswerForm, KanoRule, RefinedCategory};
    use crate::pls::{InnerScheme, MissingValues, Mode};
    use crate::scale::NanPolicy;
    use crate::segment::RfmBinning;
    use crate::survey::{NpsMethod, ProportionMethod};

    /// Every name reads back as its value and every value has its first name.
    fn round_trip<T: Named + std::fmt::Debug + serde::Serialize>(serde_names: bool) {
        for (v, n) in T::NAMES {
            assert_eq!(T::from_name(n).unwrap(), *v, "{n}");
            assert_eq!(T::from_name(v.as_str()).unwrap(), *v);
            if serde_names && *n == v.as_str() {
                // The name of a value is the one its JSON (report.json, pickles) uses.
                assert_eq!(serde_json::to_string(v).unwrap(), format!("{n:?}"));
            }
        }
        let e = T::from_name("no such value").unwrap_err().to_string();
        assert!(
            e.contains(T::OPTION) && e.contains(&format!("{:?}", T::NAMES[0].1)),
            "{e}"
        );
    }

    #[test]
    fn every_table_round_trips() {
        round_trip::<NanPolicy>(true);
        round_trip::<RefinedCategory>(true);
        round_trip::<Mode>(true);
        round_trip::<NpsGroup>(true);
        round_trip::<InnerScheme>(true);
        round_trip::<MissingValues>(true);
        round_trip::<NpsMethod>(true);
        round_trip::<ProportionMethod>(true);
        round_trip::<RejectPolicy>(true);
        round_trip::<Level>(true);
        round_trip::<Alert>(true);
        round_trip::<GapTo>(true);
        round_trip::<RfmBinning>(true);
        round_trip::<MissingData>(true);
        round_trip::<KanoRule>(true);
        round_trip::<AnswerForm>(true);
        round_trip::<DriverMethod>(true);
        round_trip::<Period>(false); // pandas' frequency letters; JSON spells "day", "week", "month"
                                     // An alias is accepted but not listed.
        assert_eq!(AnswerForm::from_name("3").unwrap(), AnswerForm::Short);
        let e = AnswerForm::from_name("7").unwrap_err().to_string();
        assert!(
            e.ends_with("expected \"full\" or \"short\", got \"7\""),
            "{e}"
        );
    }
}
