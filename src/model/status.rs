use serde::{Deserialize, Serialize};

/// The status a person sets. Pace and light are derived, never stored.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 未启动
    #[default]
    NotStarted,
    /// 推进中
    InProgress,
    /// 已完成 (the commitment carries its done date)
    Done,
    /// 暂缓 (the commitment carries a reason)
    Suspended,
    /// 申请销号, 待审核: the department applied; the office confirms (done)
    /// or sends it back (推进中). Placed last so older files read the same.
    ClosureRequested,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Suspended,
        Status::ClosureRequested,
    ];

    /// The snake_case word used in files, JSON and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Suspended => "suspended",
            Status::ClosureRequested => "closure_requested",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}
