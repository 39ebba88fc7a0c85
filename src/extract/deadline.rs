//! Deadlines as reports write them: 年内/今年/全年/年底前 → 31 December of
//! the report's year; 6月底前 → 30 June; 上半年 → 30 June; 一季度 → 31
//! March; 2027年 → that year's end.

use chrono::NaiveDate;

use crate::import::dates::month_end;

/// A deadline found in a text: the date and the words.
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub due: NaiveDate,
    pub text: String,
}

fn chinese_month(s: &str) -> Option<(u32, usize)> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok().map(|m| (m, digits.len()));
    }
    let words = [
        ("十二", 12),
        ("十一", 11),
        ("十", 10),
        ("一", 1),
        ("二", 2),
        ("三", 3),
        ("四", 4),
        ("五", 5),
        ("六", 6),
        ("七", 7),
        ("八", 8),
        ("九", 9),
    ];
    words
        .iter()
        .find(|(w, _)| s.starts_with(w))
        .map(|(w, m)| (*m, w.len()))
}

/// The first deadline phrase in `text`, for a report of `year`.
pub fn find(text: &str, year: i32) -> Option<Deadline> {
    let mut best: Option<(usize, Deadline)> = None;
    let mut offer = |at: usize, due: Option<NaiveDate>, words: &str| {
        if let Some(due) = due
            && best.as_ref().is_none_or(|(b, _)| at < *b)
        {
            best = Some((
                at,
                Deadline {
                    due,
                    text: words.to_owned(),
                },
            ));
        }
    };
    for (word, month) in [
        ("上半年", 6),
        ("一季度", 3),
        ("二季度", 6),
        ("三季度", 9),
        ("四季度", 12),
        ("年中", 6),
        ("年底前", 12),
        ("年底", 12),
        ("年末", 12),
        ("年内", 12),
        ("今年", 12),
        ("全年", 12),
        ("年度", 12),
        ("当年", 12),
    ] {
        if let Some(at) = text.find(word) {
            // 2027年底: the year is read below.
            let prev = text[..at].chars().next_back();
            if prev.is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            offer(at, month_end(year, month), word);
        }
    }
    // N月底前, N月底, N月前, N月份
    for (at, _) in text.match_indices('月') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .last()
            .map(|(i, _)| i);
        let Some(start) = start else { continue };
        let Some((m, _)) = chinese_month(&text[start..at]) else {
            continue;
        };
        if !(1..=12).contains(&m) {
            continue;
        }
        let rest = &text[at + '月'.len_utf8()..];
        let tail = ["底前", "底", "前", "份前", "末"]
            .iter()
            .find(|t| rest.starts_with(**t))
            .copied();
        let Some(tail) = tail else { continue };
        // 2026年6月底: another year.
        let y = year_before(text, start).unwrap_or(year);
        let words = &text[start..at + '月'.len_utf8() + tail.len()];
        let year_start = year_start_before(text, start).unwrap_or(start);
        let words = if year_start < start {
            &text[year_start..at + '月'.len_utf8() + tail.len()]
        } else {
            words
        };
        offer(year_start, month_end(y, m), words);
    }
    // 2027年, 2027年底前, 到2027年
    for (at, _) in text.match_indices('年') {
        let digits_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit())
            .last()
            .map(|(i, _)| i);
        let Some(start) = digits_start else { continue };
        if at - start != 4 {
            continue;
        }
        let Ok(y) = text[start..at].parse::<i32>() else {
            continue;
        };
        if y < year || y > year + 15 {
            continue;
        }
        let rest = &text[at + '年'.len_utf8()..];
        if rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        {
            continue; // a month follows: taken above
        }
        let tail = ["底前", "底", "前", "末"]
            .iter()
            .find(|t| rest.starts_with(**t))
            .copied()
            .unwrap_or("");
        offer(
            start,
            month_end(y, 12),
            &text[start..at + '年'.len_utf8() + tail.len()],
        );
    }
    best.map(|(_, d)| d)
}

fn year_start_before(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].strip_suffix('年')?;
    let digits = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    (digits == 4).then(|| before.len() - 4)
}

fn year_before(text: &str, at: usize) -> Option<i32> {
    let s = year_start_before(text, at)?;
    text[s..s + 4].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn phrases() {
        assert_eq!(find("年内建成", 2025).unwrap().due, d(2025, 12, 31));
        let x = find("6月底前完成", 2025).unwrap();
        assert_eq!((x.due, x.text.as_str()), (d(2025, 6, 30), "6月底前"));
        assert_eq!(find("上半年开工", 2025).unwrap().due, d(2025, 6, 30));
        assert_eq!(find("到2027年建成", 2025).unwrap().due, d(2027, 12, 31));
        assert_eq!(find("2026年6月底前", 2025).unwrap().due, d(2026, 6, 30));
        assert!(find("推进建设", 2025).is_none());
        assert!(find("比2020年下降", 2025).is_none());
    }
}
