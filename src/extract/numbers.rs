//! Numbers as reports write them: Arabic and Chinese numerals, 万/亿/万亿,
//! decimals, ranges (3-5, 5.0%—5.5%, 3至5), counts with 余/多, 三成, 翻一番.
//!
//! [`quantities`] finds every number-with-unit in a piece of text and
//! returns it with its byte range; judging whether it is a target is left
//! to the callers.

/// A number with its unit found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte range of the number, its magnitude and unit (not the words
    /// around it such as 以上 or 达到).
    pub start: usize,
    pub end: usize,
    pub low: f64,
    pub high: f64,
    /// The base unit (% for 成, 元 for 亿元).
    pub unit: String,
    /// Written with 余/多 (2.1万余户): at least.
    pub more_than: bool,
    /// Two different numbers (3-5家).
    pub range: bool,
    /// Written in Chinese numerals (十项, 两个).
    pub chinese: bool,
}

/// Units, longest first where one is the start of another.
const UNITS: &[&str] = &[
    "个百分点",
    "微克／立方米",
    "微克/立方米",
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "标准箱",
    "人次",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "公顷",
    "公斤",
    "美元",
    "标箱",
    "小时",
    "%",
    "％",
    "‰",
    "元",
    "人",
    "家",
    "个",
    "座",
    "亩",
    "户",
    "项",
    "吨",
    "斤",
    "套",
    "间",
    "所",
    "张",
    "辆",
    "台",
    "条",
    "处",
    "名",
    "位",
    "批",
    "场",
    "栋",
    "件",
    "倍",
    "次",
    "部",
    "艘",
    "架",
    "列",
    "宗",
    "例",
    "份",
    "床",
    "支",
    "头",
    "只",
    "株",
    "片",
    "村",
    "镇",
    "县",
    "岁",
    "天",
    "米",
];

/// Units a Chinese numeral may count (十项, 两个, 五所); others are too
/// often words (一流, 三农) to take.
const CHINESE_UNITS: &[&str] = &[
    "项", "个", "家", "所", "座", "条", "批", "件", "处", "场", "次",
];

/// The value of an Arabic digit, ASCII or full-width.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_power(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// Reads an Arabic number at byte `at` of `s`: its value and end.
fn arabic_at(s: &str, at: usize) -> Option<(f64, usize)> {
    let mut text = String::new();
    let mut end = at;
    let mut seen_dot = false;
    for (i, c) in s[at..].char_indices() {
        if let Some(d) = digit(c) {
            text.push(char::from_digit(d, 10)?);
            end = at + i + c.len_utf8();
        } else if (c == '.' || c == '．') && !seen_dot && !text.is_empty() {
            // A decimal point only when a digit follows.
            let next = s[at + i + c.len_utf8()..].chars().next();
            if next.and_then(digit).is_none() {
                break;
            }
            seen_dot = true;
            text.push('.');
        } else if c == ',' && !text.is_empty() && !seen_dot {
            // 1,000: a thousands separator when three digits follow.
            let rest = &s[at + i + 1..];
            let three = rest.chars().take(3).filter(|c| c.is_ascii_digit()).count() == 3
                && !rest.chars().nth(3).is_some_and(|c| c.is_ascii_digit());
            if !three {
                break;
            }
        } else {
            break;
        }
    }
    if text.is_empty() {
        return None;
    }
    text.parse().ok().map(|v| (v, end))
}

/// Reads a Chinese numeral (一, 十, 二十三, 一百二十, 两) at byte `at`:
/// its value and end. A run that is not a well-formed numeral (十四五) is
/// refused.
fn chinese_at(s: &str, at: usize) -> Option<(f64, usize)> {
    let mut total: u32 = 0;
    let mut current: Option<u32> = None;
    let mut end = at;
    let mut last_power = u32::MAX;
    let mut any = false;
    for (i, c) in s[at..].char_indices() {
        if let Some(d) = chinese_digit(c) {
            if current.is_some() {
                return None; // 十四五-like runs: two digits in a row
            }
            current = Some(d);
        } else if let Some(p) = chinese_power(c) {
            if p >= last_power {
                return None;
            }
            last_power = p;
            total += current.unwrap_or(1) * p;
            current = None;
        } else {
            break;
        }
        any = true;
        end = at + i + c.len_utf8();
    }
    if !any {
        return None;
    }
    total += current.unwrap_or(0);
    Some((f64::from(total), end))
}

/// A magnitude (万亿, 亿, 万, 千 after an Arabic number) at `at`.
fn magnitude_at(s: &str, at: usize, arabic: bool) -> (f64, usize) {
    let rest = &s[at..];
    for (word, m) in [("万亿", 1e12), ("亿", 1e8), ("万", 1e4)] {
        if rest.starts_with(word) {
            return (m, at + word.len());
        }
    }
    if arabic && rest.starts_with('千') && !rest.starts_with("千瓦") && !rest.starts_with("千米")
    {
        return (1e3, at + '千'.len_utf8());
    }
    (1.0, at)
}

/// A number (value, magnitude applied) at `at`: value, end, Chinese?
fn number_at(s: &str, at: usize) -> Option<(f64, usize, bool)> {
    if let Some((v, end)) = arabic_at(s, at) {
        let (m, end) = magnitude_at(s, end, true);
        return Some((v * m, end, false));
    }
    let (v, end) = chinese_at(s, at)?;
    let (m, end) = magnitude_at(s, end, false);
    Some((v * m, end, true))
}

fn unit_at(s: &str, at: usize) -> Option<(&'static str, usize)> {
    let rest = &s[at..];
    if rest.starts_with('P') && !rest[1..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some(("P", at + 1));
    }
    UNITS
        .iter()
        .find(|u| rest.starts_with(**u))
        .map(|u| (*u, at + u.len()))
}

/// The unit as stored: ％ as %, 元/人 kept whole.
fn base_unit(s: &str, unit: &str, end: usize) -> (String, usize) {
    let unit = if unit == "％" { "%" } else { unit };
    let rest = &s[end..];
    for per in ["/人", "/平方米", "/亩", "/吨"] {
        if rest.starts_with(per) {
            return (format!("{unit}{per}"), end + per.len());
        }
    }
    (unit.to_owned(), end)
}

/// Whether the char before `at` continues a number (so `at` is not the
/// start of one).
fn inside_number(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_some_and(|c| digit(c).is_some() || c == '.' || c == '．')
}

/// Every number with a unit in `s`, in order. Numbers with no unit
/// (years written 2025年 are refused here too: 年 is no unit) are left out.
pub fn quantities(s: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < s.len() {
        let c = s[at..].chars().next().unwrap_or(' ');
        let starts = (digit(c).is_some() && !inside_number(s, at))
            || chinese_digit(c).is_some()
            || chinese_power(c).is_some();
        if starts && let Some(q) = quantity_at(s, at) {
            at = q.end;
            out.push(q);
            continue;
        }
        if let Some(q) = special_at(s, at) {
            at = q.end;
            out.push(q);
            continue;
        }
        at += c.len_utf8();
    }
    out
}

/// 翻一番 (×2), 翻两番 (×4), 一半 (50 %).
fn special_at(s: &str, at: usize) -> Option<Quantity> {
    let rest = &s[at..];
    if rest.starts_with("一半") {
        return Some(Quantity {
            start: at,
            end: at + "一半".len(),
            low: 50.0,
            high: 50.0,
            unit: "%".to_owned(),
            more_than: false,
            range: false,
            chinese: false,
        });
    }
    for (word, v) in [("翻一番", 2.0), ("翻两番", 4.0), ("翻番", 2.0)] {
        if rest.starts_with(word) {
            return Some(Quantity {
                start: at,
                end: at + word.len(),
                low: v,
                high: v,
                unit: "倍".to_owned(),
                more_than: false,
                range: false,
                chinese: false,
            });
        }
    }
    None
}

fn quantity_at(s: &str, at: usize) -> Option<Quantity> {
    let (low, mut end, chinese) = number_at(s, at)?;
    // 余/多 between the number and its unit.
    let mut more_than = false;
    for w in ['余', '多'] {
        if s[end..].starts_with(w) {
            more_than = true;
            end += w.len_utf8();
        }
    }
    // 三成 = 30 %.
    if chinese && s[end..].starts_with('成') && low < 10.0 {
        return Some(Quantity {
            start: at,
            end: end + '成'.len_utf8(),
            low: low * 10.0,
            high: low * 10.0,
            unit: "%".to_owned(),
            more_than,
            range: false,
            chinese,
        });
    }
    let first_unit = unit_at(s, end);
    let mut after_first = first_unit.map_or(end, |(_, e)| e);
    // A range: 3-5家, 5.0%—5.5%, 3至5个.
    let mut high = low;
    let mut range = false;
    for conn in ["-", "—", "–", "～", "~", "至", "到", "－"] {
        if !s[after_first..].starts_with(conn) {
            continue;
        }
        let next = after_first + conn.len();
        let next = if conn == "—" && s[next..].starts_with('—') {
            next + '—'.len_utf8()
        } else {
            next
        };
        if let Some((v, e, ch)) = number_at(s, next)
            && ch == chinese
            && v > low
        {
            high = v;
            range = true;
            end = e;
            after_first = e;
            break;
        }
    }
    let (unit, unit_end) = if range {
        match unit_at(s, end) {
            Some(u) => (Some(u.0), u.1),
            None => (first_unit.map(|u| u.0), end),
        }
    } else {
        (first_unit.map(|u| u.0), after_first)
    };
    let unit = unit?;
    if chinese && !CHINESE_UNITS.contains(&unit) {
        return None;
    }
    // A range of percentages with the unit only on the second (5.0—5.5%):
    // the magnitude of the first was never applied; nothing to fix.
    let (unit, end) = base_unit(s, unit, unit_end);
    // Ranges written with a magnitude on the second only (3-5万人).
    let low = if range && high >= 1e4 && low < high / 1e3 {
        let (m, _) = magnitude_at(s, number_end_before_magnitude(s, at), true);
        if m == 1.0 {
            low * magnitude_of(high)
        } else {
            low
        }
    } else {
        low
    };
    for w in ['余', '多'] {
        if s[end..].starts_with(w) {
            more_than = true;
        }
    }
    Some(Quantity {
        start: at,
        end,
        low,
        high,
        unit,
        more_than,
        range,
        chinese,
    })
}

fn number_end_before_magnitude(s: &str, at: usize) -> usize {
    arabic_at(s, at)
        .map(|(_, e)| e)
        .or_else(|| chinese_at(s, at).map(|(_, e)| e))
        .unwrap_or(at)
}

fn magnitude_of(v: f64) -> f64 {
    for m in [1e12, 1e8, 1e4] {
        if v >= m {
            return m;
        }
    }
    1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Quantity {
        let q = quantities(s);
        assert_eq!(q.len(), 1, "{s}: {q:?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn magnitudes_and_units() {
        let q = one("新建5G基站1.4万座");
        assert_eq!((q.low, q.unit.as_str()), (14000.0, "座"));
        assert_eq!(one("完成投资1000亿元").low, 1e11);
        assert_eq!(one("增长5.5％左右").unit, "%");
        let q = one("2.1万余户");
        assert!(q.more_than);
        assert_eq!(q.low, 21000.0);
        assert_eq!(one("劳动生产率16.8万元/人").unit, "元/人");
        assert_eq!(one("提高1.5个百分点").unit, "个百分点");
    }

    #[test]
    fn ranges() {
        let q = one("培育3-5家");
        assert!(q.range);
        assert_eq!((q.low, q.high), (3.0, 5.0));
        let q = one("增长5.0%—5.5%");
        assert_eq!((q.low, q.high, q.unit.as_str()), (5.0, 5.5, "%"));
        let q = one("新增3至5万人");
        assert_eq!((q.low, q.high), (30000.0, 50000.0));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(one("办好十项民生实事").low, 10.0);
        assert_eq!(one("建设两个中心").low, 2.0);
        assert_eq!(one("提高三成").low, 30.0);
        assert_eq!(one("一百二十个").low, 120.0);
        assert!(quantities("十四五规划").is_empty());
        assert!(quantities("一流大学").is_empty());
        assert_eq!(one("收入翻一番").low, 2.0);
    }

    #[test]
    fn years_have_no_unit() {
        assert!(quantities("2025年").is_empty());
        assert_eq!(quantities("2025年新增就业8万人").len(), 1);
    }
}
