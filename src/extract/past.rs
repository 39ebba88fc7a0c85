//! Telling past results from targets.
//!
//! A report opens with a review (过去一年/2024年工作回顾/五年来) whose
//! numbers are results, then sets the year's targets (2025年工作总体要求,
//! 主要预期目标, 今年…). [`Zones`] follows the headings and paragraph leads
//! through the text; [`clause_is_past`] catches results quoted inside the
//! target part (比上年, 已…, 2024年…).

/// Where a paragraph stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Before any marker: targets unless a paragraph says otherwise.
    Unknown,
    /// The review of past years.
    Review,
    /// The targets and tasks of the report's year.
    Plan,
}

/// Follows the review/plan parts of a report paragraph by paragraph.
#[derive(Debug, Clone)]
pub struct Zones {
    year: i32,
    zone: Zone,
}

/// Words of a heading or lead that open the review.
const REVIEW_HEADINGS: &[&str] = &[
    "回顾",
    "过去一年",
    "过去五年",
    "一年来",
    "五年来",
    "这一年",
    "过去的一年",
    "刚刚过去",
];

/// Words that open the plan part.
const PLAN_MARKERS: &[&str] = &[
    "总体要求",
    "预期目标",
    "主要目标",
    "工作安排",
    "重点工作",
    "重点任务",
    "主要任务",
    "工作任务",
    "今年工作",
    "今年政府工作",
];

impl Zones {
    pub fn new(year: i32) -> Zones {
        Zones {
            year,
            zone: Zone::Unknown,
        }
    }

    /// Notes a paragraph (one line of the report) and returns the zone it
    /// stands in. `heading` tells whether the line is a heading (then `line`
    /// is its text), `numbered` whether it has numbering (一、（一）1.).
    pub fn observe(&mut self, line: &str, heading: bool, numbered: bool) -> Zone {
        let head: String = line.trim().chars().take(24).collect();
        let this_year = format!("{}年", self.year);
        let last_year = format!("{}年", self.year - 1);
        if heading {
            if REVIEW_HEADINGS.iter().any(|w| head.contains(w))
                || (line.contains(&last_year) && !line.contains(&this_year))
            {
                self.zone = Zone::Review;
            } else if PLAN_MARKERS.iter().any(|w| line.contains(w))
                || line.contains(&this_year)
                || line.contains("今年")
            {
                // A title line (2025年政府工作报告) does not end a review.
                if !line.contains("政府工作报告") {
                    self.zone = Zone::Plan;
                }
            } else if self.zone == Zone::Review && !numbered && !line.contains('了') {
                // An unnumbered heading after the review (以创新驱动为引领
                // 强化…): the digest of a report has moved on to the tasks.
                self.zone = Zone::Plan;
            }
            return self.zone;
        }
        let lead: String = line.trim().chars().take(40).collect();
        if lead.contains("预期目标是")
            || lead.contains("报告指出，要")
            || lead.contains("报告提出，要")
            || PLAN_MARKERS.iter().any(|w| lead.contains(w)) && lead.contains(&this_year)
        {
            self.zone = Zone::Plan;
        } else if REVIEW_HEADINGS.iter().any(|w| head.contains(w))
            && (self.zone != Zone::Plan || head.contains("过去"))
        {
            self.zone = Zone::Review;
        } else if self.zone == Zone::Review
            && (line.contains("年内") || line.contains("力争"))
            && !line.contains(&last_year)
        {
            // A paragraph of the year's tasks inside a digest's review part.
            return Zone::Plan;
        }
        self.zone
    }
}

/// Whether a sentence reports a result (its first words say so).
pub fn sentence_is_past(sentence: &str, year: i32) -> bool {
    let s = sentence.trim_start();
    let head: String = s.chars().take(12).collect();
    let starts = [
        "过去一年",
        "过去五年",
        "一年来",
        "五年来",
        "近年来",
        "近五年",
        "去年",
        "这一年",
        "上一年",
    ];
    if starts.iter().any(|w| head.starts_with(w)) {
        return true;
    }
    let last_year = format!("{}年", year - 1);
    if s.starts_with(&last_year) && !head.contains(&format!("{year}")) {
        return true;
    }
    // 十四五以来 / 2020年以来 / 党的十八大以来
    let lead: String = s.chars().take(20).collect();
    lead.contains("以来，") || lead.contains("以来,")
}

/// Words that make a clause a result, not a target.
const PAST_WORDS: &[&str] = &[
    "比上年",
    "较上年",
    "同比",
    "上年同期",
    "已经",
    "已达",
    "已建",
    "已有",
    "已完成",
    "已累计",
    "已实现",
    "已突破",
    "预计",
    "实现了",
    "达到了",
    "增长了",
    "完成了",
    "居全国",
    "位居",
    "排名",
    "排全国",
    "全国第",
    "目前",
    "现有",
    "年均增长",
];

/// Words that make a clause look ahead even with a past word in it.
const AHEAD_WORDS: &[&str] = &["力争", "确保", "今年", "年内", "年底", "到20", "将", "计划"];

/// Whether a clause (inside the plan part) reports a result.
pub fn clause_is_past(clause: &str, sentence: &str, year: i32) -> bool {
    let ahead = AHEAD_WORDS.iter().any(|w| clause.contains(w));
    if PAST_WORDS.iter().any(|w| clause.contains(w)) && !ahead {
        return true;
    }
    if clause.contains("累计") && !ahead && !clause.contains("达到") {
        return true;
    }
    // A year before the report's in the clause (2024年…增长5.2%), not as a
    // baseline (比2020年下降).
    for y in (year - 10)..year {
        let w = format!("{y}年");
        if let Some(at) = clause.find(&w) {
            let before = &clause[..at];
            if !(before.ends_with('比') || before.ends_with('较') || before.ends_with("与")) {
                return true;
            }
        }
    }
    let _ = sentence;
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_then_plan() {
        let mut z = Zones::new(2025);
        assert_eq!(
            z.observe("2025年天津市政府工作报告", true, true),
            Zone::Unknown
        );
        assert_eq!(z.observe("一、2024年工作回顾", true, true), Zone::Review);
        assert_eq!(
            z.observe("全市地区生产总值增长5.1%。", false, true),
            Zone::Review
        );
        assert_eq!(z.observe("二、2025年工作安排", true, true), Zone::Plan);
        assert_eq!(z.observe("（一）扩大内需", true, true), Zone::Plan);
    }

    #[test]
    fn past_clauses() {
        assert!(clause_is_past("比上年增长5.2%", "", 2025));
        assert!(clause_is_past("2024年地区生产总值增长5.8%", "", 2025));
        assert!(!clause_is_past("单位能耗比2020年下降13.5%", "", 2025));
        assert!(!clause_is_past("力争新增就业8万人", "", 2025));
        assert!(sentence_is_past("过去一年，新增就业8万人", 2025));
    }
}
