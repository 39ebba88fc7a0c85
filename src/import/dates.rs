//! 完成时限 as offices write it, read as a due date within the plan's year.
//!
//! | written | due |
//! |---|---|
//! | 2025年6月底前, 2025年6月, 2025.6, 2025-06, 2025/6 | the month's last day (2025-06-30) |
//! | 6月底前, 6月底, 6月, 6月份 | that month of the plan's year, last day |
//! | 2025年6月15日, 2025-06-15, 2025.6.15, 6月15日前 | that day |
//! | 年底前, 年内, 全年, 年底 | 12-31 of the plan's year |
//! | 上半年, 一季度/第一季度, 三季度末, 前三季度 | 06-30, 03-31, 09-30, 09-30 |
//! | 长期坚持, 持续推进, 常态化, 长期 | no due date (judged against the year's end); the phrase is kept in the notes |
//! | several (6月底前开工，年底前竣工) | the latest of them |
//!
//! Anything else gives no due date and a warning in the summary.

use chrono::NaiveDate;

/// What a 完成时限 cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// A date.
    On(NaiveDate),
    /// Ongoing work (长期坚持, 持续推进): no date.
    Ongoing,
    /// Empty cell.
    None,
    /// Not understood.
    Unknown,
}

const ONGOING: &[&str] = &["长期坚持", "持续推进", "常态化", "长期", "持续开展", "持续"];

/// The last day of `month` of `year` (shared with `extract::deadline`).
pub(crate) fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn digits_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    s.parse().ok()
}

/// Reads the numbers of a date-like run: 2025年6月15日, 2025.6, 6月底.
fn dates_in(text: &str, year: i32) -> Vec<NaiveDate> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // Up to three numbers joined by 年/月/./-//.
        let mut nums: Vec<u32> = Vec::new();
        let mut seps: Vec<char> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let s: String = chars[start..j].iter().collect();
            let Some(n) = digits_value(&s) else { break };
            nums.push(n);
            let sep = chars.get(j).copied();
            match sep {
                Some(c @ ('年' | '月' | '.' | '-' | '/' | '．' | '日' | '号')) => {
                    seps.push(c);
                    j += 1;
                    if matches!(c, '日' | '号') || nums.len() == 3 {
                        break;
                    }
                    if !chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
                        break;
                    }
                }
                _ => break,
            }
        }
        i = j.max(i + 1);
        let date = match (nums.as_slice(), seps.first()) {
            ([y, m, d, ..], _) if *y >= 1990 => NaiveDate::from_ymd_opt(*y as i32, *m, *d),
            ([y, m], _) if *y >= 1990 && (1..=12).contains(m) => month_end(*y as i32, *m),
            ([m, d], Some('月')) if (1..=12).contains(m) => NaiveDate::from_ymd_opt(year, *m, *d),
            ([y], Some('年')) if *y >= 1990 => NaiveDate::from_ymd_opt(*y as i32, 12, 31),
            ([m], Some('月')) if (1..=12).contains(m) => month_end(year, *m),
            _ => None,
        };
        if let Some(d) = date {
            found.push(d);
        }
    }
    found
}

/// Reads a 完成时限 cell in the plan's `year`.
pub fn parse_due(text: &str, year: i32) -> Due {
    let text = text.trim();
    if text.is_empty() {
        return Due::None;
    }
    // A date cell read from a workbook arrives as 2025-06-30.
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Due::On(d);
    }
    let normalised: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' => c,
            c => c,
        })
        .collect();
    let mut dates = dates_in(&normalised, year);
    let end = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    for (word, date) in [
        ("年底", end(12, 31)),
        ("年内", end(12, 31)),
        ("全年", end(12, 31)),
        ("年末", end(12, 31)),
        ("上半年", end(6, 30)),
        ("下半年", end(12, 31)),
        ("第一季度", end(3, 31)),
        ("一季度", end(3, 31)),
        ("第二季度", end(6, 30)),
        ("二季度", end(6, 30)),
        ("前三季度", end(9, 30)),
        ("三季度", end(9, 30)),
        ("四季度", end(12, 31)),
        ("十二月", end(12, 31)),
    ] {
        if normalised.contains(word)
            && let Some(d) = date
        {
            dates.push(d);
        }
    }
    if let Some(latest) = dates.into_iter().max() {
        return Due::On(latest);
    }
    if ONGOING.iter().any(|w| normalised.contains(w)) {
        return Due::Ongoing;
    }
    Due::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Due {
        Due::On(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn the_usual_phrases() {
        assert_eq!(parse_due("2025年6月底前", 2025), d(2025, 6, 30));
        assert_eq!(parse_due("6月底", 2025), d(2025, 6, 30));
        assert_eq!(parse_due("6月底前", 2024), d(2024, 6, 30));
        assert_eq!(parse_due("年底前", 2025), d(2025, 12, 31));
        assert_eq!(parse_due("2025.12", 2025), d(2025, 12, 31));
        assert_eq!(parse_due("2025-06-15", 2025), d(2025, 6, 15));
        assert_eq!(parse_due("2025年9月15日前", 2025), d(2025, 9, 15));
        assert_eq!(parse_due("２月底前", 2025), d(2025, 2, 28));
        assert_eq!(parse_due("上半年", 2025), d(2025, 6, 30));
        assert_eq!(parse_due("长期坚持", 2025), Due::Ongoing);
        assert_eq!(parse_due("持续推进", 2025), Due::Ongoing);
        assert_eq!(parse_due("6月底前开工，年底前竣工", 2025), d(2025, 12, 31));
        assert_eq!(parse_due("", 2025), Due::None);
        assert_eq!(parse_due("视情况而定", 2025), Due::Unknown);
    }
}
