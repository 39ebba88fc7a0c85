//! Department names as ledgers write them, matched to a plan's registry.
//!
//! A name is reduced to a key: spaces and a trailing 等 dropped, the place
//! before it stripped (市, 省, 区, 县, or a place name such as 太原市; 市场
//! is a word, not a place), 人民政府 read as 政府. Keys are then looked up
//! in the table of names and short forms (`assets/import/department-names.txt`,
//! built in; a `department-names.txt` in the data folder adds to it), so
//! 市工信局, 工信局 and 太原市工业和信息化局 are one department.

use std::collections::HashMap;

use crate::model::{Department, DeptId, Plan};

/// The built-in table of names and short forms.
pub const BUILTIN_NAMES: &str = include_str!("../../assets/import/department-names.txt");

/// The key a name is matched by.
pub fn key(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches('等')
        .replace("人民政府", "政府");
    // A place name before the department: 太原市, 山西省, 小店区.
    let chars: Vec<char> = s.chars().collect();
    if let Some(p) = (2..=3).find(|&p| {
        chars.len() > p + 2
            && matches!(chars[p], '市' | '省' | '区' | '县')
            && chars[..p]
                .iter()
                .all(|c| is_han(*c) && !"市省区县委局办".contains(*c))
            && !(chars[p] == '市' && chars.get(p + 1) == Some(&'场'))
    }) {
        s = chars[p + 1..].iter().collect();
    }
    let chars: Vec<char> = s.chars().collect();
    let strip = match chars.as_slice() {
        ['市', '市', ..] => true,
        ['市', '场', ..] => false,
        [c, _, _, ..] => matches!(c, '市' | '省' | '区' | '县'),
        _ => false,
    };
    if strip {
        s = chars[1..].iter().collect();
    }
    s
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The table of full names and short forms, by key.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// key of any form → key of the full name
    canonical: HashMap<String, String>,
    /// key of the full name → (full name as written, first short form)
    entries: HashMap<String, (String, String)>,
}

impl Names {
    pub fn builtin() -> Names {
        let mut names = Names::default();
        names.add_table(BUILTIN_NAMES);
        names
    }

    /// Adds the lines of a table (same format as the built-in one).
    pub fn add_table(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((full, shorts)) = line.split_once('=') else {
                continue;
            };
            let full = full.trim();
            let full_key = key(full);
            let shorts: Vec<&str> = shorts
                .split(['、', ',', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            self.canonical.insert(full_key.clone(), full_key.clone());
            for s in &shorts {
                self.canonical.insert(key(s), full_key.clone());
            }
            let short = shorts.first().copied().unwrap_or(full).to_owned();
            self.entries.insert(full_key, (full.to_owned(), short));
        }
    }

    /// The key a name is finally matched by (its full name's, when known).
    pub fn canonical(&self, name: &str) -> String {
        let k = key(name);
        self.canonical.get(&k).cloned().unwrap_or(k)
    }
}

/// A plan's departments by every key they answer to, plus those added by
/// this import.
#[derive(Debug, Clone)]
pub struct Matcher {
    names: Names,
    by_key: HashMap<String, DeptId>,
    taken: Vec<DeptId>,
    /// Departments this import adds to the registry, in order of first use.
    pub added: Vec<Department>,
}

impl Matcher {
    pub fn new(plan: &Plan, names: Names) -> Matcher {
        let mut by_key = HashMap::new();
        for d in plan.departments.values() {
            for n in [&d.name, &d.short_name, &d.id.0] {
                by_key
                    .entry(names.canonical(n))
                    .or_insert_with(|| d.id.clone());
            }
        }
        // Exact full and short names win over keys shared by two departments.
        Matcher {
            names,
            by_key,
            taken: plan.departments.keys().cloned().collect(),
            added: Vec::new(),
        }
    }

    /// The department a written name designates, added when unknown.
    pub fn resolve(&mut self, plan: &Plan, written: &str) -> DeptId {
        let written = written.trim();
        if let Some(d) = plan.departments.values().find(|d| d.answers_to(written)) {
            return d.id.clone();
        }
        let k = self.names.canonical(written);
        if let Some(id) = self.by_key.get(&k) {
            return id.clone();
        }
        let (name, short) = match self.names.entries.get(&k) {
            Some((full, short)) => {
                // Keep the place as written: 市工信局 → 市工业和信息化局.
                let place: String = written
                    .chars()
                    .take_while(|c| *c == '市' || *c == '省' || *c == '区' || *c == '县')
                    .take(1)
                    .collect();
                let full = if key(full) == *full && !place.is_empty() {
                    format!("{place}{full}")
                } else {
                    full.clone()
                };
                (full, short.clone())
            }
            None => (written.to_owned(), key(written)),
        };
        let id = self.fresh_id(&short);
        let dept = Department {
            id: id.clone(),
            name,
            short_name: short,
        };
        self.by_key.insert(k, id.clone());
        self.added.push(dept);
        id
    }

    fn fresh_id(&mut self, short: &str) -> DeptId {
        let base: String = crate::search::initials(short)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let base = if base.is_empty() {
            "dept".to_owned()
        } else {
            base
        };
        let mut id = DeptId::new(base.clone());
        let mut n = 2;
        while self.taken.contains(&id) {
            id = DeptId::new(format!("{base}{n}"));
            n += 1;
        }
        self.taken.push(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_the_place() {
        assert_eq!(key("市工信局"), "工信局");
        assert_eq!(key("太原市工业和信息化局"), "工业和信息化局");
        assert_eq!(key("市市场监督管理局"), "市场监督管理局");
        assert_eq!(key("市场监管局"), "市场监管局");
        assert_eq!(key("市城市管理局"), "城市管理局");
        assert_eq!(key("城市管理局"), "城市管理局");
        assert_eq!(key("各县（市、区）人民政府"), "各县（市、区）政府");
        assert_eq!(key("市发改委等"), "发改委");
    }

    #[test]
    fn variants_meet_in_the_registry() {
        let mut plan = Plan::new("t", 2025);
        for (id, name, short) in [
            ("gxj", "市工业和信息化局", "工信局"),
            ("scjgj", "市市场监督管理局", "市场监管局"),
        ] {
            plan.departments.insert(
                DeptId::new(id),
                Department {
                    id: DeptId::new(id),
                    name: name.to_owned(),
                    short_name: short.to_owned(),
                },
            );
        }
        let mut m = Matcher::new(&plan, Names::builtin());
        for written in [
            "市工信局",
            "工信局",
            "太原市工业和信息化局",
            "市工业和信息化局",
        ] {
            assert_eq!(m.resolve(&plan, written).as_str(), "gxj", "{written}");
        }
        assert_eq!(m.resolve(&plan, "市场监管局").as_str(), "scjgj");
        assert_eq!(m.resolve(&plan, "市市场监管局").as_str(), "scjgj");
        assert!(m.added.is_empty());
        let a = m.resolve(&plan, "市住建局");
        let b = m.resolve(&plan, "市住房和城乡建设局");
        assert_eq!(a, b);
        assert_eq!(m.added.len(), 1);
        assert_eq!(m.added[0].name, "市住房和城乡建设局");
        assert_eq!(m.added[0].short_name, "住建局");
        assert_eq!(a.as_str(), "zjj");
    }
}
