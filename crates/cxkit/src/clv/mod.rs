//! Customer lifetime value from transaction logs: the (frequency, recency, T, monetary value)
//! summary, the BG/NBD and Gamma-Gamma models fitted by maximum likelihood, and CLV; and the
//! value at risk, future value by NPS group.

/// `to_bytes` and `from_bytes` for a fitted model made of positive parameters `$p` (checked
/// again on reading by the model's `new`), with kind byte `$tag`.
macro_rules! model_bytes {
    ($ty:ident, $tag:expr, $what:expr, [$($p:ident),*], $example:expr) => {
        impl $ty {
            /// The model (parameters and fit report) as versioned bytes: `b"CXKA"`, the
            /// format version, its kind byte and its JSON.
            ///
            #[doc = concat!("```\nuse cxkit::clv::", stringify!($ty), ";\n\nlet m = ",
                stringify!($ty), "::new(", $example, ")?;\nlet back = ", stringify!($ty),
                "::from_bytes(&m.to_bytes())?;\nassert_eq!(back, m);\n",
                "# Ok::<(), cxkit::Error>(())\n```")]
            pub fn to_bytes(&self) -> Vec<u8> {
                crate::bytes::json_bytes($tag, self)
            }

            /// Reads a model written by [`to_bytes`](Self::to_bytes); [`Error::CorruptBytes`]
            /// on anything else, including parameters that are not positive and finite.
            ///
            /// [`Error::CorruptBytes`]: crate::Error::CorruptBytes
            pub fn from_bytes(bytes: &[u8]) -> crate::Result<$ty> {
                let m: $ty = crate::bytes::from_json_bytes(bytes, $tag, $what)?;
                $ty::new($(m.$p),*).map_err(|e| crate::Error::CorruptBytes {
                    reason: format!("{}: {e}", $what),
                })?;
                Ok(m)
            }
        }
    };
}

mod bgnbd;
mod fit;
mod gamma_gamma;
mod lifetime;
mod optimize;
mod pareto;
mod period;
mod quadrature;
mod risk;
mod special;
mod summary;

pub use bgnbd::BetaGeo;
pub use fit::{FitOptions, FitReport};
pub use gamma_gamma::GammaGamma;
pub use lifetime::{customer_lifetime_value, ClvOptions, TransactionModel};
pub use pareto::ParetoNbd;
pub use period::PeriodTransactions;
pub use risk::{value_at_risk, GroupGap, GroupWorth, NpsGroup, ValueAtRisk};
pub use special::hyp2f1;
pub(crate) use summary::{civil_from_days, days_from_civil};
pub use summary::{summarize_transactions, Period, SummaryOptions, TransactionSummary};
