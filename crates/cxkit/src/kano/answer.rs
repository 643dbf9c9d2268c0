//! Answers to a KANO question: positions on the 5-point (or 3-point short) form, or labels.

use serde::{Deserialize, Serialize};

use crate::scale::{Located, Scale, Score};
use crate::{Error, Result};

/// An answer to a functional ("if the feature is there") or dysfunctional ("if it is not")
/// question, in the order of the 5-point form: positions 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// 1: "I like it that way".
    Like,
    /// 2: "It must be that way" (I expect it).
    MustBe,
    /// 3: "I am neutral".
    Neutral,
    /// 4: "I can live with it that way" (I can tolerate it).
    LiveWith,
    /// 5: "I dislike it that way".
    Dislike,
}

/// Which questionnaire form the positions refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerForm {
    /// 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike. The default.
    #[default]
    Full,
    /// The 3-point short form: 1 like, 2 neutral, 3 dislike.
    Short,
}

crate::names::named!(AnswerForm, "form", [Full => "full", Short => "short", Full => "5", Short => "3"]);

impl AnswerForm {
    /// The scale of the positions: 1..=5 or 1..=3.
    pub fn scale(self) -> Scale {
        match self {
            AnswerForm::Full => Scale::new(1, 5),
            AnswerForm::Short => Scale::new(1, 3),
        }
        .expect("a valid scale")
    }

    /// The answers in position order.
    fn answers(self) -> &'static [Answer] {
        match self {
            AnswerForm::Full => &Answer::ALL,
            AnswerForm::Short => &[Answer::Like, Answer::Neutral, Answer::Dislike],
        }
    }
}

/// Where an answer code falls.
pub(crate) enum Coded {
    Answer(Answer),
    Missing,
    Invalid,
}

impl Answer {
    /// The five answers in the order of the 5-point form.
    pub const ALL: [Answer; 5] = [
        Answer::Like,
        Answer::MustBe,
        Answer::Neutral,
        Answer::LiveWith,
        Answer::Dislike,
    ];

    /// The answer at `position` (1-based) of `form`, if there is one.
    ///
    /// ```
    /// use cxkit::kano::{Answer, AnswerForm};
    ///
    /// assert_eq!(Answer::from_position(2, AnswerForm::Full), Some(Answer::MustBe));
    /// assert_eq!(Answer::from_position(2, AnswerForm::Short), Some(Answer::Neutral));
    /// assert_eq!(Answer::from_position(6, AnswerForm::Full), None);
    /// ```
    pub fn from_position(position: i64, form: AnswerForm) -> Option<Answer> {
        usize::try_from(position - 1)
            .ok()
            .and_then(|i| form.answers().get(i).copied())
    }

    /// An answer code of any numeric type (NaN is missing).
    pub(crate) fn decode<S: Score>(code: S, form: AnswerForm) -> Coded {
        match code.locate(form.scale()) {
            Located::Point(i) => Coded::Answer(form.answers()[i]),
            Located::Missing => Coded::Missing,
            Located::Invalid => Coded::Invalid,
        }
    }

    /// What a KANO answer written as text must be, for error messages in every interface.
    pub const EXPECTED_TEXT: &'static str = "an answer 1 to 5 or a KANO label (like, must-be, \
        neutral, live-with, dislike, 我很喜欢, 理所当然, 无所谓, 能忍受, 我很不喜欢, …)";

    /// A KANO answer written as text, as a file or a text column holds it: a position 1–5 of
    /// the 5-point form (`3` or `3.0`), or a label of [`from_label`](Self::from_label).
    /// `Ok(None)` is a missing answer: an empty text or how pandas and numpy write a missing
    /// value (`nan`, `None`, `<NA>`, `NaT`, in any case).
    ///
    /// # Errors
    /// [`Error::InvalidAnswer`] for anything else, with respondent and feature 0 (the caller
    /// knows which they are) and [`EXPECTED_TEXT`](Self::EXPECTED_TEXT).
    ///
    /// ```
    /// use cxkit::kano::Answer;
    ///
    /// assert_eq!(Answer::parse(" 2 ")?, Some(Answer::MustBe));
    /// assert_eq!(Answer::parse("4.0")?, Some(Answer::LiveWith));
    /// assert_eq!(Answer::parse("live with")?, Some(Answer::LiveWith));
    /// assert_eq!(Answer::parse("<NA>")?, None);
    /// assert!(Answer::parse("6").is_err() && Answer::parse("maybe").is_err());
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Option<Answer>> {
        let t = text.trim();
        if t.is_empty()
            || ["nan", "none", "<na>", "nat"]
                .iter()
                .any(|m| t.eq_ignore_ascii_case(m))
        {
            return Ok(None);
        }
        let position = t
            .parse::<f64>()
            .ok()
            .filter(|p| p.fract() == 0.0 && p.abs() < 1e9)
            .and_then(|p| Answer::from_position(p as i64, AnswerForm::Full));
        position
            .or_else(|| Answer::from_label(t))
            .map(Some)
            .ok_or_else(|| Error::InvalidAnswer {
                respondent: 0,
                feature: 0,
                value: text.to_string(),
                expected: Answer::EXPECTED_TEXT,
            })
    }

    /// The answer a label stands for, in any of the common wordings (case, hyphens and
    /// punctuation do not matter): like / must-be (expect) / neutral / live-with (tolerate) /
    /// dislike, the Berger et al. sentences ("I like it that way", "It must be that way", …)
    /// and the Blauth wordings ("This would be very helpful to me", "This is a basic
    /// requirement for me", …), and the Chinese wordings (我很喜欢 / 理所当然 / 无所谓 /
    /// 能忍受 / 我很不喜欢 and their usual variants, simplified or traditional).
    ///
    /// ```
    /// use cxkit::kano::Answer;
    ///
    /// assert_eq!(Answer::from_label("Must-be"), Some(Answer::MustBe));
    /// assert_eq!(Answer::from_label("理所当然。"), Some(Answer::MustBe));
    /// assert_eq!(Answer::from_label("我很不喜歡"), Some(Answer::Dislike));
    /// assert_eq!(Answer::from_label("I can tolerate it."), Some(Answer::LiveWith));
    /// assert_eq!(Answer::from_label("maybe"), None);
    /// ```
    pub fn from_label(label: &str) -> Option<Answer> {
        let normal: String = label
            .to_lowercase()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '\'' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let words: Vec<&str> = normal.split_whitespace().collect();
        let key = words.join(" ");
        if let Some(answer) = Answer::from_chinese(&words.concat()) {
            return Some(answer);
        }
        let answer = match key.as_str() {
            "like"
            | "i like it"
            | "i like it that way"
            | "i like it this way"
            | "like it"
            | "i would like it"
            | "delighted"
            | "this would be very helpful to me"
            | "very helpful" => Answer::Like,
            "must be"
            | "mustbe"
            | "must"
            | "expect"
            | "expected"
            | "i expect it"
            | "it must be that way"
            | "it must be"
            | "i expect it that way"
            | "this is a basic requirement for me"
            | "basic requirement" => Answer::MustBe,
            "neutral"
            | "i am neutral"
            | "i'm neutral"
            | "indifferent"
            | "i don't care"
            | "don't care"
            | "this would not affect me"
            | "does not matter" => Answer::Neutral,
            "live with"
            | "livewith"
            | "i can live with it"
            | "i can live with it that way"
            | "tolerate"
            | "i can tolerate it"
            | "tolerable"
            | "this would be a minor inconvenience"
            | "minor inconvenience" => Answer::LiveWith,
            "dislike"
            | "i dislike it"
            | "i dislike it that way"
            | "i would dislike it"
            | "this would be a major problem for me"
            | "major problem" => Answer::Dislike,
            _ => return None,
        };
        Some(answer)
    }

    /// The answer a Chinese label stands for (spaces and punctuation removed): the wordings
    /// of the Chinese KANO questionnaires in simplified and traditional characters —
    /// 我很喜欢 / 理所当然 / 无所谓 / 能忍受 / 我很不喜欢 and their usual variants.
    fn from_chinese(key: &str) -> Option<Answer> {
        let answer = match key {
            "我很喜欢" | "很喜欢" | "喜欢" | "我喜欢" | "非常喜欢" | "我会很喜欢" | "满意"
            | "很满意" | "非常满意" | "我很满意" | "我很喜歡" | "很喜歡" | "喜歡" | "我喜歡"
            | "非常喜歡" | "滿意" | "很滿意" | "非常滿意" => Answer::Like,
            "理所当然"
            | "理应如此"
            | "理所应当"
            | "应该如此"
            | "必须这样"
            | "必须如此"
            | "本应如此"
            | "它理应如此"
            | "我认为理所当然"
            | "必备"
            | "理所當然"
            | "理應如此"
            | "理所應當"
            | "應該如此"
            | "必須這樣"
            | "必須如此" => Answer::MustBe,
            "无所谓" | "我无所谓" | "无所谓的" | "都可以" | "没感觉" | "没有感觉" | "中立"
            | "不在乎" | "无差别" | "一般" | "無所謂" | "我無所謂" | "沒感覺" | "沒有感覺"
            | "無差別" => Answer::Neutral,
            "能忍受" | "我能忍受" | "可以忍受" | "我可以忍受" | "勉强接受" | "能接受"
            | "可以接受" | "我能接受" | "勉強接受" => Answer::LiveWith,
            "我很不喜欢" | "很不喜欢" | "不喜欢" | "我不喜欢" | "非常不喜欢" | "不满意"
            | "很不满意" | "我很不满意" | "无法忍受" | "不能忍受" | "不能接受" | "我很不喜歡"
            | "很不喜歡" | "不喜歡" | "我不喜歡" | "非常不喜歡" | "不滿意" | "很不滿意"
            | "無法忍受" => Answer::Dislike,
            _ => return None,
        };
        Some(answer)
    }

    /// Position on the 5-point form (1 to 5).
    pub fn position(self) -> u8 {
        self as u8 + 1
    }

    /// DuMouchel's functional score: like 4, must-be 2, neutral 0, live-with −1, dislike −2.
    pub fn functional_score(self) -> f64 {
        [4.0, 2.0, 0.0, -1.0, -2.0][self as usize]
    }

    /// DuMouchel's dysfunctional score: like −2, must-be −1, neutral 0, live-with 2, dislike 4.
    pub fn dysfunctional_score(self) -> f64 {
        [-2.0, -1.0, 0.0, 2.0, 4.0][self as usize]
    }
}
