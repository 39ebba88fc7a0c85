//! Numbers that are not targets: names, slogans, ordinals, scope,
//! thresholds and qualifiers inside a target, descriptions of instruments.
//!
//! Each rule looks at the words right around a number, never at whole
//! sentences of a particular report.

use super::clauses;
use super::numbers::Quantity;

/// Why a number was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reject {
    /// Inside quotes, a title or brackets: a name or slogan (“十四五”, 《…》).
    Name,
    /// 第三届, 8号线, 5+4+2, 7大产业集群.
    Ordinal,
    /// A qualifier inside a target: 营收1亿元以上企业, 65岁及以上, 百亿级.
    Threshold,
    /// The scope a task works on (围绕28条重点产业链).
    Scope,
    /// A description of an instrument (发挥10亿元专项资金作用, 15%所得税优惠).
    Instrument,
}

/// Verbs after which "N units of something" is a count to deliver
/// (实施13个港航项目, 办好十项民生实事).
const DELIVER_VERBS: &[&str] = &[
    "实施",
    "新建",
    "建成",
    "建设",
    "改造",
    "新增",
    "培育",
    "打造",
    "引进",
    "办好",
    "开工",
    "完成",
    "推进",
    "创建",
    "新开",
    "认定",
    "招引",
    "开通",
    "改建",
    "新改建",
    "提升",
    "整治",
    "治理",
    "组建",
    "建立",
    "落地",
    "签约",
    "推出",
    "举办",
    "开展",
    "培训",
    "帮扶",
    "攻克",
    "培养",
    "招聘",
    "招募",
    "新培育",
    "新认定",
    "新引进",
    "培育壮大",
    "遴选",
    "储备",
    "投用",
    "投产",
    "竣工",
    "做好",
    "办成",
    "扶持",
    "支持",
    "吸纳",
    "安置",
    "解决",
    "发放",
    "种植",
    "植树",
    "造林",
    "修复",
    "新种",
    "创成",
    "创办",
    "开设",
    "建好",
    "建强",
    "升级",
    "扩建",
    "整合",
    "布局",
    "评选",
    "打通",
    "新上",
    "续建",
    "申报",
    "争创",
    "发展",
    "服务",
    "救助",
    "资助",
    "保障",
    "回收",
    "处置",
    "供应",
    "筹集",
    "搬迁",
    "转移",
    "清理",
    "消除",
    "新开工",
    "新投产",
    "达产",
    "获批",
    "安排",
    "启动",
    "新建提升",
    "建成投运",
    "改扩建",
    "增补",
    "新增改造",
    "提供",
    "进行",
    "推动",
    "加快建设",
    "优化",
    "建强",
];

/// Nouns that make an amount of money an instrument.
const INSTRUMENT_NOUNS: &[&str] = &[
    "资金",
    "基金",
    "专项债",
    "债券",
    "贷款",
    "补贴",
    "奖补",
    "补助",
    "奖励",
    "贴息",
    "资本",
    "额度",
    "授信",
    "担保",
    "预算",
    "投资基金",
    "引导基金",
];

/// Words before a number that describe a subsidy or rule, not a target.
const INSTRUMENT_LEADS: &[&str] = &[
    "按",
    "给予",
    "最高",
    "奖励",
    "补贴",
    "补助",
    "贴息",
    "减免",
    "减按",
    "税率",
    "优惠",
    "不超过",
    "上浮",
    "下浮",
    "享受",
    "发挥",
    "用好",
    "安排",
    "延续",
    "统筹",
    "提供",
    "投入",
];

/// What may follow a target's number and unit without making it a
/// qualifier of a noun.
const CONTINUATIONS: &[&str] = &[
    "以上",
    "以下",
    "以内",
    "左右",
    "及以上",
    "和",
    "与",
    "或",
    "并",
    "同比",
    "其中",
    "的目标",
    "目标",
    "以",
    "、",
    "，",
    "。",
    "；",
    "（",
    "(",
    ":",
    "：",
    "）",
];

fn ends_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.ends_with(w))
}

/// Whether the quantity `q` of `para` is to be left out, and why.
/// `clause` is the byte range of the clause holding it.
pub fn reject(para: &str, clause: std::ops::Range<usize>, q: &Quantity) -> Option<Reject> {
    if clauses::quoted(para, q.start) {
        return Some(Reject::Name);
    }
    let before = &para[clause.start..q.start];
    let after = &para[q.end..clause.end];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    // 用3—5年时间培养引进10名…: a goal over several years, not this year's.
    let sentence_start = para[..clause.start]
        .rfind(['。', '；', '！'])
        .map_or(0, |i| i + '。'.len_utf8());
    if para[sentence_start..q.start].contains("年时间") {
        return Some(Reject::Scope);
    }
    // 64个预增产值过10亿元的新增长点: a bare 过 (not 超过) sets a size class.
    if prev == Some('过') && !before.ends_with("超过") {
        return Some(Reject::Threshold);
    }
    // Ordinals, names and slogans.
    if matches!(prev, Some('第' | '+' | '＋')) {
        return Some(Reject::Ordinal);
    }
    if matches!(
        next,
        Some(
            '+' | '＋'
                | '大'
                | '号'
                | '届'
                | '强'
                | '级'
                | '星'
                | '型'
                | '类'
                | '期'
                | '维'
                | '化'
                | 'A'
                | 'G'
                | '/'
                | '·'
        )
    ) {
        return Some(Reject::Ordinal);
    }
    for w in [
        "方面",
        "周年",
        "年",
        "月",
        "日",
        "季度",
        "代",
        "倍以上",
        "之一",
        "分之",
    ] {
        if after.starts_with(w) {
            return Some(Reject::Ordinal);
        }
    }
    if q.unit == "岁" || q.unit == "天" && after.starts_with('内') {
        return Some(Reject::Threshold);
    }
    // 百亿级 and the like: a magnitude with 级 after a unit.
    if after.starts_with("级") {
        return Some(Reject::Threshold);
    }
    // An instrument: money or a rate of a subsidy, tax or fund.
    let founds = ["设立", "组建", "新设"].iter().any(|w| before.ends_with(w));
    if (q.unit.starts_with('元') || q.unit == "%") && !founds {
        let rest = after.trim_start_matches(['以', '上', '下', '内', '左', '右']);
        if INSTRUMENT_NOUNS.iter().any(|n| rest.starts_with(n))
            || (q.unit == "%"
                && ["所得税", "税", "优惠", "的补贴", "的奖励", "比例给予"]
                    .iter()
                    .any(|n| rest.starts_with(n)))
        {
            return Some(Reject::Instrument);
        }
        let near: String = before
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if INSTRUMENT_LEADS.iter().any(|w| near.contains(w)) {
            return Some(Reject::Instrument);
        }
    }
    // A count leading straight into a noun (实施13个港航项目, 3个以上省级
    // 集群) is a target when a verb of delivery comes before it in the
    // clause; otherwise the number qualifies the noun (营收1亿元以上企业,
    // 围绕28条重点产业链).
    let (_, rest) = strip_comparator(after);
    let leads_into_noun = rest
        .chars()
        .next()
        .is_some_and(|c| is_cjk(c) || c.is_ascii_alphanumeric() || c == '“')
        && !CONTINUATIONS.iter().any(|w| rest.starts_with(w));
    // A Chinese numeral counts only right after a verb of delivery (办好十项
    // 民生实事), never as 一 (一批, 一个).
    // 9个“一件事”, 3个“1+N”: a count of a slogan's items (the quoted name
    // opens with a numeral). 建设24个“渝好空间”项目 is a count to deliver.
    if let Some(quoted) = rest.strip_prefix('“')
        && quoted
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十两百千万".contains(c))
    {
        return Some(Reject::Name);
    }
    // A size class (营收1亿元以上企业, 5000万元以上项目).
    if q.unit.starts_with('元') && leads_into_noun && after.starts_with(['以', '及']) {
        return Some(Reject::Threshold);
    }
    // A capacity of one project (120万吨乙烯项目).
    if q.unit == "吨" && leads_into_noun {
        return Some(Reject::Threshold);
    }
    if q.chinese && (q.low < 2.0 || !delivered(before, after, true)) {
        return Some(Reject::Scope);
    }
    if leads_into_noun && q.unit != "%" && !delivered(before, after, q.chinese) {
        return Some(
            if after.starts_with(['以', '及']) || matches!(prev, Some('超')) {
                Reject::Threshold
            } else {
                Reject::Scope
            },
        );
    }
    if matches!(prev, Some('前' | '满')) {
        return Some(Reject::Ordinal);
    }
    None
}

/// Words that make what follows them a scope, not a thing delivered.
const SCOPE_WORDS: &[&str] = &[
    "围绕",
    "聚焦",
    "依托",
    "针对",
    "覆盖",
    "涉及",
    "包括",
    "按照",
    "根据",
    "用好",
    "发挥",
    "通过",
    "借助",
    "面向",
    "瞄准",
    "利用",
    "结合",
    "对标",
    "立足",
    "对接",
    "融入",
    "服务于",
    "带动",
    "辐射",
];

/// Whether a verb of delivery governs the number: right before it (a
/// Chinese numeral needs that), or earlier in the clause with no scope
/// word between; or the clause opens with the count and ends on a verb
/// (7处险工险段汛前全面改造完工).
fn delivered(before: &str, after: &str, chinese: bool) -> bool {
    let trimmed = before.trim_end_matches(['再', '新', '约', '了', '的', '共', '等']);
    if ends_with_any(trimmed, DELIVER_VERBS).is_some() {
        return true;
    }
    if chinese {
        return false;
    }
    let last_verb = DELIVER_VERBS
        .iter()
        .filter_map(|v| before.rfind(v).map(|i| i + v.len()))
        .max();
    if let Some(at) = last_verb {
        return !SCOPE_WORDS.iter().any(|w| before[at..].contains(w));
    }
    // 加快1600个城市更新项目建设, 深化10个合作平台建设: the delivery is
    // the noun phrase's last word.
    let tail = after.trim_end_matches(|c: char| !is_cjk(c));
    if ["建设", "改造", "建成", "落地"]
        .iter()
        .any(|w| tail.ends_with(w))
    {
        return true;
    }
    // 在500个行政村实施…, 为1万人提供…, 对10万名女童进行…
    let lead = before
        .trim()
        .trim_start_matches(['力', '争', '确', '保', '将', '再']);
    matches!(lead, "" | "在" | "为" | "对" | "向" | "给")
        && DELIVER_VERBS.iter().any(|v| after.contains(v))
}

/// The comparator word right after a number (以上, 及以上, 以下, 以内,
/// 左右) and what follows it.
pub fn strip_comparator(after: &str) -> (Option<&'static str>, &str) {
    for w in ["及以上", "及以下", "以上", "以下", "以内", "左右"] {
        if let Some(rest) = after.strip_prefix(w) {
            return (Some(w), rest);
        }
    }
    (None, after)
}

pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::super::numbers::quantities;
    use super::*;

    fn why(s: &str) -> Option<Reject> {
        let q = quantities(s).into_iter().next().expect(s);
        reject(s, 0..s.len(), &q)
    }

    #[test]
    fn multi_year_goals_and_bare_thresholds_are_not_this_years_targets() {
        let last = |s: &str| {
            let q = quantities(s).into_iter().last().expect(s);
            reject(s, 0..s.len(), &q)
        };
        assert_eq!(
            last("用3年时间培养引进100名科技领军人才"),
            Some(Reject::Scope)
        );
        assert_eq!(
            last("抓实64个产值过10亿元的新增长点"),
            Some(Reject::Threshold)
        );
        assert_eq!(why("粮食产量超过500亿斤"), None);
        assert_eq!(why("建设24个“渝好空间”项目"), None);
    }

    #[test]
    fn names_and_thresholds() {
        assert_eq!(why("营收1亿元以上企业达到500家"), Some(Reject::Threshold));
        assert_eq!(why("围绕28条重点产业链"), Some(Reject::Scope));
        assert!(quantities("地铁8号线开通").is_empty());
        assert_eq!(why("推进9个“一件事”改革"), Some(Reject::Name));
        assert_eq!(why("发挥10亿元专项资金作用"), Some(Reject::Instrument));
        assert_eq!(why("实施13个港航项目"), None);
        assert_eq!(why("城镇新增就业110万人以上"), None);
        assert_eq!(why("65岁及以上老年人"), Some(Reject::Threshold));
    }
}
