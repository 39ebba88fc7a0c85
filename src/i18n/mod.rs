//! Every user-visible string of the window and the CLI's table, in Chinese
//! and English, behind one key. Sentences with values use named
//! placeholders (`{n}`), never pieces glued together.

pub mod label;
mod strings;
mod strings_holes;
mod strings_journal;
mod strings_returns;
mod strings_review;
mod strings_ux;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The UI language. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language's name, written in itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }
}

fn table() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static TABLE: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        all_strings()
            .map(|(key, zh, en)| (*key, (*zh, *en)))
            .collect()
    })
}

/// Every (key, 中文, English) row of the string tables.
fn all_strings() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    strings::STRINGS
        .iter()
        .chain(strings_returns::RETURNS)
        .chain(strings_review::STRINGS)
        .chain(strings_holes::STRINGS)
        .chain(strings_journal::JOURNAL)
        .chain(strings_ux::STRINGS)
}

/// The string for `key` in `lang`. A missing key shows itself, so that it
/// is seen and fixed (a test checks that every key used exists).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    match table().get(key) {
        Some((zh, en)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => key,
    }
}

/// The string for `key` with `{name}` placeholders filled in.
pub fn tr(lang: Lang, key: &'static str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut text = t(lang, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_complete() {
        let mut seen = std::collections::HashSet::new();
        for (key, zh, en) in all_strings() {
            assert!(seen.insert(key), "duplicate key {key}");
            assert!(!zh.is_empty() && !en.is_empty(), "empty text for {key}");
            // Placeholders must be the same in both languages.
            let holes = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(zh), holes(en), "placeholders differ for {key}");
        }
    }

    #[test]
    fn every_key_used_in_the_source_exists() {
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut missing = Vec::new();
        visit(std::path::Path::new(src), &mut |text| {
            for pattern in [
                "t(lang, \"",
                "tr(lang, \"",
                "t(self.lang, \"",
                "tr(self.lang, \"",
                "t(l, \"",
                "tr(l, \"",
            ] {
                for part in text.split(pattern).skip(1) {
                    if let Some((key, _)) = part.split_once('"')
                        && !table().contains_key(key)
                    {
                        missing.push(key.to_owned());
                    }
                }
            }
        });
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "i18n keys without text: {missing:?}");
    }

    fn visit(dir: &std::path::Path, f: &mut dyn FnMut(&str)) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, f);
            } else if path.extension().is_some_and(|e| e == "rs") {
                f(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}
