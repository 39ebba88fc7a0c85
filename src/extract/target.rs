//! A target's parts from the words around its number: the comparator
//! (以上, 以内, 左右, 达到, 3-5), the metric (what is measured, in the
//! report's words), whether it is a count that grows through the year,
//! and a short title.

use std::ops::Range;

use super::filters::strip_comparator;
use super::numbers::Quantity;
use crate::model::Comparator;

const AT_LEAST_BEFORE: &[&str] = &[
    "不低于",
    "不少于",
    "至少",
    "超过",
    "突破",
    "高于",
    "大于",
    "超",
    "稳定在",
    "保持在",
];
const AT_MOST_BEFORE: &[&str] = &[
    "控制在",
    "不超过",
    "低于",
    "下降至",
    "下降到",
    "降至",
    "降到",
    "压减至",
    "压降至",
    "减少到",
    "小于",
];
const APPROX_BEFORE: &[&str] = &["约", "大约"];
const EXACT_BEFORE: &[&str] = &[
    "达到",
    "达",
    "提升至",
    "提升到",
    "提高到",
    "提高至",
    "增至",
    "增加到",
    "增加至",
    "扩大到",
    "扩大至",
];

/// Filler left out of titles and metrics.
const FILLER: &[&str] = &[
    "力争",
    "努力",
    "全年",
    "确保",
    "争取",
    "力求",
    "今年",
    "年内",
    "年底前",
    "实现",
    "全力",
    "着力",
];

/// The comparator of `q` from the words right before and after it.
pub fn comparator_of(para: &str, clause: &Range<usize>, q: &Quantity) -> Comparator {
    if q.range {
        return Comparator::Range;
    }
    let after = &para[q.end..clause.end];
    let before = &para[clause.start..q.start];
    let prefix = |words: &[&str]| words.iter().any(|w| before.ends_with(w));
    let (word, _) = strip_comparator(after);
    match word {
        Some("以上" | "及以上") => return Comparator::AtLeast,
        Some("以内" | "以下" | "及以下") => return Comparator::AtMost,
        Some("左右") => return Comparator::Approx,
        _ => {}
    }
    if q.more_than {
        return Comparator::AtLeast;
    }
    // Negated words first: 不低于 is a floor though it ends in 低于.
    if prefix(&["不低于", "不少于", "不小于"]) {
        return Comparator::AtLeast;
    }
    if prefix(&["不超过", "不高于", "不大于", "不多于"]) {
        return Comparator::AtMost;
    }
    if prefix(APPROX_BEFORE) {
        return Comparator::Approx;
    }
    if prefix(AT_MOST_BEFORE) {
        return Comparator::AtMost;
    }
    if prefix(AT_LEAST_BEFORE) {
        return Comparator::AtLeast;
    }
    Comparator::Exact
}

fn strip_filler(s: &str) -> String {
    let mut out = s.to_owned();
    for w in FILLER {
        out = out.replace(w, "");
    }
    out
}

/// What `q` measures: the words of its clause before it (from `from`),
/// without filler and comparator words; 增长 becomes …增速. A count that
/// leads into a noun (实施13个港航项目) takes the noun.
pub fn metric_of(para: &str, from: usize, q: &Quantity, clause_end: usize) -> String {
    let mut m = strip_filler(para[from.min(q.start)..q.start].trim());
    m = m
        .trim_start_matches(['，', '、', '：', '；', ' ', '　'])
        .to_owned();
    loop {
        let before = m.len();
        for w in AT_LEAST_BEFORE
            .iter()
            .chain(AT_MOST_BEFORE)
            .chain(APPROX_BEFORE)
            .chain(EXACT_BEFORE)
            .chain(&["分别", "和", "、", "再", "新"])
        {
            if let Some(s) = m.strip_suffix(w) {
                m = s.to_owned();
            }
        }
        if m.len() == before {
            break;
        }
    }
    let growth = ["增长", "增速", "增幅"]
        .iter()
        .find_map(|w| m.strip_suffix(w).map(str::to_owned));
    if let Some(base) = growth {
        return format!("{base}增速");
    }
    // 实施13个港航项目: the noun after the count.
    let after = &para[q.end..clause_end];
    let (_, rest) = strip_comparator(after);
    let noun: String = rest
        .chars()
        .take_while(|c| super::filters::is_cjk(*c) || c.is_ascii_alphanumeric())
        .collect();
    if !noun.is_empty() && !m.is_empty() {
        return format!("{m}{noun}");
    }
    m
}

/// A count that grows through the year (stations built, jobs created);
/// rates, shares and levels are judged as they stand.
pub fn cumulative_of(q: &Quantity, metric: &str) -> bool {
    let rate_unit = matches!(q.unit.as_str(), "%" | "个百分点" | "‰" | "元/人" | "倍");
    let level = [
        "率", "比例", "占比", "强度", "指数", "水平", "价格", "增速", "涨幅", "产量", "总量",
    ]
    .iter()
    .any(|w| metric.contains(w));
    !rate_unit && !level
}

/// A short title: the quote without filler and end punctuation.
pub fn title_of(quote: &str) -> String {
    let t = strip_filler(quote);
    let t = t.trim_matches(|c: char| c.is_whitespace() || "，。；、：,;:".contains(c));
    if t.is_empty() {
        quote.trim().to_owned()
    } else {
        t.to_owned()
    }
}
