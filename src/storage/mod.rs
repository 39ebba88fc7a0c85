//! Plan files: the RON format, safe saving, backups, locking and where files live.

pub mod backup;
mod error;
pub mod format;
pub mod load;
pub mod lock;
pub mod output;
pub mod paths;
pub mod save;
pub mod store;

pub use error::StorageError;
pub use load::load;
pub use lock::PlanLock;
pub use output::write_output;
pub use save::{SaveHooks, SaveStep, Saved, save};
pub use store::{OpenMode, PlanStore};
