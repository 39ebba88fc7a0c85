//! Free-text search over commitments, including pinyin initials, so that
//! typing `gxj` finds 工信局 and `5gjz` finds 5G基站.

use pinyin::ToPinyin;

use crate::model::{Commitment, Plan};

/// The searchable text of one commitment, lower-cased, with the pinyin
/// initials of its title and departments appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText(String);

impl SearchText {
    pub fn of(plan: &Plan, c: &Commitment) -> SearchText {
        let mut text = String::with_capacity(c.title.len() * 2 + c.source_quote.len() + 64);
        let mut push = |s: &str| {
            text.push_str(&s.to_lowercase());
            text.push('\u{1}');
        };
        push(&c.title);
        push(&c.source_quote);
        push(&c.notes);
        push(&c.owner);
        push(&c.section);
        for tag in &c.tags {
            push(tag);
        }
        let depts = c.lead.iter().chain(c.cooperating.iter());
        let mut initials_of = vec![c.title.clone(), c.owner.clone()];
        for d in depts {
            if let Some(dept) = plan.department(d) {
                push(&dept.name);
                push(&dept.short_name);
                initials_of.push(dept.name.clone());
                initials_of.push(dept.short_name.clone());
            }
        }
        for s in initials_of {
            push(&initials(&s));
        }
        SearchText(text)
    }
}

/// The pinyin initials of a text: 工信局 → gxj; other characters are kept lower-cased.
pub fn initials(text: &str) -> String {
    text.chars()
        .map(|ch| match ch.to_pinyin() {
            Some(p) => p.first_letter().chars().next().unwrap_or(ch),
            None => ch.to_ascii_lowercase(),
        })
        .collect()
}

/// What the user typed, prepared once per search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle(Vec<String>);

impl Needle {
    /// Splits on whitespace: every word must be found (AND).
    pub fn new(query: &str) -> Needle {
        Needle(query.split_whitespace().map(|w| w.to_lowercase()).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn found_in(&self, text: &SearchText) -> bool {
        self.0.iter().all(|w| text.0.contains(w.as_str()))
    }

    /// Whether every text this needle finds is also found by `earlier`
    /// (each earlier word lies within one of ours): typing on narrows a
    /// search, so only the earlier matches need looking at again.
    pub fn narrows(&self, earlier: &Needle) -> bool {
        earlier
            .0
            .iter()
            .all(|old| self.0.iter().any(|new| new.contains(old.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_on_narrows_and_changing_words_does_not() {
        let n = Needle::new;
        assert!(n("gxj").narrows(&n("gx")));
        assert!(n("5g 基站").narrows(&n("5g")));
        assert!(n("基站 5g").narrows(&n("5g 基")));
        assert!(n("x").narrows(&n("")));
        assert!(!n("gx").narrows(&n("gxj")));
        assert!(!n("基站").narrows(&n("gxj")));
    }

    #[test]
    fn initials_of_department_names() {
        assert_eq!(initials("工信局"), "gxj");
        assert_eq!(initials("5G基站"), "5gjz");
    }
}
