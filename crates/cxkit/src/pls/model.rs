//! A PLS path model: constructs measured by blocks of indicators, and the structural paths
//! between them (a directed acyclic graph).

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// How a construct is measured by its block of indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Mode {
    /// Reflective: the indicators reflect the construct; correlation weights (the default).
    #[default]
    #[serde(alias = "reflective")]
    A,
    /// Formative: the indicators form the construct; regression weights.
    #[serde(alias = "formative")]
    B,
}

crate::names::named!(Mode, "mode", [A => "A", B => "B", A => "reflective", B => "formative"]);

/// A construct (latent variable): its name, its indicators (column names) and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Construct {
    /// Name, unique in the model ("Satisfaction", "顾客满意").
    pub name: String,
    /// The columns that measure it, at least one, none shared with another construct.
    pub indicators: Vec<String>,
    /// Measurement mode.
    #[serde(default)]
    pub mode: Mode,
}

impl Construct {
    /// A construct with reflective (mode A) measurement.
    pub fn reflective(name: &str, indicators: &[&str]) -> Construct {
        Construct::new(name, indicators, Mode::A)
    }

    /// A construct with formative (mode B) measurement.
    pub fn formative(name: &str, indicators: &[&str]) -> Construct {
        Construct::new(name, indicators, Mode::B)
    }

    fn new(name: &str, indicators: &[&str], mode: Mode) -> Construct {
        Construct {
            name: name.to_string(),
            indicators: indicators.iter().map(|s| s.to_string()).collect(),
            mode,
        }
    }
}

/// A validated path model. Constructs keep the caller's order; paths are (from, to) by name.
///
/// ```
/// use cxkit::pls::{Construct, PlsModel};
///
/// let model = PlsModel::new(
///     vec![
///         Construct::reflective("Quality", &["q1", "q2"]),
///         Construct::reflective("Satisfaction", &["s1", "s2"]),
///         Construct::reflective("Loyalty", &["l1"]),
///     ],
///     &[("Quality", "Satisfaction"), ("Satisfaction", "Loyalty")],
/// )?;
/// assert_eq!(model.predecessors(2), &[1]);
/// let cycle = PlsModel::new(model.constructs.clone(), &[("Quality", "Satisfaction"), ("Satisfaction", "Quality")]);
/// assert!(cycle.unwrap_err().to_string().contains("Quality → Satisfaction → Quality"));
/// # Ok::<(), cxkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlsModel {
    /// The constructs.
    pub constructs: Vec<Construct>,
    /// Paths as (from, to) construct positions.
    pub paths: Vec<(usize, usize)>,
}

fn invalid(name: &'static str, reason: String) -> Error {
    Error::InvalidParameter { name, reason }
}

impl PlsModel {
    /// Checks and builds a model: every construct named once with at least one indicator, no
    /// indicator in two constructs, every path between known, different constructs and given
    /// once, every construct in a path, and no cycle.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the construct, indicator, path or cycle.
    pub fn new(constructs: Vec<Construct>, paths: &[(&str, &str)]) -> Result<PlsModel> {
        if constructs.is_empty() {
            return Err(Error::EmptyInput { what: "constructs" });
        }
        for (i, c) in constructs.iter().enumerate() {
            if c.name.trim().is_empty() {
                return Err(invalid("constructs", format!("construct {i} has no name")));
            }
            if constructs[..i].iter().any(|d| d.name == c.name) {
                return Err(invalid(
                    "constructs",
                    format!("{:?} is named twice", c.name),
                ));
            }
            if c.indicators.is_empty() {
                return Err(invalid(
                    "constructs",
                    format!("{:?} has no indicators", c.name),
                ));
            }
            for (j, x) in c.indicators.iter().enumerate() {
                if c.indicators[..j].contains(x) {
                    return Err(invalid(
                        "constructs",
                        format!("{:?} lists the indicator {x:?} twice", c.name),
                    ));
                }
                if let Some(d) = constructs[..i].iter().find(|d| d.indicators.contains(x)) {
                    return Err(invalid(
                        "constructs",
                        format!(
                            "the indicator {x:?} is in two constructs, {:?} and {:?}",
                            d.name, c.name
                        ),
                    ));
                }
            }
        }
        let position = |name: &str| {
            constructs.iter().position(|c| c.name == name).ok_or_else(|| {
                invalid(
                    "paths",
                    format!(
                        "the path names {name:?}, which is not a construct (the constructs are {})",
                        constructs.iter().map(|c| format!("{:?}", c.name)).collect::<Vec<_>>().join(", ")
                    ),
                )
            })
        };
        let mut edges = Vec::with_capacity(paths.len());
        for (from, to) in paths {
            let (a, b) = (position(from)?, position(to)?);
            if a == b {
                return Err(invalid(
                    "paths",
                    format!("the path {from:?} → {to:?} is a loop"),
                ));
            }
            if edges.contains(&(a, b)) {
                return Err(invalid(
                    "paths",
                    format!("the path {from:?} → {to:?} is given twice"),
                ));
            }
            edges.push((a, b));
        }
        let model = PlsModel {
            constructs,
            paths: edges,
        };
        if let Some(cycle) = model.cycle() {
            let names: Vec<&str> = cycle
                .iter()
                .map(|&c| model.constructs[c].name.as_str())
                .collect();
            return Err(invalid(
                "paths",
                format!("the paths have a cycle: {}", names.join(" → ")),
            ));
        }
        if let Some(c) = (0..model.constructs.len())
            .find(|&j| model.predecessors(j).is_empty() && model.successors(j).is_empty())
        {
            return Err(invalid(
                "paths",
                format!(
                    "{:?} is in no path: every construct needs a path to or from it",
                    model.constructs[c].name
                ),
            ));
        }
        Ok(model)
    }

    /// Positions of the constructs with a path into construct `j`, in the caller's order.
    pub fn predecessors(&self, j: usize) -> Vec<usize> {
        let mut p: Vec<usize> = self
            .paths
            .iter()
            .filter(|e| e.1 == j)
            .map(|e| e.0)
            .collect();
        p.sort_unstable();
        p
    }

    /// Positions of the constructs construct `j` has a path into.
    pub fn successors(&self, j: usize) -> Vec<usize> {
        let mut s: Vec<usize> = self
            .paths
            .iter()
            .filter(|e| e.0 == j)
            .map(|e| e.1)
            .collect();
        s.sort_unstable();
        s
    }

    /// Whether construct `j` is endogenous (has a path into it).
    pub fn is_endogenous(&self, j: usize) -> bool {
        self.paths.iter().any(|e| e.1 == j)
    }

    /// The position of the construct named `name`.
    pub fn construct(&self, name: &str) -> Option<usize> {
        self.constructs.iter().position(|c| c.name == name)
    }

    /// A cycle as construct positions, first repeated at the end; None for a DAG.
    fn cycle(&self) -> Option<Vec<usize>> {
        // Depth-first search with colours: 0 unvisited, 1 on the stack, 2 done.
        fn visit(
            m: &PlsModel,
            j: usize,
            colour: &mut [u8],
            stack: &mut Vec<usize>,
        ) -> Option<Vec<usize>> {
            colour[j] = 1;
            stack.push(j);
            for k in m.successors(j) {
                if colour[k] == 1 {
                    let start = stack.iter().position(|&s| s == k).expect("on the stack");
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(k);
                    return Some(cycle);
                }
                if colour[k] == 0 {
                    if let Some(c) = visit(m, k, colour, stack) {
                        return Some(c);
                    }
                }
            }
            stack.pop();
            colour[j] = 2;
            None
        }
        let mut colour = vec![0u8; self.constructs.len()];
        let mut stack = Vec::new();
        (0..self.constructs.len()).find_map(|j| {
            if colour[j] == 0 {
                visit(self, j, &mut colour, &mut stack)
            } else {
                None
            }
        })
    }
}
