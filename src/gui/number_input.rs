//! Numbers as people type them into the window's fields, with messages in
//! the window's language shown under the field they concern. The number
//! itself goes through the library's `display::parse_number`; here the
//! field's own unit is accepted after it ("1.3万座" in a field counted in
//! 座, as the report writes it) and a different unit is named.

use commitments::display::{parse_number, trim_number};

use crate::i18n::{Lang, tr};

/// Why what was typed is not a number of the field.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Not a number at all.
    NotANumber,
    /// A number followed by another unit than the field's.
    OtherUnit { found: String },
    /// Too large to keep (infinite after 万/亿).
    TooLarge,
}

/// Reads `text` typed into a field counted in `unit` (may be empty).
/// Empty text is `None`.
pub fn read(text: &str, unit: &str) -> Result<Option<f64>, Problem> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let unit = unit.trim();
    let bare = if !unit.is_empty() && unit != "%" {
        trimmed.strip_suffix(unit).unwrap_or(trimmed).trim_end()
    } else {
        trimmed
    };
    match parse_number(bare) {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        Ok(_) => Err(Problem::TooLarge),
        Err(_) => {
            // "1.3万户" in a field of 座: name the unit found.
            let tail: String = bare
                .chars()
                .rev()
                .take_while(|c| !c.is_ascii_digit() && !matches!(c, '万' | '亿' | '%' | '.'))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let head = &bare[..bare.len() - tail.len()];
            // A unit is a word (座, 万元, 户), not a stray letter or sign.
            let unit_like = tail.chars().all(|c| !c.is_ascii() && c.is_alphabetic());
            if !tail.is_empty() && unit_like && parse_number(head).is_ok() {
                Err(Problem::OtherUnit { found: tail })
            } else {
                Err(Problem::NotANumber)
            }
        }
    }
}

/// The message under the field, in the window's language.
pub fn message(lang: Lang, problem: &Problem, unit: &str) -> String {
    let example = if unit.trim().is_empty() {
        "14000, 1.4万".to_owned()
    } else {
        format!("14000, 1.4万, 1.4万{unit}")
    };
    match problem {
        Problem::NotANumber => tr(lang, "number.not_a_number", &[("example", &example)]),
        Problem::OtherUnit { found } => tr(
            lang,
            "number.other_unit",
            &[("found", found), ("unit", &unit)],
        ),
        Problem::TooLarge => tr(lang, "number.too_large", &[]),
    }
}

/// A value as a field shows it: in full when it fits, else shortened
/// (1.0e307) — the full value then goes on hover.
pub fn shown(value: f64) -> (String, Option<String>) {
    let full = trim_number(value, 4);
    if full.chars().count() <= FIELD_CHARS {
        (full, None)
    } else {
        (format!("{value:.1e}"), Some(full))
    }
}

/// Characters a number field shows before its value is shortened.
pub const FIELD_CHARS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_unit_is_accepted_as_the_report_writes_it() {
        assert_eq!(read("1.3万座", "座"), Ok(Some(13000.0)));
        assert_eq!(read(" 14000 座 ", "座"), Ok(Some(14000.0)));
        assert_eq!(read("1000亿元", "元"), Ok(Some(1e11)));
        assert_eq!(read("97%", "%"), Ok(Some(97.0)));
        assert_eq!(read("", "座"), Ok(None));
    }

    #[test]
    fn another_unit_is_named_and_words_are_refused() {
        assert_eq!(
            read("1.3万户", "座"),
            Err(Problem::OtherUnit {
                found: "户".to_owned()
            })
        );
        assert_eq!(read("x", "座"), Err(Problem::NotANumber));
        let zh = message(Lang::Zh, &Problem::NotANumber, "座");
        assert!(zh.contains("1.4万座") && !zh.contains("expected"), "{zh}");
        let en = message(
            Lang::En,
            &Problem::OtherUnit {
                found: "户".into()
            },
            "座",
        );
        assert!(en.contains("户") && en.contains("座"), "{en}");
    }

    #[test]
    fn a_huge_value_is_shortened_with_the_full_value_aside() {
        let (text, full) = shown(1e307);
        assert_eq!(text, "1.0e307");
        assert!(full.unwrap().len() > 300);
        assert_eq!(shown(14000.0), ("14000".to_owned(), None));
    }
}
