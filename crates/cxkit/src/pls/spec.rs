//! Path models written as files (JSON or TOML, in the style of the journey indicator tree)
//! and the satisfaction-index templates (ACSI, ECSI, CCSI) filled with a bank's item names.

use serde::{Deserialize, Serialize};

use super::model::{Construct, PlsModel};
use crate::{Error, Result};

/// One path entry of a model file: from one construct to one or several.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathSpec {
    from: String,
    to: Targets,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Targets {
    One(String),
    Many(Vec<String>),
}

/// A model file: `constructs` (name, indicators, mode "A"/"reflective" or "B"/"formative")
/// and `paths` (from, to: a name or a list of names).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelSpec {
    constructs: Vec<Construct>,
    paths: Vec<PathSpec>,
}

fn build(spec: ModelSpec) -> Result<PlsModel> {
    let mut paths = Vec::new();
    for p in &spec.paths {
        match &p.to {
            Targets::One(t) => paths.push((p.from.as_str(), t.as_str())),
            Targets::Many(ts) => paths.extend(ts.iter().map(|t| (p.from.as_str(), t.as_str()))),
        }
    }
    PlsModel::new(spec.constructs, &paths)
}

fn unreadable(format: &str, e: impl std::fmt::Display) -> Error {
    Error::InvalidParameter {
        name: "model",
        reason: format!("the {format} model does not parse: {e}"),
    }
}

impl PlsModel {
    /// Reads and checks a model in JSON.
    ///
    /// ```
    /// let m = cxkit::pls::PlsModel::from_json(r#"{
    ///   "constructs": [
    ///     {"name": "Quality", "indicators": ["q1", "q2"]},
    ///     {"name": "Loyalty", "indicators": ["l1"], "mode": "A"}],
    ///   "paths": [{"from": "Quality", "to": "Loyalty"}]}"#)?;
    /// assert_eq!(m.paths, vec![(0, 1)]);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when it does not parse, and as [`PlsModel::new`].
    pub fn from_json(text: &str) -> Result<PlsModel> {
        build(serde_json::from_str(text).map_err(|e| unreadable("JSON", e))?)
    }

    /// The model as a JSON model file, which [`PlsModel::from_json`] reads back as it is (one
    /// path entry per path, in the model's order).
    ///
    /// ```
    /// use cxkit::pls::{Construct, PlsModel};
    /// let m = PlsModel::new(
    ///     vec![Construct::reflective("Quality", &["q1"]), Construct::formative("Loyalty", &["l1", "l2"])],
    ///     &[("Quality", "Loyalty")],
    /// )?;
    /// assert_eq!(PlsModel::from_json(&m.to_json())?, m);
    /// assert!(m.to_json().contains(r#""paths":[{"from":"Quality","to":"Loyalty"}]"#));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        let name = |j: usize| self.constructs[j].name.clone();
        let spec = ModelSpec {
            constructs: self.constructs.clone(),
            paths: self
                .paths
                .iter()
                .map(|&(from, to)| PathSpec {
                    from: name(from),
                    to: Targets::One(name(to)),
                })
                .collect(),
        };
        serde_json::to_string(&spec).unwrap_or_default()
    }

    /// Reads and checks a model in TOML (`[[constructs]]` tables and `[[paths]]` tables).
    ///
    /// ```
    /// let m = cxkit::pls::PlsModel::from_toml(r#"
    /// [[constructs]]
    /// name = "Image"
    /// indicators = ["i1", "i2"]
    /// [[constructs]]
    /// name = "Satisfaction"
    /// indicators = ["s1", "s2"]
    /// mode = "formative"
    /// [[paths]]
    /// from = "Image"
    /// to = ["Satisfaction"]
    /// "#)?;
    /// assert_eq!(m.constructs[1].mode, cxkit::pls::Mode::B);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`PlsModel::from_json`].
    pub fn from_toml(text: &str) -> Result<PlsModel> {
        build(toml::from_str(text).map_err(|e| unreadable("TOML", e))?)
    }

    /// A satisfaction-index template with the bank's item names per construct (every
    /// construct of the template, each with at least one item; all reflective).
    ///
    /// ```
    /// use cxkit::pls::{PlsModel, Template};
    ///
    /// let items = [
    ///     ("Expectations", vec!["e1", "e2"]), ("Quality", vec!["q1", "q2"]),
    ///     ("Value", vec!["v1"]), ("Satisfaction", vec!["s1", "s2"]),
    ///     ("Complaints", vec!["c1"]), ("Loyalty", vec!["l1", "l2"]),
    /// ];
    /// let m = PlsModel::from_template(Template::Acsi, &items)?;
    /// assert_eq!(m.paths.len(), 9);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] listing the template's constructs when one is missing or
    /// unknown, and as [`PlsModel::new`].
    pub fn from_template<S: AsRef<str>>(
        template: Template,
        items: &[(&str, Vec<S>)],
    ) -> Result<PlsModel> {
        let names = template.constructs();
        if let Some((unknown, _)) = items.iter().find(|(n, _)| !names.contains(n)) {
            return Err(Error::InvalidParameter {
                name: "items",
                reason: format!(
                    "{unknown:?} is not a construct of {}: its constructs are {}",
                    template.name(),
                    names.join(", ")
                ),
            });
        }
        let constructs = names
            .iter()
            .map(|&name| {
                let (_, list) = items.iter().find(|(n, _)| *n == name).ok_or_else(|| Error::InvalidParameter {
                    name: "items",
                    reason: format!(
                        "{} needs the items of every construct: {name:?} is missing (its constructs are {})",
                        template.name(),
                        names.join(", ")
                    ),
                })?;
                let list: Vec<&str> = list.iter().map(|s| s.as_ref()).collect();
                Ok(Construct::reflective(name, &list))
            })
            .collect::<Result<Vec<_>>>()?;
        PlsModel::new(constructs, template.paths())
    }
}

/// A customer-satisfaction-index structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// The American Customer Satisfaction Index (Fornell et al. 1996, "The American Customer
    /// Satisfaction Index: nature, purpose, and findings", *Journal of Marketing* 60(4)):
    /// expectations → quality, value, satisfaction; quality → value, satisfaction; value →
    /// satisfaction; satisfaction → complaints, loyalty; complaints → loyalty.
    Acsi,
    /// The European index as estimated by Tenenhaus et al. (2005) on the mobi data: ACSI's
    /// structure with image → expectation, satisfaction, loyalty.
    Ecsi,
    /// The Chinese index's constructs (品牌形象, 预期质量, 感知质量, 感知价值, 顾客满意,
    /// 顾客忠诚) with brand image an antecedent of expected quality, perceived quality, value
    /// and satisfaction; expected quality → perceived quality, value, satisfaction; perceived
    /// quality → value, satisfaction; value → satisfaction; satisfaction → loyalty. Check it
    /// against the variant your programme uses; a model file states any other.
    Ccsi,
}

crate::names::named!(Template, "template", [Acsi => "acsi", Ecsi => "ecsi", Ccsi => "ccsi"]);

impl Template {
    fn name(self) -> &'static str {
        match self {
            Template::Acsi => "ACSI",
            Template::Ecsi => "ECSI",
            Template::Ccsi => "CCSI",
        }
    }

    /// The template's construct names, in its order.
    pub fn constructs(self) -> &'static [&'static str] {
        match self {
            Template::Acsi => &[
                "Expectations",
                "Quality",
                "Value",
                "Satisfaction",
                "Complaints",
                "Loyalty",
            ],
            Template::Ecsi => &[
                "Image",
                "Expectation",
                "Quality",
                "Value",
                "Satisfaction",
                "Complaints",
                "Loyalty",
            ],
            Template::Ccsi => &[
                "品牌形象",
                "预期质量",
                "感知质量",
                "感知价值",
                "顾客满意",
                "顾客忠诚",
            ],
        }
    }

    /// The template's paths as (from, to) names.
    pub fn paths(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Template::Acsi => &[
                ("Expectations", "Quality"),
                ("Expectations", "Value"),
                ("Expectations", "Satisfaction"),
                ("Quality", "Value"),
                ("Quality", "Satisfaction"),
                ("Value", "Satisfaction"),
                ("Satisfaction", "Complaints"),
                ("Satisfaction", "Loyalty"),
                ("Complaints", "Loyalty"),
            ][..],
            Template::Ecsi => &[
                ("Image", "Expectation"),
                ("Image", "Satisfaction"),
                ("Image", "Loyalty"),
                ("Expectation", "Quality"),
                ("Expectation", "Value"),
                ("Expectation", "Satisfaction"),
                ("Quality", "Value"),
                ("Quality", "Satisfaction"),
                ("Value", "Satisfaction"),
                ("Satisfaction", "Complaints"),
                ("Satisfaction", "Loyalty"),
                ("Complaints", "Loyalty"),
            ][..],
            Template::Ccsi => &[
                ("品牌形象", "预期质量"),
                ("品牌形象", "感知质量"),
                ("品牌形象", "感知价值"),
                ("品牌形象", "顾客满意"),
                ("预期质量", "感知质量"),
                ("预期质量", "感知价值"),
                ("预期质量", "顾客满意"),
                ("感知质量", "感知价值"),
                ("感知质量", "顾客满意"),
                ("感知价值", "顾客满意"),
                ("顾客满意", "顾客忠诚"),
            ][..],
        }
    }
}
