//! Proposing a lead department from the words of a commitment.
//!
//! The report names no department; the sentence often says whose work it
//! is (学位 → 教育局, 5G → 工业和信息化局). The keyword table is data, not
//! code: `assets/extract/departments.tsv` is built in, and a table of the
//! same shape can replace it.

/// A keyword table: the first rule whose keyword a text holds wins.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Departments {
    rules: Vec<(String, String)>,
}

/// A line of a table that is not `keyword<TAB>department`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line}: expected 'keyword<TAB>department', found '{text}'")]
pub struct TableError {
    pub line: usize,
    pub text: String,
}

const BUILTIN: &str = include_str!("../../assets/extract/departments.tsv");

impl Departments {
    /// The built-in table.
    pub fn builtin() -> Departments {
        Departments::parse(BUILTIN).unwrap_or_default()
    }

    /// A table from its text (UTF-8, one rule a line, `#` for notes).
    pub fn parse(text: &str) -> Result<Departments, TableError> {
        let mut rules = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cells = line.split('\t').map(str::trim);
            match (cells.next(), cells.next()) {
                (Some(k), Some(d)) if !k.is_empty() && !d.is_empty() => {
                    rules.push((k.to_owned(), d.to_owned()));
                }
                _ => {
                    return Err(TableError {
                        line: i + 1,
                        text: line.to_owned(),
                    });
                }
            }
        }
        Ok(Departments { rules })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The department proposed for `text`: the first rule (in table order)
    /// whose keyword appears in it.
    pub fn propose(&self, text: &str) -> Option<&str> {
        self.rules
            .iter()
            .find(|(k, _)| text.contains(k.as_str()))
            .map(|(_, d)| d.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_proposes() {
        let t = Departments::builtin();
        assert!(t.len() > 20);
        assert_eq!(t.propose("新建5G基站1.4万座"), Some("工业和信息化局"));
        assert_eq!(t.propose("新增学位5000个"), Some("教育局"));
        assert_eq!(t.propose("深化改革"), None);
    }

    #[test]
    fn bad_line_says_where() {
        let e = Departments::parse("# note\n教育\t教育局\n医保\n").unwrap_err();
        assert_eq!(e.line, 3);
    }
}
