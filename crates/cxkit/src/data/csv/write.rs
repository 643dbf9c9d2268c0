//! A bank's data written as CSV files, one per kind, in the schema documented in
//! `docs/data-schema.md` (the files `cxkit report --data DIR` reads back).

use std::path::{Path, PathBuf};

use super::dates::{iso_date, iso_time};
use crate::data::schema::BankData;
use crate::{Error, Result};

/// A file or directory that cannot be written.
pub(crate) fn unwritable(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::DataFile {
        file: path.display().to_string(),
        line: 0,
        column: None,
        expected: format!("a writable place ({e})"),
    }
}

struct Table {
    path: PathBuf,
    out: csv::Writer<std::fs::File>,
}

impl Table {
    fn create(dir: &Path, name: &str, header: &[&str]) -> Result<Table> {
        let path = dir.join(name);
        let mut out = csv::Writer::from_path(&path).map_err(|e| unwritable(&path, e))?;
        out.write_record(header).map_err(|e| unwritable(&path, e))?;
        Ok(Table { path, out })
    }

    fn row<I: IntoIterator<Item = String>>(&mut self, fields: I) -> Result<()> {
        let fields: Vec<String> = fields.into_iter().collect();
        self.out
            .write_record(&fields)
            .map_err(|e| unwritable(&self.path, e))
    }

    fn finish(mut self) -> Result<PathBuf> {
        self.out.flush().map_err(|e| unwritable(&self.path, e))?;
        Ok(self.path)
    }
}

/// Respondent `r`'s id, or its number when the survey has no ids.
fn respondent(ids: &[String], r: usize) -> String {
    ids.get(r).cloned().unwrap_or_else(|| r.to_string())
}

fn number(v: f64) -> String {
    if v.is_nan() {
        String::new()
    } else {
        v.to_string()
    }
}

impl BankData {
    /// Writes the bank into `dir` (created if missing) as customers.csv, transactions.csv,
    /// survey.csv, servqual.csv, kano.csv, satisfaction.csv with satisfaction_model.json,
    /// journey_events.csv with journey_tree.json, complaints.csv and comments.csv (those it has); returns
    /// the paths written.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("cxkit-doc-{}", std::process::id()));
    /// let files = cxkit::data::demo_bank(1, 1_000).unwrap().write_csv(&dir)?;
    /// assert_eq!(files.len(), 11);
    /// let survey = std::fs::read_to_string(dir.join("survey.csv")).unwrap();
    /// assert!(survey.starts_with("wave,customer_id,ltr,csat,ces\n"));
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn write_csv(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| unwritable(dir, e))?;
        let mut written = Vec::new();
        let id = |i: u32| match &self.customer_ids {
            Some(ids) => ids[i as usize].clone(),
            None => i.to_string(),
        };
        if let Some(c) = &self.customers {
            let mut t = Table::create(
                dir,
                "customers.csv",
                &[
                    "customer_id",
                    "segment",
                    "age",
                    "gender",
                    "income_band",
                    "occupation",
                    "region",
                    "channel",
                    "products",
                    "balance",
                ],
            )?;
            for i in 0..c.segment.len() {
                t.row([
                    id(i as u32),
                    self.segments[c.segment[i] as usize].clone(),
                    c.age[i].to_string(),
                    c.gender[i].to_string(),
                    c.income_band[i].to_string(),
                    c.occupation[i].to_string(),
                    c.region[i].to_string(),
                    c.channel[i].to_string(),
                    c.products[i].to_string(),
                    number(c.balance[i]),
                ])?;
            }
            written.push(t.finish()?);
        }
        if let Some(x) = &self.transactions {
            let mut t = Table::create(dir, "transactions.csv", &["customer_id", "date", "amount"])?;
            for i in 0..x.customer.len() {
                t.row([id(x.customer[i]), iso_date(x.day[i]), number(x.amount[i])])?;
            }
            written.push(t.finish()?);
        }
        if let Some(s) = &self.survey {
            // The optional columns the survey has.
            let optional: Vec<(&str, &Vec<u8>)> = [("csat", &s.csat), ("ces", &s.ces)]
                .into_iter()
                .filter_map(|(name, v)| Some((name, v.as_ref()?)))
                .collect();
            let mut header = vec!["wave", "customer_id", "ltr"];
            header.extend(optional.iter().map(|o| o.0));
            let mut t = Table::create(dir, "survey.csv", &header)?;
            for i in 0..s.wave.len() {
                let mut row = vec![
                    s.wave[i].to_string(),
                    id(s.customer[i]),
                    s.ltr[i].to_string(),
                ];
                row.extend(optional.iter().map(|o| o.1[i].to_string()));
                t.row(row)?;
            }
            written.push(t.finish()?);
        }
        if let Some(q) = &self.servqual {
            let dims = &q.dimensions;
            let k = dims.of_item.len();
            let mut t = Table::create(
                dir,
                "servqual.csv",
                &[
                    "respondent_id",
                    "item",
                    "dimension",
                    "perception",
                    "expectation",
                ],
            )?;
            for r in 0..q.respondents {
                for (j, &d) in dims.of_item.iter().enumerate() {
                    t.row([
                        respondent(&q.respondent_ids, r),
                        (j + 1).to_string(),
                        dims.names[d].clone(),
                        number(q.perceptions[r * k + j]),
                        number(q.expectations[r * k + j]),
                    ])?;
                }
            }
            written.push(t.finish()?);
        }
        if let Some(k) = &self.kano {
            let mut header = vec!["respondent_id", "feature", "functional", "dysfunctional"];
            if k.wave.is_some() {
                header.push("wave");
            }
            let mut t = Table::create(dir, "kano.csv", &header)?;
            let f = k.features.len();
            for r in 0..k.respondents {
                for (j, name) in k.features.iter().enumerate() {
                    let mut row = vec![
                        respondent(&k.respondent_ids, r),
                        name.to_string(),
                        k.functional[r * f + j].to_string(),
                        k.dysfunctional[r * f + j].to_string(),
                    ];
                    if let Some(w) = &k.wave {
                        row.push(w[r].to_string());
                    }
                    t.row(row)?;
                }
            }
            written.push(t.finish()?);
        }
        if let Some(q) = &self.satisfaction {
            let model = dir.join("satisfaction_model.json");
            std::fs::write(&model, q.model.to_json()).map_err(|e| unwritable(&model, e))?;
            written.push(model);
            let mut t = Table::create(dir, "satisfaction.csv", &["customer_id", "item", "answer"])?;
            let k = q.items.len();
            for (r, &c) in q.customer.iter().enumerate() {
                for (j, item) in q.items.iter().enumerate() {
                    t.row([id(c), item.clone(), number(q.answers[r * k + j])])?;
                }
            }
            written.push(t.finish()?);
        }
        if let Some(e) = &self.events {
            let mut t = Table::create(
                dir,
                "journey_events.csv",
                &["touchpoint", "indicator", "timestamp", "value", "segment"],
            )?;
            for i in 0..e.indicator.len() {
                t.row([
                    e.touchpoint[i].to_string(),
                    e.indicator[i].to_string(),
                    iso_time(e.timestamp[i]),
                    number(e.value[i]),
                    e.segment[i].to_string(),
                ])?;
            }
            written.push(t.finish()?);
        }
        if self.events.is_some() {
            let tree = dir.join("journey_tree.json");
            std::fs::write(&tree, &self.journey_tree).map_err(|e| unwritable(&tree, e))?;
            written.push(tree);
        }
        if let Some(r) = &self.complaints {
            let mut head = vec![
                "customer_id",
                "channel",
                "category",
                "opened",
                "first_response",
                "resolved",
                "contacts",
                "reopened",
                "satisfaction",
            ];
            if r.text.is_some() {
                head.push("text");
            }
            let mut t = Table::create(dir, "complaints.csv", &head)?;
            for i in 0..r.customer.len() {
                let mut row = vec![
                    id(r.customer[i]),
                    self.channels[r.channel[i] as usize].clone(),
                    self.categories[r.category[i] as usize].clone(),
                    iso_time(r.opened[i]),
                    iso_time(r.first_response[i]),
                    iso_time(r.resolved[i]),
                    r.contacts[i].to_string(),
                    u8::from(r.reopened[i]).to_string(),
                    number(r.satisfaction[i]),
                ];
                if let Some(text) = &r.text {
                    row.push(text[i].clone());
                }
                t.row(row)?;
            }
            written.push(t.finish()?);
        }
        if let Some(c) = &self.comments {
            let mut t = Table::create(
                dir,
                "comments.csv",
                &["customer_id", "date", "channel", "source", "text", "score"],
            )?;
            for i in 0..c.customer.len() {
                t.row([
                    id(c.customer[i]),
                    iso_date(c.day[i]),
                    c.channel[i].clone(),
                    c.source[i].clone(),
                    c.text[i].clone(),
                    number(c.score[i]),
                ])?;
            }
            written.push(t.finish()?);
        }
        Ok(written)
    }
}
