//! The plan and its commitments: plain data plus the domain rules that change it.
//!
//! Nothing here knows about files, terminals or windows.

mod accountability;
mod as_of;
mod commitment;
mod department;
mod edit;
mod plan;
mod returns_log;
mod rules;
mod status;
mod target;
pub mod text;

pub use accountability::{ClosureRequest, DueExtension, Evidence, ExtensionRequest, StepError};
pub use commitment::{
    Commitment, CommitmentId, Kind, ProgressEntry, StatusChange, SubMilestone, TargetAdjustment,
};
pub use department::{Department, DeptId};
pub use edit::{Edit, EditError, Field, FieldValue};
pub use plan::{
    DEFAULT_NOT_STARTED_MONTHS, DEFAULT_STALE_MONTHS, DocumentSettings, FORMAT_VERSION,
    JournalMark, Plan, PlanSettings, SourceReport,
};
pub use returns_log::{ReturnRecord, stable_hash};
pub use status::Status;
pub use target::{Better, Comparator, Target};
