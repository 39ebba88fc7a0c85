//! A save that failed, as the user needs to hear it: the likely cause in a
//! few words (disk full, no permission), then the technical detail.

use std::io::ErrorKind;

use commitments::storage::StorageError;

use crate::i18n::{Lang, t};

/// Why a save failed, and the library's message (file and operation).
#[derive(Debug, Clone, PartialEq)]
pub struct SaveFailure {
    pub cause: SaveCause,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveCause {
    DiskFull,
    NoPermission,
    InUse,
    WouldNotLoad,
    Other,
}

impl SaveFailure {
    pub fn of(error: &StorageError) -> SaveFailure {
        let cause = match error {
            StorageError::Io { cause, .. } => match cause.kind() {
                ErrorKind::StorageFull | ErrorKind::QuotaExceeded => SaveCause::DiskFull,
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                    SaveCause::NoPermission
                }
                _ => SaveCause::Other,
            },
            StorageError::FolderNotWritable { .. } => SaveCause::NoPermission,
            StorageError::Locked { .. } => SaveCause::InUse,
            StorageError::WouldNotLoad { .. } => SaveCause::WouldNotLoad,
            _ => SaveCause::Other,
        };
        SaveFailure {
            cause,
            detail: error.to_string(),
        }
    }

    /// The cause in a few words, to go into a sentence.
    pub fn reason(&self, lang: Lang) -> &'static str {
        match self.cause {
            SaveCause::DiskFull => t(lang, "save.why.disk_full"),
            SaveCause::NoPermission => t(lang, "save.why.no_permission"),
            SaveCause::InUse => t(lang, "save.why.in_use"),
            SaveCause::WouldNotLoad => t(lang, "save.why.would_not_load"),
            SaveCause::Other => t(lang, "save.why.other"),
        }
    }
}
