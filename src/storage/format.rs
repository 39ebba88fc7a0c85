//! The plan file format: pretty RON, one field per line, commitments in id order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::model::{Commitment, Department, Plan, PlanSettings, ReturnRecord, SourceReport};

/// A plan as it stands in a file, before validation. Departments and
/// commitments are lists so that duplicate ids can be found and reported
/// (a map would silently keep the last one).
#[derive(Debug, Clone, Deserialize)]
pub struct PlanFile {
    pub format_version: u32,
    pub title: String,
    #[serde(default)]
    pub issuer: String,
    pub year: i32,
    #[serde(default)]
    pub source_report: SourceReport,
    #[serde(default)]
    pub settings: PlanSettings,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub departments: Vec<Department>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// Absent in plans written before plans had ids: derived on loading.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub returns: Vec<ReturnRecord>,
    /// The change journal's mark (absent: no journal yet).
    #[serde(default)]
    pub journal: Option<JournalMarkFile>,
}

/// The journal mark as the file holds it: `journal: (seq: 12, hash: "…")`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalMarkFile {
    pub seq: u64,
    /// FNV-1a of the record's line, 16 hex digits.
    pub hash: String,
}

impl PlanFile {
    /// Builds the plan. Duplicates must have been reported by validation
    /// before; here the first of each id wins.
    pub fn into_plan(self) -> Plan {
        let mut departments = BTreeMap::new();
        for d in self.departments {
            departments.entry(d.id.clone()).or_insert(d);
        }
        let mut commitments = BTreeMap::new();
        for c in self.commitments {
            commitments.entry(c.id).or_insert(c);
        }
        let id = if self.id.trim().is_empty() {
            Plan::derived_id(&self.title, self.year)
        } else {
            self.id
        };
        let journal = self
            .journal
            .map(|m| crate::model::JournalMark {
                seq: m.seq,
                hash: u64::from_str_radix(&m.hash, 16).unwrap_or(0),
                pending: Vec::new(),
                last_seq: m.seq,
            })
            .unwrap_or_default();
        Plan {
            id,
            journal,
            returns: self.returns,
            // Checked by the loader: an older version is read as this one
            // (its missing fields default), and saved as this one.
            format_version: crate::model::FORMAT_VERSION,
            title: self.title,
            issuer: self.issuer,
            year: self.year,
            source_report: self.source_report,
            settings: self.settings,
            notes: self.notes,
            departments,
            commitments,
        }
    }
}

/// The same shape as [`PlanFile`], borrowing from a plan so that saving never
/// clones it.
#[derive(Serialize)]
struct PlanFileRef<'a> {
    format_version: u32,
    title: &'a str,
    issuer: &'a str,
    year: i32,
    source_report: &'a SourceReport,
    settings: &'a PlanSettings,
    notes: &'a str,
    #[serde(serialize_with = "values_as_seq")]
    departments: &'a BTreeMap<crate::model::DeptId, Department>,
    #[serde(serialize_with = "values_as_seq")]
    commitments: &'a BTreeMap<crate::model::CommitmentId, Commitment>,
    id: &'a str,
    #[serde(skip_serializing_if = "<[ReturnRecord]>::is_empty")]
    returns: &'a [ReturnRecord],
    #[serde(skip_serializing_if = "Option::is_none")]
    journal: Option<JournalMarkFile>,
}

fn values_as_seq<S: Serializer, K, V: Serialize>(
    map: &&BTreeMap<K, V>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(map.values())
}

/// Only the version, read first so that a file from a newer program is
/// refused with a clear message rather than a confusing parse error.
#[derive(Deserialize)]
pub struct VersionProbe {
    pub format_version: u32,
}

/// The RON layout of plan files: stable, diff-friendly, one field per line.
///
/// Strings are written as they are (a note's line breaks stay line breaks;
/// text with `"` or `\` becomes a raw string `r#"…"#`): ron's escaping asks,
/// for every character, whether it is printable, and that made saving five
/// times slower for Chinese text. Text holding control characters is the
/// exception, see [`to_ron`].
pub fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .compact_arrays(false)
        .escape_strings(false)
}

/// Serializes a plan to its file text.
pub fn to_ron(plan: &Plan) -> Result<String, ron::Error> {
    let file = PlanFileRef {
        format_version: crate::model::FORMAT_VERSION,
        title: &plan.title,
        issuer: &plan.issuer,
        year: plan.year,
        source_report: &plan.source_report,
        settings: &plan.settings,
        notes: &plan.notes,
        departments: &plan.departments,
        commitments: &plan.commitments,
        id: &plan.id,
        returns: &plan.returns,
        journal: (plan.journal.seq > 0).then(|| JournalMarkFile {
            seq: plan.journal.seq,
            hash: format!("{:016x}", plan.journal.hash),
        }),
    };
    let mut text = ron::ser::to_string_pretty(&file, pretty_config())?;
    // Control characters (pasted from other programs) would be written raw
    // and make the file look binary to editors and diff tools: such a plan
    // is written with every string escaped instead.
    if has_control_characters(&text) {
        text = ron::ser::to_string_pretty(&file, pretty_config().escape_strings(true))?;
    }
    text.push('\n');
    Ok(text)
}

/// Whether `text` holds a control character other than line feed and tab
/// (C0, DEL or C1). A byte scan: the file's own syntax uses neither.
fn has_control_characters(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            // C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8.
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_and_text_is_not_mistaken_for_them() {
        assert!(!has_control_characters("太原 5G基站\n\t“引号” é 😀 \u{a0}"));
        for c in ['\0', '\r', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert!(has_control_characters(&format!("a{c}b")), "{c:?}");
        }
    }

    #[test]
    fn plain_text_is_written_raw_and_control_characters_escaped() {
        let mut plan = crate::model::Plan::new("计划", 2023);
        plan.notes = "第一行\n第二行 \"引\"".to_owned();
        let text = to_ron(&plan).unwrap();
        assert!(text.contains("第一行\n第二行"), "{text}");
        assert!(text.contains("r#\""), "{text}");
        plan.notes.push('\u{7}');
        let text = to_ron(&plan).unwrap();
        assert!(text.contains("\\n") && text.contains("\\u{7}"), "{text}");
    }
}
