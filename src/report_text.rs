//! The text of the source report, and where a quote stands in it. Page
//! breaks split words in the report texts, so quotes are found with all
//! whitespace ignored.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

/// The reports built into the program, by their `text_file` name.
const BUILT_IN: &[(&str, &str)] = &[(
    "reports/taiyuan-2023.txt",
    include_str!("../assets/reports/taiyuan-2023.txt"),
)];

/// The report text named by a plan (`source_report.text_file`): built in,
/// or read from `assets/` beside the working folder or the plan file.
pub fn load(text_file: &str, plan_path: Option<&Path>) -> Option<Cow<'static, str>> {
    if text_file.is_empty() {
        return None;
    }
    if let Some((_, text)) = BUILT_IN.iter().find(|(name, _)| *name == text_file) {
        return Some(Cow::Borrowed(text));
    }
    let mut candidates = vec![Path::new("assets").join(text_file)];
    if let Some(dir) = plan_path.and_then(Path::parent) {
        candidates.push(dir.join(text_file));
        candidates.push(dir.join("..").join("assets").join(text_file));
    }
    candidates
        .into_iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(Cow::Owned)
}

/// The byte range of `quote` in `text`, whitespace ignored on both sides.
pub fn locate(text: &str, quote: &str) -> Option<Range<usize>> {
    let needle: String = quote.chars().filter(|c| !c.is_whitespace()).collect();
    if needle.is_empty() {
        return None;
    }
    let mut stripped = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            stripped.push(c);
            offsets.push((i, c.len_utf8()));
        }
    }
    // `offsets` is per char; map the byte position in `stripped` back to a char index.
    let at = stripped.find(&needle)?;
    let first = stripped[..at].chars().count();
    let count = needle.chars().count();
    let (start, _) = offsets[first];
    let (last, len) = offsets[first + count - 1];
    Some(start..last + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_quote_split_by_a_page_break() {
        let text = "前文。年内5G基站达到1.4\n万座以上，后文";
        let r = locate(text, "5G基站达到1.4万座以上").unwrap();
        assert_eq!(&text[r], "5G基站达到1.4\n万座以上");
        assert!(locate(text, "不存在").is_none());
    }

    #[test]
    fn the_built_in_report_is_found() {
        assert!(load("reports/taiyuan-2023.txt", None).is_some());
    }
}
