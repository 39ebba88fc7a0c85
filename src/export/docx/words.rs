//! Dates and numbers the way official documents write them.

use chrono::{Datelike, NaiveDate};

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A number from 1 to 99 in Chinese: 七, 十五, 二十, 三十一.
pub fn small_number(n: u32) -> String {
    let (tens, ones) = (n / 10, n % 10);
    let mut out = String::new();
    match tens {
        0 => {}
        1 => out.push('十'),
        t => {
            out.push(DIGITS[(t % 10) as usize]);
            out.push('十');
        }
    }
    if ones != 0 || n == 0 {
        out.push(DIGITS[ones as usize]);
    }
    out
}

/// The 成文日期: 二〇二三年七月十五日.
pub fn chinese_date(d: NaiveDate) -> String {
    let year: String = d
        .year()
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |v| DIGITS[v as usize]))
        .collect();
    format!(
        "{year}年{}月{}日",
        small_number(d.month()),
        small_number(d.day())
    )
}

/// A date in running text: 2023年7月15日.
pub fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A short date in running text: 7月15日.
pub fn month_day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// The ordinal of a second-level heading: （一）, （十二）.
pub fn ordinal(n: usize) -> String {
    format!("（{}）", small_number(n as u32))
}

/// A percentage with one decimal at most: 45.3%.
pub fn percent(p: f64) -> String {
    crate::export::labels::percent(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_chinese() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(chinese_date(d(2023, 7, 15)), "二〇二三年七月十五日");
        assert_eq!(chinese_date(d(2020, 10, 1)), "二〇二〇年十月一日");
        assert_eq!(chinese_date(d(2023, 12, 31)), "二〇二三年十二月三十一日");
        assert_eq!(chinese_date(d(2023, 1, 20)), "二〇二三年一月二十日");
        assert_eq!(ordinal(12), "（十二）");
    }
}
