//! The heading a commitment stands under: numbered headings (一、（一）1.)
//! and short heading lines come from [`super::review::sections`]; a
//! paragraph that opens with a short lead sentence ("坚持创新驱动发展。
//! 推进……") has that lead as the heading of what follows it.

use super::review::{heading_of, section_at};

/// Longest lead sentence taken as a heading, in characters.
const MAX_LEAD: usize = 24;

/// The lead of a paragraph and the byte where it ends (after its 。), if
/// the paragraph opens with one and goes on after it.
pub fn inline_lead(para: &str) -> Option<(String, usize)> {
    let trimmed = para.trim_start();
    let indent = para.len() - trimmed.len();
    let end = trimmed.find(['。', '：'])?;
    let lead = &trimmed[..end];
    let chars = lead.chars().count();
    let after = trimmed[end..].chars().skip(1).count();
    if !(4..=MAX_LEAD).contains(&chars)
        || after == 0
        || lead.chars().any(|c| c.is_ascii_digit())
        || lead.contains(['；', '“'])
    {
        return None;
    }
    let lead = lead.trim_end_matches(['，', ',']);
    Some((lead.to_owned(), indent + end + '。'.len_utf8()))
}

/// The section of byte `at` in paragraph `para` starting at `para_start`
/// of `text`.
pub fn section_of(text: &str, para_start: usize, para: &str, at: usize) -> String {
    if heading_of(para).is_none()
        && let Some((lead, end)) = inline_lead(para)
        && at >= para_start + end
    {
        return lead;
    }
    section_at(text, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads() {
        let p = "坚持教育优先发展。新增学位5000个。";
        assert_eq!(inline_lead(p).unwrap().0, "坚持教育优先发展");
        assert!(inline_lead("今年经济社会发展的主要预期目标是地区生产总值增长5%左右。").is_none());
        let text = format!("一、主要目标\n{p}\n");
        let para_start = text.find(p).unwrap();
        let at = text.find("新增").unwrap();
        assert_eq!(section_of(&text, para_start, p, at), "坚持教育优先发展");
    }
}
