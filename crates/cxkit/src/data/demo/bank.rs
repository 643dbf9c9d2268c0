//! The demo bank: a deterministic synthetic retail bank with planted structure, documented
//! on [`demo_bank`].

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, Gamma, Normal};

use super::comments::{complaint_text, make_comments};
use super::satisfaction::Questionnaire;
use crate::complaints::NOT_YET;
use crate::data::csv::Origin;
use crate::data::schema::{
    BankData, ComplaintRecords, Customers, JourneyEvents, KanoSurvey, SatisfactionSurvey,
    ServqualSurvey, SurveyWaves, Transactions,
};
use crate::quality::Dimensions;
use crate::{Error, Result};

/// First day of the demo bank's history: 2024-01-01 (days since 1970-01-01).
pub const START_DAY: i64 = 19_723;

/// The KANO features of the demo bank with their planted categories in the latest wave (A
/// attractive, O one-dimensional, M must-be, I indifferent); see [`KANO_MIGRATION`] for the
/// one that differs in the first.
pub const KANO_FEATURES: [(&str, char); 12] = [
    ("queue-time display", 'A'),
    ("birthday greetings", 'I'),
    ("24-hour chatbot with hand-off to a person", 'O'),
    ("appointment booking", 'O'),
    ("free ATM withdrawals", 'M'),
    ("card freeze in the app", 'M'),
    ("instant payment notifications", 'O'),
    ("personal financial coach", 'A'),
    ("branch coffee corner", 'I'),
    ("secure login with biometrics", 'M'),
    ("spending insights", 'A'),
    ("paper statements by post", 'I'),
];

/// The demo bank's one KANO feature whose category migrates between its two waves: instant
/// payment notifications delighted in the first wave (A) and are expected in the second (O).
pub const KANO_MIGRATION: (&str, char, char) = ("instant payment notifications", 'A', 'O');

/// The demo bank's indicator tree (JSON, see [`crate::journey::IndicatorTree`]).
pub const DEMO_TREE: &str = r#"{"journeys": [
 {"id": "everyday_banking", "weight": 2, "stages": [
  {"id": "access", "touchpoints": [
   {"id": "app_login", "indicators": [
    {"id": "login_success", "kind": {"type": "rate"}, "target": 0.97, "alert": {"warning": 0.95, "critical": 0.9}}]},
   {"id": "branch_visit", "indicators": [
    {"id": "branch_csat", "kind": {"type": "mean"}, "scale": [1, 5], "target": 4.2}]}]},
  {"id": "support", "touchpoints": [
   {"id": "call_centre", "indicators": [
    {"id": "call_wait_p90", "kind": {"type": "percentile", "p": 90}, "direction": "lower", "scale": [900, 0], "target": 240},
    {"id": "call_resolved", "kind": {"type": "rate"}, "target": 0.85}]}]}]},
 {"id": "borrowing", "weight": 1, "stages": [
  {"id": "apply", "touchpoints": [
   {"id": "loan_application", "indicators": [
    {"id": "loan_completed", "kind": {"type": "rate"}, "target": 0.9, "alert": {"warning": 0.85, "critical": 0.75}},
    {"id": "loan_csat", "kind": {"type": "mean"}, "scale": [1, 5], "target": 4.0}]}]},
  {"id": "receive", "touchpoints": [
   {"id": "card_delivery", "indicators": [
    {"id": "card_on_time", "kind": {"type": "rate"}, "target": 0.95}]}]}]}]}"#;

/// The demo bank's segment names (its [`BankData::segments`]).
pub const SEGMENTS: [&str; 3] = ["mass", "affluent", "private"];
/// The demo bank's complaint channels (its [`BankData::channels`]).
pub const CHANNELS: [&str; 4] = ["app", "branch", "phone", "email"];
/// The demo bank's complaint categories (its [`BankData::categories`]).
pub const CATEGORIES: [&str; 4] = ["fees", "app", "loans", "cards"];

fn pick_name(rng: &mut ChaCha8Rng, items: &[(&'static str, f64)]) -> String {
    pick(rng, items).to_string()
}

pub(super) fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[(T, f64)]) -> T {
    let mut u = rng.random::<f64>() * items.iter().map(|i| i.1).sum::<f64>();
    for &(item, w) in items {
        u -= w;
        if u <= 0.0 {
            return item;
        }
    }
    items[items.len() - 1].0
}

/// Mixed into the seed for the stream the comments and complaint texts draw from.
const TEXT_STREAM: u64 = 0x7e47_c0de;

/// The seed of the demo bank when none is given (CLI, Python, C).
pub const DEMO_SEED: u64 = 2026;

/// The number of customers of the demo bank when none is given (CLI, Python, C).
pub const DEMO_CUSTOMERS: usize = 50_000;

/// The fewest customers a demo bank may have: below it the planted structure (the segments'
/// NPS, the KANO categories, the pain point) is lost in noise.
pub const DEMO_MIN_CUSTOMERS: usize = 1_000;

/// Errors unless a demo bank may have `customers` customers (at least
/// [`DEMO_MIN_CUSTOMERS`]): what [`demo_bank`] checks, for callers that check arguments first.
pub fn check_demo_size(customers: usize) -> Result<()> {
    if customers < DEMO_MIN_CUSTOMERS {
        return Err(Error::InvalidParameter {
            name: "customers",
            reason: format!(
                "the demo bank needs at least {DEMO_MIN_CUSTOMERS} customers for its planted \
                 structure to show, got {customers}"
            ),
        });
    }
    Ok(())
}

/// The demo bank with `customers` customers (the report's default is 50 000), the same for
/// the same seed on every platform.
///
/// It draws, from one seed, every table the report reads. What it plants, so that tests (and
/// readers of the report) can check the analysis finds it:
///
/// 1. **Segments** — 70 % "mass", 25 % "affluent", 5 % "private" customers. Income band,
///    balances, product holdings and purchase rates rise from mass to private.
/// 2. **Transactions** — two years from [`START_DAY`] (2024-01-01), each customer buying as a
///    BG/NBD customer whose purchase rate depends on the segment (private ≈ 4× mass).
/// 3. **Survey waves** — wave 1 in June 2024, wave 2 in June 2025. Service improves between
///    them: likelihood to recommend rises by about half a point, so NPS rises significantly
///    (by roughly 10–15 points); affluent and private customers recommend more than mass.
/// 4. **SERVQUAL** — 22 items in the five standard dimensions, 1–7: expectations near 6;
///    perceptions fall short most on **reliability** (gap ≈ −1.3) and least on **assurance**
///    (gap ≈ −0.2).
/// 5. **KANO** — twelve candidate features with planted categories (see [`KANO_FEATURES`]),
///    asked in two waves; **instant payment notifications** migrate from attractive to
///    one-dimensional between them ([`KANO_MIGRATION`]).
/// 6. **Journey** — the [`DEMO_TREE`] touchpoints with events over the second year; the
///    **loan application** touchpoint is the pain point (success rate ≈ 0.72 against a target
///    of 0.9, satisfaction ≈ 2.6 of 5).
/// 7. **Complaints** — about 3 % of customers complain; the **phone** channel answers
///    slowest (mean first response ≈ 30 h against ≈ 6 h elsewhere); fees are the commonest
///    category.
/// 8. **Satisfaction index** — wave 2's respondents also answer an ECSI-type questionnaire
///    (20 items on 1–10, see [`SATISFACTION_CONSTRUCTS`](super::SATISFACTION_CONSTRUCTS))
///    drawn from the planted chain [`SATISFACTION_CHAIN`](super::SATISFACTION_CHAIN):
///    **perceived quality** is the strongest driver of satisfaction, has the largest total
///    effect on loyalty of the constructs before satisfaction and the **lowest performance**
///    (≈ 54 of 100); expectation → satisfaction is the weak path; 2 % of the value-for-money
///    answers are blank. Each respondent's loyalty latent is the one their likelihood to
///    recommend follows, so the questionnaire agrees with their NPS.
/// 9. **Comments** — about one comment per five customers (comments.csv; Chinese, from
///    templates) over the two years: survey comments with the writer's likelihood to
///    recommend, complaint descriptions and app reviews, through the app, branch and phone
///    channels; every complaint also has a description (complaints.csv's `text`). **Fees**
///    are common (about a fifth of the comments, two fifths of the complaints) and written by
///    the least satisfied: they cost the most NPS points
///    ([`DEMO_COSTLIEST_TOPIC`](super::DEMO_COSTLIEST_TOPIC)). **Waiting** is concentrated in
///    the **branch** channel (about 40 % of its comments against 3 % elsewhere) and among
///    detractors. **App crashes** rise sharply in the last quarter (about 5 % of the app
///    channel's comments before, 35 % in the last 91 days): the emerging topic
///    ([`DEMO_EMERGING_TOPIC`](super::DEMO_EMERGING_TOPIC)). Praise of the **staff** raises
///    the score. About 4 % of the texts carry a fake mobile number or a Luhn-valid card
///    number, which the report masks.
///
/// # Errors
/// [`Error::InvalidParameter`] for fewer than [`DEMO_MIN_CUSTOMERS`] customers: the one
/// check of the demo's size, for the CLI, C and Python alike.
///
/// ```
/// use cxkit::data::{demo_bank, SEGMENTS};
///
/// let bank = demo_bank(1, 2_000)?;
/// let customers = bank.customers.as_ref().unwrap();
/// assert_eq!(customers.segment.len(), 2_000);
/// let again = demo_bank(1, 2_000)?;
/// assert_eq!((&bank.transactions, &bank.survey), (&again.transactions, &again.survey));
/// // (as printed: the blank answers are NaN, which never equals itself)
/// assert_eq!(format!("{:?}", bank.satisfaction), format!("{:?}", again.satisfaction));
/// assert!(customers.segment.iter().all(|&s| (s as usize) < SEGMENTS.len()));
/// assert!(demo_bank(1, 999).unwrap_err().to_string().contains("at least 1000 customers"));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn demo_bank(seed: u64, customers: usize) -> Result<BankData> {
    check_demo_size(customers)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let normal = Normal::new(0.0, 1.0).expect("unit normal");
    let c = make_customers(&mut rng, customers, &normal);
    let transactions = make_transactions(&mut rng, &c);
    let (survey, satisfaction) = make_survey(&mut rng, &c, &normal);
    // The texts draw from a stream of their own, so that they leave the other tables as
    // they were before the demo bank wrote comments.
    let mut words = ChaCha8Rng::seed_from_u64(seed ^ TEXT_STREAM);
    let mut complaints = make_complaints(&mut rng, &c);
    complaints.text = Some(
        complaints
            .category
            .iter()
            .map(|&k| complaint_text(&mut words, k))
            .collect(),
    );
    Ok(BankData {
        transactions: Some(transactions),
        survey: Some(survey),
        satisfaction: Some(satisfaction),
        servqual: Some(make_servqual(
            &mut rng,
            (customers / 25).clamp(50, 2_000),
            customers,
            &normal,
        )),
        kano: Some(make_kano(
            &mut rng,
            (customers / 50).clamp(60, 1_000),
            customers,
        )),
        events: Some(make_events(&mut rng, &c, &normal)),
        complaints: Some(complaints),
        comments: Some(make_comments(&mut words, &c, &normal)),
        customers: Some(c),
        customer_ids: None,
        segments: SEGMENTS.map(String::from).to_vec(),
        channels: CHANNELS.map(String::from).to_vec(),
        categories: CATEGORIES.map(String::from).to_vec(),
        journey_tree: DEMO_TREE.to_string(),
        origin: Origin::Demo { seed, customers },
        files: Vec::new(),
        ignored: Vec::new(),
    })
}

/// Ids of `n` survey respondents of a bank of `customers` customers numbered 0, 1, …: customers
/// spread evenly over the customer table, or (with fewer customers than respondents) the
/// respondents' numbers.
fn respondent_ids(n: usize, customers: usize) -> Vec<String> {
    (0..n)
        .map(|r| if customers >= n { r * customers / n } else { r }.to_string())
        .collect()
}

fn make_customers(rng: &mut ChaCha8Rng, n: usize, normal: &Normal<f64>) -> Customers {
    let mut c = Customers {
        segment: Vec::with_capacity(n),
        age: Vec::with_capacity(n),
        gender: Vec::with_capacity(n),
        income_band: Vec::with_capacity(n),
        occupation: Vec::with_capacity(n),
        region: Vec::with_capacity(n),
        channel: Vec::with_capacity(n),
        products: Vec::with_capacity(n),
        balance: Vec::with_capacity(n),
    };
    for _ in 0..n {
        let s = pick(rng, &[(0u8, 0.70), (1, 0.25), (2, 0.05)]);
        let age = (22.0 + 8.0 * f64::from(s) + 14.0 * normal.sample(rng).abs()).clamp(18.0, 90.0);
        c.segment.push(s);
        c.age.push(age as u8);
        c.gender
            .push(if rng.random::<bool>() { "F" } else { "M" }.to_string());
        c.income_band
            .push((1.0 + 1.5 * f64::from(s) + rng.random::<f64>() * 2.0).min(5.0) as u8);
        c.occupation.push(pick_name(
            rng,
            &[
                ("employee", 0.55),
                ("self-employed", 0.12 + 0.05 * f64::from(s)),
                ("retired", 0.15),
                ("student", 0.10 - 0.04 * f64::from(s)),
                ("executive", 0.03 + 0.1 * f64::from(s)),
            ],
        ));
        c.region.push(pick_name(
            rng,
            &[
                ("north", 0.3),
                ("south", 0.3),
                ("capital", 0.25),
                ("west", 0.15),
            ],
        ));
        c.channel.push(pick_name(
            rng,
            &[
                ("app", 0.5 - 0.1 * f64::from(s)),
                ("branch", 0.3),
                ("phone", 0.2),
            ],
        ));
        c.products
            .push((1.0 + f64::from(s) * 1.5 + rng.random::<f64>() * 3.0) as u8);
        let scale = [3_000.0, 25_000.0, 250_000.0][s as usize];
        c.balance
            .push((scale * (0.8 * normal.sample(rng)).exp()).round());
    }
    c
}

fn make_transactions(rng: &mut ChaCha8Rng, c: &Customers) -> Transactions {
    let mut t = Transactions::default();
    for (id, &s) in c.segment.iter().enumerate() {
        // BG/NBD: purchase rate λ (per day) and drop-out probability p after each purchase.
        let mean_rate = [0.03, 0.07, 0.12][s as usize];
        let lambda: f64 = Gamma::new(2.0, mean_rate / 2.0)
            .expect("shape, scale > 0")
            .sample(rng);
        let p = rng.random::<f64>() * 0.08;
        let spend = [40.0, 120.0, 600.0][s as usize] * (0.3 + rng.random::<f64>());
        let gap = Exp::new(lambda.max(1e-6)).expect("rate > 0");
        let mut day = 0.0;
        loop {
            day += gap.sample(rng);
            if day >= 730.0 {
                break;
            }
            t.customer.push(id as u32);
            t.day.push(START_DAY + day as i64);
            t.amount.push((spend * (0.5 + rng.random::<f64>())).round());
            if rng.random::<f64>() < p {
                break;
            }
        }
    }
    t
}

fn make_survey(
    rng: &mut ChaCha8Rng,
    c: &Customers,
    normal: &Normal<f64>,
) -> (SurveyWaves, SatisfactionSurvey) {
    let n = c.segment.len();
    let per_wave = (n / 10).clamp(100, 5_000).min(n);
    let (mut w, mut csat, mut ces) = (SurveyWaves::default(), Vec::new(), Vec::new());
    let mut questionnaire = Questionnaire::new();
    for wave in [1u8, 2] {
        // Each wave asks different customers (a customer answers a wave once).
        for id in rand::seq::index::sample(rng, n, per_wave) {
            let s = f64::from(c.segment[id]);
            // The latest wave's respondents also fill in the satisfaction questionnaire, and
            // their loyalty latent is the standard normal part of their answers here.
            let own = if wave == 2 {
                questionnaire.answer(rng, normal, id as u32)
            } else {
                normal.sample(rng)
            };
            // Latent satisfaction: +0.45 per segment step, +0.2 in wave 2.
            let latent = 0.45 * s + if wave == 2 { 0.2 } else { 0.0 } + own;
            let answer = |centre: f64, spread: f64, hi: f64, z: f64| {
                (centre + spread * (latent + 0.5 * z))
                    .round()
                    .clamp(0.0, hi)
            };
            w.wave.push(wave);
            w.customer.push(id as u32);
            w.ltr.push(answer(7.2, 2.0, 10.0, normal.sample(rng)) as u8);
            csat.push(answer(3.5, 0.9, 5.0, normal.sample(rng)).max(1.0) as u8);
            ces.push(answer(4.8, 1.2, 7.0, normal.sample(rng)).max(1.0) as u8);
        }
    }
    w.csat = Some(csat);
    w.ces = Some(ces);
    (w, questionnaire.finish())
}

fn make_servqual(
    rng: &mut ChaCha8Rng,
    n: usize,
    customers: usize,
    normal: &Normal<f64>,
) -> ServqualSurvey {
    // Mean gap per dimension: tangibles, reliability, responsiveness, assurance, empathy.
    let gap = [-0.5, -1.3, -0.8, -0.2, -0.6];
    let dims = Dimensions::servqual();
    let mut s = ServqualSurvey {
        respondents: n,
        respondent_ids: respondent_ids(n, customers),
        dimensions: dims.clone(),
        perceptions: Vec::with_capacity(n * 22),
        expectations: Vec::with_capacity(n * 22),
    };
    let rating = |v: f64| v.round().clamp(1.0, 7.0);
    for _ in 0..n {
        let person = 0.4 * normal.sample(rng);
        for &d in &dims.of_item {
            let e = 6.0 + 0.5 * normal.sample(rng);
            s.expectations.push(rating(e));
            s.perceptions
                .push(rating(e + gap[d] + person + 0.7 * normal.sample(rng)));
        }
    }
    s
}

fn make_kano(rng: &mut ChaCha8Rng, n: usize, customers: usize) -> KanoSurvey {
    let mut k = KanoSurvey {
        respondents: n,
        respondent_ids: respondent_ids(n, customers),
        features: KANO_FEATURES.iter().map(|f| f.0.to_string()).collect(),
        functional: Vec::with_capacity(n * KANO_FEATURES.len()),
        dysfunctional: Vec::with_capacity(n * KANO_FEATURES.len()),
        wave: Some((0..n).map(|r| if r < n / 2 { 1 } else { 2 }).collect()),
    };
    for r in 0..n {
        for &(name, latest) in &KANO_FEATURES {
            let category = match KANO_MIGRATION {
                (migrating, first, _) if migrating == name && r < n / 2 => first,
                _ => latest,
            };
            // Answer pairs typical of the category (1 like, 2 must-be, 3 neutral, 4 live with,
            // 5 dislike), with a quarter of the answers spread over the other cells.
            let (f, d): (u8, u8) = if rng.random::<f64>() < 0.25 {
                (rng.random_range(1..=5), rng.random_range(1..=5))
            } else {
                match category {
                    'A' => (1, rng.random_range(3..=4)),
                    'O' => (1, 5),
                    'M' => (rng.random_range(2..=4), 5),
                    _ => (3, rng.random_range(3..=4)),
                }
            };
            k.functional.push(f);
            k.dysfunctional.push(d);
        }
    }
    k
}

fn make_events(rng: &mut ChaCha8Rng, c: &Customers, normal: &Normal<f64>) -> JourneyEvents {
    let n = (c.segment.len() * 4).clamp(1_000, 400_000);
    let mut e = JourneyEvents {
        touchpoint: Vec::with_capacity(n),
        indicator: Vec::with_capacity(n),
        timestamp: Vec::with_capacity(n),
        value: Vec::with_capacity(n),
        segment: Vec::with_capacity(n),
    };
    let kinds: [(&str, &str, f64); 7] = [
        ("app_login", "login_success", 0.35),
        ("branch_visit", "branch_csat", 0.12),
        ("call_centre", "call_wait_p90", 0.15),
        ("call_centre", "call_resolved", 0.12),
        ("loan_application", "loan_completed", 0.08),
        ("loan_application", "loan_csat", 0.06),
        ("card_delivery", "card_on_time", 0.12),
    ];
    let weights: Vec<(usize, f64)> = kinds.iter().enumerate().map(|(i, k)| (i, k.2)).collect();
    let first_second = (START_DAY + 366) * 86_400; // 2025-01-01
    for _ in 0..n {
        let k = pick(rng, &weights);
        let id = rng.random_range(0..c.segment.len());
        let bernoulli = |rng: &mut ChaCha8Rng, p: f64| f64::from(u8::from(rng.random::<f64>() < p));
        let value = match kinds[k].1 {
            "login_success" => bernoulli(rng, 0.975),
            "branch_csat" => (4.1 + 0.8 * normal.sample(rng)).round().clamp(1.0, 5.0),
            "call_wait_p90" => Exp::new(1.0 / 150.0_f64)
                .expect("rate > 0")
                .sample(rng)
                .round(),
            "call_resolved" => bernoulli(rng, 0.86),
            "loan_completed" => bernoulli(rng, 0.72),
            "loan_csat" => (2.6 + 0.9 * normal.sample(rng)).round().clamp(1.0, 5.0),
            _ => bernoulli(rng, 0.95),
        };
        e.touchpoint.push(kinds[k].0.to_string());
        e.indicator.push(kinds[k].1.to_string());
        e.timestamp
            .push(first_second + rng.random_range(0..365 * 86_400));
        e.value.push(value);
        e.segment.push(SEGMENTS[c.segment[id] as usize].to_string());
    }
    e
}

fn make_complaints(rng: &mut ChaCha8Rng, c: &Customers) -> ComplaintRecords {
    let n = (c.segment.len() * 3 / 100).max(30);
    let mut r = ComplaintRecords {
        customer: Vec::with_capacity(n),
        channel: Vec::with_capacity(n),
        category: Vec::with_capacity(n),
        opened: Vec::with_capacity(n),
        first_response: Vec::with_capacity(n),
        resolved: Vec::with_capacity(n),
        contacts: Vec::with_capacity(n),
        reopened: Vec::with_capacity(n),
        satisfaction: Vec::with_capacity(n),
        text: None,
    };
    let end = (START_DAY + 730) * 86_400;
    for _ in 0..n {
        let channel = pick(rng, &[(0u32, 0.35), (1, 0.25), (2, 0.3), (3, 0.1)]);
        let category = pick(rng, &[(0u32, 0.4), (1, 0.25), (2, 0.2), (3, 0.15)]);
        let opened = (START_DAY * 86_400) + rng.random_range(0..730 * 86_400);
        let mean_response_h = if channel == 2 { 30.0 } else { 6.0 };
        let response = opened
            + (Exp::new(1.0 / mean_response_h)
                .expect("rate > 0")
                .sample(rng)
                * 3_600.0) as i64;
        let resolution =
            response + (Exp::new(1.0 / 40.0).expect("rate > 0").sample(rng) * 3_600.0) as i64;
        let contacts = pick(rng, &[(1u32, 0.7), (2, 0.2), (3, 0.1)]);
        let done = resolution <= end && rng.random::<f64>() < 0.97;
        r.customer.push(rng.random_range(0..c.segment.len()) as u32);
        r.channel.push(channel);
        r.category.push(category);
        r.opened.push(opened);
        r.first_response
            .push(if response <= end { response } else { NOT_YET });
        r.resolved.push(if done { resolution } else { NOT_YET });
        r.contacts.push(contacts);
        r.reopened.push(done && rng.random::<f64>() < 0.06);
        r.satisfaction.push(if done && rng.random::<f64>() < 0.6 {
            (7.5 - 0.8 * f64::from(contacts) + 1.5 * rng.random::<f64>()).round()
        } else {
            f64::NAN
        });
    }
    r
}
