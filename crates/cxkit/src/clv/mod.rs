//! Customer lifetime value from transaction logs: the (frequency, recency, T, monetary value)
//! summary, the BG/NBD and Gamma-Gamma models fitted by maximum likelihood, and CLV.

mod bgnbd;
mod fit;
mod gamma_gamma;
mod lifetime;
mod optimize;
mod pareto;
mod quadrature;
mod special;
mod summary;

pub use bgnbd::BetaGeo;
pub use fit::{FitOptions, FitReport};
pub use gamma_gamma::GammaGamma;
pub use lifetime::{customer_lifetime_value, ClvOptions, TransactionModel};
pub use pareto::ParetoNbd;
pub use special::hyp2f1;
pub(crate) use summary::{civil_from_days, days_from_civil};
pub use summary::{summarize_transactions, Period, SummaryOptions, TransactionSummary};
