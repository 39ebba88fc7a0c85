//! The heading a position of the report stands under.
//!
//! Headings are numbered lines (一、… （一）… 1. … 第一部分…), whose heading
//! is the text up to the first full stop, or short lines without sentence
//! punctuation ("以创新驱动为引领 强化科技教育人才融合互促").

/// Longest heading kept, in characters.
const MAX_HEADING: usize = 40;

/// The heading above byte `at` of `text` (a heading at the start of the
/// line holding `at` counts when it ends before `at`); "" when none.
pub fn section_at(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if let Some((heading, end)) = heading_with_end(&text[line_start..line_end])
        && line_start + end <= at
    {
        return heading;
    }
    text[..line_start]
        .lines()
        .rev()
        .find_map(heading_of)
        .unwrap_or_default()
}

/// The heading a line makes, if it is one.
pub fn heading_of(line: &str) -> Option<String> {
    heading_with_end(line).map(|(h, _)| h)
}

/// The heading and the byte where it ends in `line`.
fn heading_with_end(line: &str) -> Option<(String, usize)> {
    let indent = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    if let Some(rest) = strip_numbering(trimmed) {
        let offset = indent + (trimmed.len() - rest.len());
        let end = rest.find(['。', '！', '？']).unwrap_or(rest.len());
        let heading = clean(&rest[..end]);
        if heading.is_empty() {
            return None;
        }
        let stop = rest[end..].chars().next().map_or(0, char::len_utf8);
        return Some((heading, offset + end + stop));
    }
    let chars = trimmed.chars().count();
    let sentence = trimmed.contains(['。', '；', '！', '？', ';', '：', ':']);
    let cjk = trimmed
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let byline = trimmed.starts_with(['—', '-', '（', '(']);
    if chars <= MAX_HEADING && !sentence && cjk && !byline {
        return Some((clean(trimmed), line.len()));
    }
    None
}

/// The line after its numbering (一、 （一） (一) 1. 1、 第一部分), if it has one.
fn strip_numbering(line: &str) -> Option<&str> {
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let digits = |s: &str| s.chars().take_while(|c| numeral(*c)).count();
    // 一、
    let n = digits(line);
    if n > 0 {
        let rest = &line[n * '一'.len_utf8()..];
        if let Some(r) = rest.strip_prefix('、') {
            return Some(r);
        }
    }
    // （一） (一)
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = line.strip_prefix(open) {
            let n = digits(inner);
            if n > 0
                && let Some(r) = inner[n * '一'.len_utf8()..].strip_prefix(close)
            {
                return Some(r);
            }
        }
    }
    // 1. 1、 1．
    let d = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&d) {
        let rest = &line[d..];
        for mark in ['.', '、', '．'] {
            if let Some(r) = rest.strip_prefix(mark)
                && !r.starts_with(|c: char| c.is_ascii_digit())
            {
                return Some(r);
            }
        }
    }
    // 第一部分
    if let Some(inner) = line.strip_prefix('第') {
        let n = digits(inner);
        if n > 0
            && let Some(r) = inner[n * '一'.len_utf8()..].strip_prefix("部分")
        {
            return Some(r.trim_start_matches(['：', ':', ' ', '　']));
        }
    }
    None
}

/// A heading without surrounding spaces and trailing punctuation, cut to
/// [`MAX_HEADING`] characters.
fn clean(text: &str) -> String {
    let t = text
        .trim()
        .trim_end_matches(['，', '。', '；', '：', ',', ';', ':', ' ', '　']);
    t.chars().take(MAX_HEADING).collect()
}
