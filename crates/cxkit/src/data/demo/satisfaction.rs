//! The demo bank's satisfaction-index questionnaire: ECSI-type items on 1–10 answered by the
//! latest survey wave's respondents, drawn from a planted chain of constructs whose last link,
//! loyalty, is the latent their likelihood to recommend comes from.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::data::schema::SatisfactionSurvey;
use crate::pls::PlsModel;

/// The demo questionnaire's constructs in causal order: (name, item prefix, items, mean
/// answer on 1–10). Perceived quality has the lowest performance, (5.9 − 1)/9 ≈ 54 of 100.
pub const SATISFACTION_CONSTRUCTS: [(&str, &str, usize, f64); 6] = [
    ("Image", "IMAG", 3, 7.7),
    ("Expectations", "EXPE", 3, 7.4),
    ("Perceived quality", "QUAL", 5, 5.9),
    ("Perceived value", "VALU", 3, 6.6),
    ("Satisfaction", "SATI", 3, 7.0),
    ("Loyalty", "LOYA", 3, 7.1),
];

/// The planted chain: standardised structural coefficients (from, to, coefficient) of the
/// ECSI paths without complaints. Perceived quality is the strongest driver of satisfaction
/// and has the largest total effect on loyalty of the constructs before satisfaction
/// (0.65 × (0.55 + 0.5 × 0.25) ≈ 0.44, against image's and expectations' ≈ 0.23);
/// expectations → satisfaction is the weak path (0.03: the smallest into satisfaction, not
/// significant among a few hundred respondents, only in samples of thousands).
pub const SATISFACTION_CHAIN: [(&str, &str, f64); 10] = [
    ("Image", "Expectations", 0.45),
    ("Image", "Satisfaction", 0.12),
    ("Image", "Loyalty", 0.05),
    ("Expectations", "Perceived quality", 0.45),
    ("Expectations", "Perceived value", 0.1),
    ("Expectations", "Satisfaction", 0.03),
    ("Perceived quality", "Perceived value", 0.5),
    ("Perceived quality", "Satisfaction", 0.55),
    ("Perceived value", "Satisfaction", 0.25),
    ("Satisfaction", "Loyalty", 0.65),
];

/// Every item's loading on its construct's latent.
const LOADING: f64 = 0.88;
/// Answer points per unit of an item's (unit-variance) latent part.
const SPREAD: f64 = 1.7;
/// Share of the value-for-money answers left blank ("don't know").
const BLANK_VALUE: f64 = 0.02;

/// The demo questionnaire's model: the constructs of [`SATISFACTION_CONSTRUCTS`] with their
/// items, reflective, and the paths of [`SATISFACTION_CHAIN`].
pub fn demo_satisfaction_model() -> PlsModel {
    let constructs = SATISFACTION_CONSTRUCTS
        .iter()
        .map(|&(name, prefix, k, _)| {
            let items: Vec<String> = (1..=k).map(|i| format!("{prefix}{i}")).collect();
            let items: Vec<&str> = items.iter().map(String::as_str).collect();
            crate::pls::Construct::reflective(name, &items)
        })
        .collect();
    let paths: Vec<(&str, &str)> = SATISFACTION_CHAIN.iter().map(|p| (p.0, p.1)).collect();
    PlsModel::new(constructs, &paths).expect("the demo's model is valid")
}

/// The chain as regression weights per construct and the residual standard deviation that
/// gives every latent unit variance.
struct Chain {
    /// Per construct: (predecessor position, coefficient).
    predecessors: Vec<Vec<(usize, f64)>>,
    residual_sd: Vec<f64>,
}

impl Chain {
    fn new() -> Chain {
        let c = SATISFACTION_CONSTRUCTS.len();
        let at = |name: &str| {
            SATISFACTION_CONSTRUCTS
                .iter()
                .position(|k| k.0 == name)
                .expect("a construct of the chain")
        };
        let mut predecessors = vec![Vec::new(); c];
        for &(from, to, b) in &SATISFACTION_CHAIN {
            predecessors[at(to)].push((at(from), b));
        }
        // Implied correlations of the latents, built in causal order.
        let mut sigma = vec![vec![0.0; c]; c];
        let mut residual_sd = vec![1.0; c];
        for j in 0..c {
            let row: Vec<f64> = (0..j)
                .map(|k| predecessors[j].iter().map(|&(p, b)| b * sigma[p][k]).sum())
                .collect();
            for (k, v) in row.into_iter().enumerate() {
                sigma[j][k] = v;
                sigma[k][j] = v;
            }
            let explained: f64 = predecessors[j]
                .iter()
                .flat_map(|&(p, bp)| predecessors[j].iter().map(move |&(q, bq)| (p, q, bp * bq)))
                .map(|(p, q, w)| w * sigma[p][q])
                .sum();
            residual_sd[j] = (1.0 - explained).sqrt();
            sigma[j][j] = 1.0;
        }
        Chain {
            predecessors,
            residual_sd,
        }
    }

    /// One respondent's latents, each standard normal, in construct order.
    fn draw(&self, rng: &mut ChaCha8Rng, normal: &Normal<f64>) -> Vec<f64> {
        let mut latent = Vec::with_capacity(self.residual_sd.len());
        for (pred, sd) in self.predecessors.iter().zip(&self.residual_sd) {
            let mean: f64 = pred.iter().map(|&(p, b)| b * latent[p]).sum();
            latent.push(mean + sd * normal.sample(rng));
        }
        latent
    }
}

/// The questionnaire as it is filled in, one respondent at a time.
pub(super) struct Questionnaire {
    chain: Chain,
    survey: SatisfactionSurvey,
}

impl Questionnaire {
    pub(super) fn new() -> Questionnaire {
        let model = demo_satisfaction_model();
        let items = model
            .constructs
            .iter()
            .flat_map(|c| c.indicators.iter().cloned())
            .collect();
        Questionnaire {
            chain: Chain::new(),
            survey: SatisfactionSurvey {
                customer: Vec::new(),
                items,
                answers: Vec::new(),
                model,
            },
        }
    }

    /// Draws customer `customer`'s latents and answers; returns the loyalty latent (standard
    /// normal), which their survey answers follow.
    pub(super) fn answer(
        &mut self,
        rng: &mut ChaCha8Rng,
        normal: &Normal<f64>,
        customer: u32,
    ) -> f64 {
        let latent = self.chain.draw(rng, normal);
        let unique = (1.0 - LOADING * LOADING).sqrt();
        for (j, &(name, _, k, centre)) in SATISFACTION_CONSTRUCTS.iter().enumerate() {
            for _ in 0..k {
                let z = LOADING * latent[j] + unique * normal.sample(rng);
                let answer = (centre + SPREAD * z)
                    .round()
                    .clamp(SatisfactionSurvey::SCALE.0, SatisfactionSurvey::SCALE.1);
                let blank = name == "Perceived value" && rng.random::<f64>() < BLANK_VALUE;
                self.survey
                    .answers
                    .push(if blank { f64::NAN } else { answer });
            }
        }
        self.survey.customer.push(customer);
        *latent.last().expect("constructs")
    }

    pub(super) fn finish(self) -> SatisfactionSurvey {
        self.survey
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The residual variances make each latent's variance 1: Expectation = 0.45 Image + e has
    /// residual variance 1 − 0.45² = 0.7975 (by hand).
    #[test]
    fn the_chain_has_unit_variances() {
        let chain = Chain::new();
        assert!((chain.residual_sd[1] - 0.7975_f64.sqrt()).abs() < 1e-15);
        assert_eq!(chain.residual_sd[0], 1.0);
        assert!(chain.residual_sd.iter().all(|s| *s > 0.5 && *s <= 1.0));
    }
}
