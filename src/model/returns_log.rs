//! What the plan remembers of the departments' monthly returns (回报): one
//! record per merged return, so that 报送情况 can say who returned, when and
//! whether late, and so that merging the same return again changes nothing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DeptId;

/// One merged return of a department for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReturnRecord {
    /// The period the return answers for, `YYYY-MM`.
    pub period: String,
    pub department: DeptId,
    /// The return's date: its 填报日期, or the file's date when none is given.
    pub returned_on: NaiveDate,
    /// The deadline (报送截止) printed on the form.
    pub due: NaiveDate,
    /// The day it was merged into the plan.
    pub merged_on: NaiveDate,
    /// The file's name as received (no folder).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// Fingerprints of the rows taken from it (see `returns::merge`): a row
    /// whose fingerprint is here is already in the log.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<String>,
}

impl ReturnRecord {
    /// Whether it came in after the deadline.
    pub fn is_late(&self) -> bool {
        self.returned_on > self.due
    }
}

/// FNV-1a, 64 bits: a stable hash (the same on every platform and version,
/// unlike `std`'s hasher) for plan ids and fingerprints. Not a secret: it
/// catches accidents and casual edits, not forgery.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
