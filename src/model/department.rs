use serde::{Deserialize, Serialize};

/// A department's stable id, a short ASCII slug such as `gxj` (工信局).
///
/// Commitments refer to departments by id so that renaming a department
/// touches one record, not every commitment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DeptId(pub String);

impl DeptId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DeptId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One entry of the plan's department registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Department {
    pub id: DeptId,
    /// The official name, e.g. 太原市工业和信息化局 or 市工业和信息化局.
    pub name: String,
    /// The name people use in ledgers, e.g. 工信局.
    pub short_name: String,
}

impl Department {
    /// Whether `name` designates this department, by full name, short name or id.
    pub fn answers_to(&self, name: &str) -> bool {
        let name = name.trim();
        self.name == name || self.short_name == name || self.id.0 == name
    }
}
