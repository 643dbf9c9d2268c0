//! Customer journeys as an indicator system: journeys → stages → touchpoints → indicators
//! ([`IndicatorTree`], from JSON, TOML or code); events folded into a mergeable
//! [`JourneyState`]; any [`Window`] evaluated into 0–100 indices rolled up the tree, with
//! changes, significance and alerts; and [`pain_points`] ranked by importance × gap.
//!
//! The 0–100 index of an indicator is 100·(value − worst)/(best − worst), clamped, with
//! worst and best from its scale and direction; a parent's index is the weighted mean of its
//! children's indices over the children with events in the window.

mod evaluate;
mod state;
mod tree;

pub use evaluate::{
    pain_points, Alert, EvaluateOptions, Evidence, GapTo, Level, NodeResult, PainPoint, Window,
    WindowKind,
};
pub use state::{Coded, Event, JourneyState, RejectPolicy, Rejects};
pub use tree::{
    Direction, Indicator, IndicatorKind, IndicatorTree, Journey, Stage, Thresholds, Touchpoint,
};
