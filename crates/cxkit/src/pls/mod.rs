//! PLS path modelling (PLS-PM, PLS-SEM) for customer-satisfaction-index models: constructs
//! (latent variables) measured by blocks of survey items, structural paths between them
//! (image and expectations → perceived quality and value → satisfaction → loyalty), estimated
//! by Lohmöller's algorithm with path coefficients, R² and direct, indirect and total effects.
//!
//! The estimation needs only the indicators' correlations: [`estimate`] takes a
//! [`crate::covariance::Covariance`] (a merged accumulator's, for data spread over partitions)
//! and gives every estimate but the construct scores; [`pls_pm`] takes the rows and adds the
//! scores.
//!
//! ```
//! use cxkit::pls::{Construct, PlsModel};
//!
//! let model = PlsModel::new(
//!     vec![
//!         Construct::reflective("Quality", &["q1", "q2", "q3"]),
//!         Construct::reflective("Satisfaction", &["s1", "s2"]),
//!         Construct::reflective("Loyalty", &["l1", "l2"]),
//!     ],
//!     &[("Quality", "Satisfaction"), ("Satisfaction", "Loyalty"), ("Quality", "Loyalty")],
//! )?;
//! assert!(model.is_endogenous(2));
//! # Ok::<(), cxkit::Error>(())
//! ```

mod bootstrap;
mod estimate;
mod ipma;
mod model;
mod quality;
mod spec;

pub use bootstrap::{bootstrap, BootstrapEstimate, BootstrapOptions, PlsBootstrap};
pub use estimate::{
    estimate, pls_pm, Effect, InnerScheme, MissingValues, OuterEstimate, PathEstimate, PlsFit,
    PlsOptions,
};
pub use ipma::{Ipma, IpmaRow};
pub use model::{Construct, Mode, PlsModel};
pub use quality::{BlockReliability, PlsQuality};
pub use spec::Template;
