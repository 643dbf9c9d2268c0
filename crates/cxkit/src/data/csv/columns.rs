//! The files of a bank's data and their columns, as `docs/data-schema.md` lists them: the
//! file names ([`BANK_FILES`]), the Chinese headers accepted beside the English ones
//! ([`HEADER_ALIASES`]) and the columns that hold ids or labels ([`LABEL_FIELDS`]).

/// The files a bank's data may consist of, in the order they are read.
pub const BANK_FILES: [&str; 13] = [
    "customers.csv",
    "transactions.csv",
    "survey.csv",
    "servqual.csv",
    "kano.csv",
    "satisfaction_model.json",
    "satisfaction_model.toml",
    "satisfaction.csv",
    "journey_tree.json",
    "journey_tree.toml",
    "journey_events.csv",
    "complaints.csv",
    "comments.csv",
];

/// The Chinese headers accepted for each column, beside its English name (listed in
/// docs/data-schema.md).
///
/// ```
/// use cxkit::data::{BankData, HEADER_ALIASES};
///
/// assert!(HEADER_ALIASES.contains(&("amount", &["金额", "交易金额"][..])));
/// let csv = "客户编号,交易日期,金额\nc1,2025-01-03,120.5\n";
/// let bank = BankData::read_files([("transactions.csv", csv.as_bytes())])?;
/// assert_eq!(bank.transactions.unwrap().amount, vec![120.5]);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub const HEADER_ALIASES: &[(&str, &[&str])] = &[
    ("customer_id", &["客户编号", "客户号", "客户ID"]),
    ("segment", &["客群", "客户分群"]),
    ("age", &["年龄"]),
    ("income_band", &["收入档次", "收入等级"]),
    ("products", &["持有产品数", "产品数"]),
    ("gender", &["性别"]),
    ("region", &["地区", "区域"]),
    ("occupation", &["职业"]),
    ("balance", &["余额"]),
    ("date", &["交易日期", "日期"]),
    ("amount", &["金额", "交易金额"]),
    ("wave", &["调查轮次", "轮次"]),
    ("ltr", &["推荐意愿", "推荐可能性"]),
    ("csat", &["满意度"]),
    ("ces", &["费力度"]),
    ("respondent_id", &["受访者编号", "答卷编号"]),
    ("item", &["题号", "题目"]),
    ("answer", &["评分", "答案"]),
    ("dimension", &["维度"]),
    ("perception", &["感知评分", "感知"]),
    ("expectation", &["期望评分", "期望"]),
    ("feature", &["功能", "属性"]),
    ("functional", &["正向回答", "正向问题"]),
    ("dysfunctional", &["反向回答", "反向问题"]),
    ("touchpoint", &["触点"]),
    ("indicator", &["指标"]),
    ("timestamp", &["时间", "时间戳"]),
    ("value", &["数值"]),
    ("channel", &["渠道"]),
    ("category", &["投诉类别", "类别"]),
    ("opened", &["受理时间", "投诉时间"]),
    ("first_response", &["首次响应时间"]),
    ("resolved", &["办结时间", "解决时间"]),
    ("contacts", &["联系次数"]),
    ("reopened", &["是否重开"]),
    ("satisfaction", &["回访满意度"]),
    (
        "text",
        &["评论", "投诉内容", "内容", "评论内容", "留言", "意见"],
    ),
    ("source", &["来源", "数据来源"]),
    ("score", &["推荐分", "打分"]),
];

/// A column of a data file that holds ids or labels: read as text exactly as written (zeros,
/// letter case and inner spaces kept; only the spaces around a cell are dropped), never as a
/// number. Bindings check such columns of a DataFrame before it becomes a file, so a float
/// id (`7.0`, from a pandas column with a NaN) is refused instead of joining nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelField {
    /// The file's name without `.csv`: `"survey"`.
    pub table: &'static str,
    /// The column's English name: `"customer_id"`.
    pub column: &'static str,
    /// Both, for error messages: `"survey.customer_id"`.
    pub qualified: &'static str,
    /// Whether every row must have one (else an empty cell is read as "none given").
    pub required: bool,
}

const fn field(
    table: &'static str,
    column: &'static str,
    qualified: &'static str,
    required: bool,
) -> LabelField {
    LabelField {
        table,
        column,
        qualified,
        required,
    }
}

/// Every id and label column of the data files (docs/data-schema.md).
///
/// ```
/// use cxkit::data::{label_field, LABEL_FIELDS};
///
/// assert!(LABEL_FIELDS.iter().all(|f| f.qualified == format!("{}.{}", f.table, f.column)));
/// assert_eq!(label_field("survey", "客户ID").map(|f| f.qualified), Some("survey.customer_id"));
/// assert_eq!(label_field("survey", "ltr"), None);
/// ```
pub const LABEL_FIELDS: &[LabelField] = &[
    field("customers", "customer_id", "customers.customer_id", true),
    field("customers", "segment", "customers.segment", true),
    field("customers", "gender", "customers.gender", false),
    field("customers", "occupation", "customers.occupation", false),
    field("customers", "region", "customers.region", false),
    field("customers", "channel", "customers.channel", false),
    field(
        "transactions",
        "customer_id",
        "transactions.customer_id",
        true,
    ),
    field("survey", "customer_id", "survey.customer_id", true),
    field("servqual", "respondent_id", "servqual.respondent_id", true),
    field("servqual", "dimension", "servqual.dimension", true),
    field("kano", "respondent_id", "kano.respondent_id", true),
    field("kano", "feature", "kano.feature", true),
    field(
        "satisfaction",
        "customer_id",
        "satisfaction.customer_id",
        true,
    ),
    field("satisfaction", "item", "satisfaction.item", true),
    field(
        "journey_events",
        "touchpoint",
        "journey_events.touchpoint",
        true,
    ),
    field(
        "journey_events",
        "indicator",
        "journey_events.indicator",
        true,
    ),
    field("journey_events", "segment", "journey_events.segment", false),
    field("complaints", "customer_id", "complaints.customer_id", true),
    field("complaints", "channel", "complaints.channel", true),
    field("complaints", "category", "complaints.category", true),
    field("comments", "customer_id", "comments.customer_id", true),
    field("comments", "channel", "comments.channel", false),
    field("comments", "source", "comments.source", false),
];

/// The id or label column of `table` (a file name without `.csv`) that a header names — by
/// its English name or a Chinese alias, in any ASCII letter case, as the reader matches them.
pub fn label_field(table: &str, header: &str) -> Option<&'static LabelField> {
    let header = header.trim();
    LABEL_FIELDS.iter().find(|f| {
        f.table == table
            && (header.eq_ignore_ascii_case(f.column)
                || aliases(f.column)
                    .iter()
                    .any(|a| header.eq_ignore_ascii_case(a)))
    })
}

/// The Chinese headers accepted for column `name`.
pub(super) fn aliases(name: &str) -> &'static [&'static str] {
    HEADER_ALIASES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, a)| a)
}

/// The index in [`BANK_FILES`] of the data file named `name` in any ASCII letter case.
pub(super) fn known_file(name: &str) -> Option<usize> {
    BANK_FILES.iter().position(|f| f.eq_ignore_ascii_case(name))
}
