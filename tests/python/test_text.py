"""Free text from Python: personal-data masking and tokenising (cxkit.text), on one string
and on columns of every kind, against Python jieba's precise mode on a few hundred bank
sentences (the dictionary and HMM both ship with jieba: jieba-rs embeds the same dict.txt)."""

import itertools
import pickle

import numpy as np
import pandas as pd
import pytest

import cxkit

# Comment fragments of the kind banks receive; their pairings make 40 × 40 = 1 600 sentences.
FRAGMENTS = [
    "柜台排队等了一个多小时", "手机银行总是闪退", "转账限额太低了", "信用卡年费收得莫名其妙",
    "客服电话一直打不通", "大堂经理态度很好", "网点环境干净整洁", "贷款审批太慢", "房贷利率比别家高",
    "开户要填的材料太多", "人脸识别老是失败", "ATM机吞卡了", "短信验证码收不到", "营销电话每天都打",
    "理财经理推销保险", "跨行转账手续费太贵", "APP更新以后登录不了", "取号机坏了没人管", "柜员业务不熟练",
    "投诉了三次都没有回复", "积分兑换的礼品缺货", "账户被冻结也没通知", "挂失补卡要跑两趟", "利息算错了",
    "自助设备操作复杂", "外币兑换窗口关闭了", "等候区没有座位", "工作人员耐心解答", "问题当场就解决了",
    "还款日提醒很及时", "额度调整申请被拒", "分期手续费不透明", "密码重置流程繁琐", "网点营业时间太短",
    "视频客服排队很久", "盗刷后处理很快", "理赔材料反复要求补充", "存款证明开具方便", "老人办业务没人帮忙",
    "扫码支付经常失败",
]
SENTENCES = [a + "，" + b + "。" for a, b in itertools.product(FRAGMENTS, FRAGMENTS)]


def test_segmentation_equals_python_jieba():
    jieba = pytest.importorskip("jieba")
    t = cxkit.Tokenizer()
    differ = [s for s in SENTENCES if t.segment(s) != jieba.lcut(s)]
    assert len(SENTENCES) == 1_600 and not differ, differ[:5]


def test_masking_one_text_and_columns():
    text = "卡号 4111 1111 1111 1111，电话 13812345678，身份证 440524188001010014，邮箱 zs@example.cn"
    masked = "卡号 [CARD]，电话 [PHONE]，身份证 [ID]，邮箱 [EMAIL]"
    assert cxkit.mask_pii(text) == masked
    # Checksums decide: one digit off is neither an id nor a card.
    assert cxkit.mask_pii("440524188001010015 4111111111111112") == "440524188001010015 4111111111111112"
    texts = [text, None, "没有个人信息"]
    assert cxkit.mask_pii(texts) == [masked, None, "没有个人信息"]
    assert cxkit.mask_pii(np.array(texts, dtype=object)) == [masked, None, "没有个人信息"]
    # A pandas Series (also string[pyarrow]) keeps its index and name; a missing text stays missing.
    for dtype in (object, "string", "string[pyarrow]"):
        s = pd.Series(texts, index=["c9", "c1", "c5"], name="comment", dtype=dtype)
        out = cxkit.mask_pii(s)
        assert list(out.index) == ["c9", "c1", "c5"] and out.name == "comment"
        assert out["c9"] == masked and out["c1"] is None and out["c5"] == "没有个人信息"
    pl = pytest.importorskip("polars")
    assert cxkit.mask_pii(pl.Series(texts)) == [masked, None, "没有个人信息"]


def test_a_text_column_must_hold_texts():
    with pytest.raises(cxkit.InvalidParameterError, match="row 1 is a int"):
        cxkit.mask_pii(["ok", 7])
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.tokenize(pd.Series([1.5, 2.5]))


def test_tokenizing():
    assert cxkit.tokenize("手机银行的APP总是闪退! Very slow.") == ["手机", "银行", "app", "总是", "闪退", "slow"]
    assert cxkit.tokenize(["排队等了一个小时", None, "   "]) == [["排队", "等", "小时"], [], []]
    assert cxkit.normalize("ＡＴＭ　取款") == "atm 取款"
    # The bank's words stay whole; its stop words replace the shipped ones.
    t = cxkit.Tokenizer(words=["手机银行", "转账限额"])
    assert t.tokenize("手机银行的转账限额太低") == ["手机银行", "转账限额", "太低"]
    t.set_stop_words(["太低"])
    assert t.is_stop_word("太低") and not t.is_stop_word("的")
    assert t.tokenize("手机银行的转账限额太低") == ["手机银行", "的", "转账限额"]
    s = cxkit.tokenize(pd.Series(["ATM吞卡"], index=[42]))
    assert s.loc[42] == ["atm", "吞卡"]


TAXONOMY = """
[[topics]]
id = "waiting"
name = { en = "Waiting and queues", zh = "排队等候" }
[[topics.rules]]
any = ["排队", "等了", "queue"]
none = ["不用排队"]

[[topics]]
id = "app"
name = { en = "Mobile app", zh = "手机银行" }

[[topics]]
id = "app_crash"
parent = "app"
code = "A-01"
[[topics.rules]]
all = ["app", "闪退"]
window = 8
"""


def test_taxonomy_tags_with_evidence():
    t = cxkit.Taxonomy.from_toml(TAXONOMY)
    assert list(t.topics["id"]) == ["waiting", "app", "app_crash"]
    assert t.topics.set_index("id").loc["app_crash", "parent"] == "app"
    assert t.topics.set_index("id").loc["waiting", "name_zh"] == "排队等候"
    comments = pd.Series(["排队等了一小时", "ＡＰＰ又闪退", "预约了不用排队", None, "  "], index=["c1", "c2", "c3", "c4", "c5"])
    tags = t.tag(comments)
    # c1: waiting (two overlapping terms); c2: the sub-topic and, through it, its parent; the
    # exclusion vetoes c3; missing and blank texts carry nothing.
    assert list(zip(tags["text"], tags["topic"], tags["direct"])) == [
        ("c1", "waiting", True), ("c2", "app", False), ("c2", "app_crash", True)]
    assert tags["terms"][0] == ["排队", "等了"]
    # Evidence in characters of the caller's text: "ＡＰＰ" is characters 0–3, "闪退" 4–6.
    assert tags["evidence"][2] == [("app", 0, 3), ("闪退", 4, 6)]
    # The same taxonomy from a dict; positions for a list.
    same = cxkit.Taxonomy.from_dict({"topics": [{"id": "fees", "rules": [{"any": ["年费"]}]}]})
    assert list(same.tag(["x", "年费太贵"])["text"]) == [1]
    with pytest.raises(cxkit.InvalidTaxonomyError) as e:
        cxkit.Taxonomy.from_dict({"topics": [{"id": "lonely"}]})
    assert e.value.topic == "lonely"


def test_topic_indicators_are_the_tags_without_evidence():
    # Independent route: the indicator matrix rebuilt from tag's long rows, on the demo bank's
    # comments (with a full-width, an upper-case, a missing and a blank text added), keeps the
    # caller's index and the taxonomy's topic order.
    texts = cxkit.load_demo_bank(customers=2_000)["comments"]["text"]
    texts = pd.concat([texts, pd.Series(["ＡＰＰ闪退", "FEES!", None, " "], index=[-1, -2, -3, -4])])
    t = cxkit.Taxonomy.default("zh")
    m = t.indicators(texts)
    assert list(m.columns) == list(t.topics["id"]) and m.index.equals(texts.index)
    assert (m.dtypes == bool).all()
    tags = t.tag(texts)
    expected = pd.crosstab(tags["text"], tags["topic"]).reindex(index=texts.index, columns=m.columns, fill_value=0) > 0
    pd.testing.assert_frame_equal(m, expected, check_names=False)
    assert m.loc[-1, ["app", "app_crash"]].all() and m.loc[-2, "fees"] and not m.loc[[-3, -4]].to_numpy().any()
    assert m.to_numpy().sum() > 200  # the demo's comments carry topics
    # Positions for a list; one string is one row; a number is refused, naming its row.
    assert t.indicators(["年费太贵", "好"])["fees"].tolist() == [True, False]
    assert t.indicators("年费太贵").shape == (1, 15)
    with pytest.raises(cxkit.InvalidParameterError, match="row 1"):
        t.indicators(["好", 3])


def test_the_default_taxonomy():
    t = cxkit.Taxonomy.default()
    assert len(t.topics) == 15 and t.topics["name_zh"].notna().all() and t.topics["name_en"].notna().all()
    tags = t.tag(["APP更新后一直闪退", "The ATM swallowed my card", "办了免年费的信用卡"])
    assert list(zip(tags["text"], tags["topic"])) == [
        (0, "app"), (0, "app_crash"), (0, "app_update"), (1, "cards_atm"), (2, "cards_atm")]
    # The file a bank edits reads back as the same taxonomy.
    assert list(cxkit.Taxonomy.from_toml(cxkit.Taxonomy.default_toml()).topics["id"]) == list(t.topics["id"])


def test_topic_names_in_the_taxonomy_language():
    zh = cxkit.Taxonomy.default(lang="zh")
    assert zh.tag("柜台排队一个小时")["name"].tolist() == ["排队等候"]
    assert cxkit.Taxonomy.default().tag("柜台排队一个小时")["name"].tolist() == ["Waiting and queues"]
    assert zh.topics["name"].tolist() == zh.topics["name_zh"].tolist()
    # A topic without names shows its id.
    own = cxkit.Taxonomy.from_dict({"topics": [{"id": "q", "rules": [{"any": ["排队"]}]}]}, lang="zh")
    assert own.topics["name"].tolist() == ["q"]
    with pytest.raises(cxkit.InvalidParameterError, match="unknown language code"):
        cxkit.Taxonomy.default(lang="fr")


def test_sentiment_scores_by_the_rule():
    # The rule of cxkit::text::sentiment with the default lexicon: 非常 ×2, 不 turns,
    # 不太 (not very) ×(−½), 很差 = 很 1.5 × 差 −1.
    s = cxkit.sentiment(["非常满意", "不满意", "不太满意", "服务态度很差", None, ""])
    assert s["score"].tolist()[:4] == [2.0, -1.0, -0.5, -1.5]
    assert np.isnan(s["score"][4]) and s["score"][5] == 0.0
    assert s["polarity"].tolist()[:4] == ["positive", "negative", "negative", "negative"]
    assert pd.isna(s["polarity"][4]) and s["polarity"][5] == "neutral"
    assert s["words"][3] == ["差"] and s["hits"][3] == [("差", ["很"], -1.5, 5, 6)]
    # A pandas Series keeps its index; a single text gives one row.
    series = pd.Series(["good", "very bad"], index=["c9", "c2"])
    assert cxkit.sentiment(series).loc["c2", "score"] == -1.5
    assert len(cxkit.sentiment("好")) == 1


def test_a_banks_lexicon():
    lex = cxkit.Lexicon.from_dict({"words": {"给力": 1.0}, "negations": ["不"], "degrees": {"超": 2.0}})
    assert cxkit.sentiment(["超给力", "不给力"], lexicon=lex)["score"].tolist() == [2.0, -1.0]
    assert "window = 3" in cxkit.Lexicon.default_toml()
    assert repr(cxkit.Lexicon.from_toml(cxkit.Lexicon.default_toml())).startswith("Lexicon(")
    with pytest.raises(cxkit.InvalidParameterError, match="`好` is listed twice"):
        cxkit.Lexicon.from_dict({"words": {"好": 1.0}, "negations": ["好"]})
    with pytest.raises(cxkit.InvalidParameterError, match="weight"):
        cxkit.Lexicon.from_dict({"words": {"好": 0.0}})


def test_keywords_by_group_match_the_formula():
    # TF-IDF of cxkit::text::keywords: tf in the group × (ln((1 + N)/(1 + df)) + 1), the
    # smoothed idf of scikit-learn's TfidfVectorizer; recomputed here with pandas from the
    # same words (cxkit.tokenize, words of two characters or more).
    texts = pd.Series(["柜台排队太久", "排队等了一个小时", "手机银行闪退", "手机银行登录不了", "柜台服务很好"],
                      index=[11, 12, 13, 14, 15])
    by = pd.Series(["branch", "branch", "app", "app", "branch"], index=[15, 14, 13, 12, 11])  # another order
    aligned = by.loc[texts.index]
    k = cxkit.keywords(texts, by=by, top=50)
    words = cxkit.tokenize(texts).map(lambda ws: [w for w in ws if len(w) >= 2])
    n = len(texts)
    df = pd.Series([w for ws in words for w in set(ws)]).value_counts()
    for group, rows in k.groupby("group"):
        mine = [w for ws in words[aligned == group] for w in ws]
        tf = pd.Series(mine).value_counts() / len(mine)
        expected = tf * (np.log((1 + n) / (1 + df[tf.index])) + 1)
        got = rows.set_index("term")["score"]
        assert set(got.index) == set(expected.index)
        assert np.allclose(got.sort_index(), expected.sort_index(), rtol=1e-12)
        assert rows["rank"].tolist() == list(range(1, len(rows) + 1))
    assert set(k["group"]) == {"app", "branch"}
    # The groups are matched by index label: text 15 (柜台服务很好) is by's first entry, branch.
    assert "服务" in k[k["group"] == "branch"]["term"].tolist()


def test_textrank_and_term_changes():
    k = cxkit.keywords(["x y", "y z"] * 3, method="textrank", min_chars=1)
    assert k["term"].tolist() == ["y", "x", "z"]
    # The chain x – y – z (the Rust test's hand solution): 0.21375/0.2775 for x and z.
    assert np.isclose(k["score"].iloc[1], 0.21375 / 0.2775)
    q3 = ["排队太久"] * 90 + ["手机银行闪退"] * 10
    q4 = ["排队太久"] * 60 + ["手机银行闪退"] * 40
    c = cxkit.term_changes(q3, q4)
    top = c.iloc[0]
    assert top["term"] in {"手机", "银行", "闪退"} and np.isclose(top["change"], 0.3)
    assert np.isclose(top["z"], 4.8989795) and top["p_value"] < 1e-5
    assert c.iloc[-1]["change"] < 0
    with pytest.raises(cxkit.InvalidParameterError, match="method"):
        cxkit.keywords(["a"], method="lda")
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.term_changes([], ["排队"])


def _impact_corpus(seed=7, n=600):
    rng = np.random.default_rng(seed)
    kinds = rng.choice(["手续费太贵了", "年费乱收费，APP也闪退", "APP闪退", "柜员态度很好", "谢谢"], size=n)
    base = {"手续费太贵了": 4, "年费乱收费，APP也闪退": 3, "APP闪退": 6, "柜员态度很好": 9, "谢谢": 8}
    scores = np.clip([base[k] + rng.integers(-3, 3) for k in kinds], 0, 10).astype(float)
    scores[rng.random(n) < 0.05] = np.nan
    index = [f"r{i:04d}" for i in range(n)]
    return pd.Series(kinds, index=index), pd.Series(scores, index=index)


def test_topic_impact_against_pandas():
    # Independent route: pandas NPS with and without the topic, the cost share × (without −
    # with), and its standard error by the delta method written as gradient' Σ gradient / n
    # over the means of (t, t·y, y) with a numerical gradient of g(a, b, e) = (a·e − b)/(1 − a).
    texts, scores = _impact_corpus()
    shuffled = scores.sample(frac=1.0, random_state=3)  # matched by index, not position
    r = cxkit.topic_impact(texts, shuffled)
    tags = cxkit.Taxonomy.default().tag(texts)
    fees_rows = set(tags.loc[tags["topic"] == "fees", "text"])
    df = pd.DataFrame({"score": scores, "fees": [i in fees_rows for i in texts.index]}).dropna()
    y = np.where(df["score"] >= 9, 1.0, np.where(df["score"] <= 6, -1.0, 0.0))
    t = df["fees"].to_numpy(dtype=float)
    nps = lambda v: 100 * v.mean()
    row = r.table.loc["fees"]
    assert row["scored"] == t.sum() and row["mentions"] == len(fees_rows)
    assert np.isclose(row["with"], nps(y[t == 1])) and np.isclose(row["without"], nps(y[t == 0]))
    assert np.isclose(r.score, nps(y))
    a = t.mean()
    assert np.isclose(row["cost"], a * (row["without"] - row["with"]))
    z = np.column_stack([t, t * y, y])
    g = lambda m: (m[0] * m[2] - m[1]) / (1 - m[0])
    m = z.mean(axis=0)
    grad = np.array([(g(m + h) - g(m - h)) / 2e-7 for h in np.eye(3) * 1e-7])
    se = np.sqrt(grad @ np.cov(z.T, bias=True) @ grad / len(y))
    assert np.isclose(row["cost_se"], 100 * se, rtol=1e-5)
    assert np.isclose(row["cost_high"] - row["cost_low"], 2 * 1.959964 * row["cost_se"], rtol=1e-6)
    # The topic with the lowest scores costs the most; the drivers run on the top-level topics.
    assert r.table["cost"].idxmax() == "fees"
    assert set(r.drivers.table.index) <= set(r.table.index) and "fees" in r.drivers.table.index


def test_topic_impact_of_tags_matched_by_label():
    # The tags DataFrame of Taxonomy.tag (here with only the sub-topic rows kept, and
    # shuffled) gives the costs of the texts themselves: rows matched to the scores by label.
    texts, scores = _impact_corpus()
    tags = cxkit.Taxonomy.default().tag(texts)
    edited = tags[tags["direct"]].sample(frac=1.0, random_state=5)
    by_text = cxkit.topic_impact(texts, scores)
    by_tags = cxkit.topic_impact(edited, scores.sample(frac=1.0, random_state=9))
    cols = ["mentions", "scored", "with", "without", "cost", "cost_se"]
    pd.testing.assert_frame_equal(by_tags.table[cols], by_text.table[cols])
    assert by_tags.sentiment["positive"] + by_tags.sentiment["negative"] == 0
    # Groups by label too; the accumulator takes tags as well.
    channel = pd.Series(np.where(np.arange(len(texts)) % 3 == 0, "branch", "app"), index=texts.index)
    grouped = cxkit.topic_impact(edited, scores, by=channel.sample(frac=1.0, random_state=1))
    assert grouped.groups["branch"].comments == (channel == "branch").sum()
    acc = cxkit.TopicAccumulator()
    acc.add(edited, scores)
    assert np.allclose(acc.finish().table["cost"], by_text.table["cost"], equal_nan=True)
    # A tag of a comment the scores do not hold, an unknown topic, no scores: refused.
    stray = pd.DataFrame({"text": ["r0001", "nobody"], "topic": ["fees", "fees"]})
    with pytest.raises(cxkit.IncompatibleError, match="'nobody'"):
        cxkit.topic_impact(stray, scores)
    with pytest.raises(cxkit.InvalidLabelError, match="no topic 'parking'|no topic \"parking\""):
        cxkit.topic_impact(pd.DataFrame({"text": ["r0001"], "topic": ["parking"]}), scores)
    with pytest.raises(cxkit.InvalidParameterError, match="give scores or by"):
        acc.add(edited)
    # Positions where the comments carry no labels (a list of scores).
    listed = cxkit.topic_impact(pd.DataFrame({"text": [0, 1], "topic": ["fees", "fees"]}), [2, 4, 10, 9])
    assert listed.table.loc["fees", "cost"] == 100.0


def test_topic_impact_by_group_and_the_accumulator():
    texts, scores = _impact_corpus()
    channel = pd.Series(np.where(np.arange(len(texts)) % 3 == 0, "branch", "app"), index=texts.index)
    whole = cxkit.topic_impact(texts, scores, by=channel)
    assert set(whole.groups) == {"app", "branch"}
    assert whole.groups["app"].comments + whole.groups["branch"].comments == whole.comments
    # Two partitions folded and merged give the same answer; the state pickles.
    acc, other = cxkit.TopicAccumulator(), cxkit.TopicAccumulator()
    acc.add(texts[:250], scores[:250], by=channel[:250])
    other.add(texts[250:], scores[250:], by=channel[250:])
    acc.merge(pickle.loads(pickle.dumps(other)))
    merged = acc.finish()
    assert np.allclose(merged.table["cost"], whole.table["cost"], equal_nan=True)
    assert acc.groups == ["app", "branch"]
    assert cxkit.TopicAccumulator.from_bytes(acc.to_bytes()) == acc
    k = acc.keywords(group="branch", top=5)
    assert len(k) == 5 and list(k.columns) == ["rank", "term", "score", "count", "docs"]
    change = cxkit.impact_change(whole.groups["app"], whole.groups["branch"])
    assert "fees" in change["id"].tolist()
    # Mean scores need their scale; a failed update changes nothing.
    with pytest.raises(cxkit.InvalidParameterError, match="scale"):
        cxkit.TopicAccumulator(metric="mean")
    before = acc.to_bytes()
    with pytest.raises(cxkit.InvalidScoreError):
        acc.add(["排队"], [11])
    assert acc.to_bytes() == before
    csat = cxkit.topic_impact(["手续费太贵", "年费太贵", "很好", "谢谢"], [1, 1, 5, 5], metric="mean", scale=5)
    assert csat.table.loc["fees", "cost"] == 2.0
