//! The plan file format: pretty RON, one field per line, commitments in id order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::model::{Commitment, Department, Plan, PlanSettings, SourceReport};

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
        Plan {
            format_version: self.format_version,
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
pub fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .compact_arrays(false)
}

/// Serializes a plan to its file text.
pub fn to_ron(plan: &Plan) -> Result<String, ron::Error> {
    let file = PlanFileRef {
        format_version: plan.format_version,
        title: &plan.title,
        issuer: &plan.issuer,
        year: plan.year,
        source_report: &plan.source_report,
        settings: &plan.settings,
        notes: &plan.notes,
        departments: &plan.departments,
        commitments: &plan.commitments,
    };
    let mut text = ron::ser::to_string_pretty(&file, pretty_config())?;
    text.push('\n');
    Ok(text)
}
