//! Paragraphs cut into sentences and clauses.
//!
//! A sentence ends at 。！？；; a clause at ，：too; a part of a clause at
//! 、. Punctuation inside quotes (“…”《…》) and brackets (（…）) does not
//! cut. Every piece is a byte range of the paragraph.

use std::ops::Range;

const SENTENCE_END: &[char] = &['。', '！', '？', '；', ';', '!', '?'];
const CLAUSE_END: &[char] = &['，', '：', ',', ':'];

/// Splits `text` at the chars `is_cut` says cut, outside quotes and
/// brackets; the cutting char is left out of the pieces.
fn split(text: &str, is_cut: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '《' | '（' | '(' | '「' | '【' => depth += 1,
            '”' | '》' | '）' | ')' | '」' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && is_cut(c) {
            if i > start {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The sentences of a paragraph.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    split(text, |c| SENTENCE_END.contains(&c))
}

/// The clauses of a sentence (relative to the sentence).
pub fn clauses(sentence: &str) -> Vec<Range<usize>> {
    split(sentence, |c| CLAUSE_END.contains(&c))
}

/// The 、-parts of a clause (relative to the clause).
pub fn parts(clause: &str) -> Vec<Range<usize>> {
    split(clause, |c| c == '、')
}

/// Whether byte `at` of `text` lies inside quotes, titles or brackets.
pub fn quoted(text: &str, at: usize) -> bool {
    let mut depth: i32 = 0;
    for c in text[..at].chars() {
        match c {
            '“' | '《' | '（' | '(' | '「' | '【' | '"' => depth += 1,
            '”' | '》' | '）' | ')' | '」' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// `text` trimmed of spaces and the punctuation that may end or open a piece.
pub fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let piece = &text[r.clone()];
    let is_trim = |c: char| c.is_whitespace() || "　，。；：、,;:".contains(c);
    let lead = piece.len() - piece.trim_start_matches(is_trim).len();
    let trail = piece.len() - piece.trim_end_matches(is_trim).len();
    if lead + trail >= piece.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_outside_quotes() {
        let p = "推进“一核、两翼”建设，新增就业8万人、失业率5.5%左右。年内竣工。";
        let s = sentences(p);
        assert_eq!(s.len(), 2);
        let first = &p[s[0].clone()];
        let c = clauses(first);
        assert_eq!(&first[c[0].clone()], "推进“一核、两翼”建设");
        let second = &first[c[1].clone()];
        assert_eq!(parts(second).len(), 2);
        assert!(quoted(p, p.find("两翼").unwrap()));
    }
}
