//! What may go into a spreadsheet cell: text that cannot run as a formula,
//! and no more than a cell holds.

use std::borrow::Cow;

/// The most characters an Excel cell holds.
pub const XLSX_MAX_CHARS: usize = 32_767;

/// Whether a spreadsheet would take `text` for a formula when it is typed
/// or imported: it begins with `=`, `+`, `-` or `@` (or a tab or carriage
/// return, which some programs skip before looking).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text for a CSV cell: a leading `'` keeps a formula-like text as text.
pub fn csv_text(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Text for an XLSX cell: cut to what a cell holds, with an ellipsis.
pub fn xlsx_text(text: &str) -> Cow<'_, str> {
    if text.len() <= XLSX_MAX_CHARS {
        // Fewer bytes than the limit: certainly fewer characters (and
        // UTF-16 units) than it.
        return Cow::Borrowed(text);
    }
    let mut cut = String::new();
    let mut units = 0;
    for ch in text.chars() {
        units += ch.len_utf16();
        if units > XLSX_MAX_CHARS - 1 {
            break;
        }
        cut.push(ch);
    }
    cut.push('…');
    Cow::Owned(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_quoted_in_csv() {
        for text in ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1"] {
            assert_eq!(csv_text(text), format!("'{text}"));
        }
        for text in ["太原", "1.4万座", "≥1000亿元", " =1", ""] {
            assert_eq!(csv_text(text), text);
        }
    }

    #[test]
    fn long_text_is_cut_to_a_cell() {
        let long = "长".repeat(40_000);
        let cut = xlsx_text(&long);
        assert_eq!(cut.chars().count(), XLSX_MAX_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(xlsx_text("短"), "短");
    }
}
