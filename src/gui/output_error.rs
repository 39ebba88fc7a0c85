//! Why an output (an export, a 通报, a 督办通知) was not written, in the
//! window's language. The library's messages are the CLI's (English, with
//! its flags); the window says what to do in its own terms.

use commitments::storage::StorageError;

use crate::i18n::{Lang, tr};

pub fn text(lang: Lang, e: &StorageError) -> String {
    match e {
        StorageError::OutputIsFolder { path } => {
            tr(lang, "output.is_folder", &[("path", &path.display())])
        }
        StorageError::WouldOverwrite { path, .. } => {
            tr(lang, "output.would_overwrite", &[("path", &path.display())])
        }
        StorageError::OutputExists { path } => {
            tr(lang, "output.exists", &[("path", &path.display())])
        }
        StorageError::Locked { path, .. } => {
            tr(lang, "output.locked", &[("path", &path.display())])
        }
        StorageError::FolderNotWritable { folder, cause, .. } => tr(
            lang,
            "output.folder_not_writable",
            &[("folder", &folder.display()), ("why", cause)],
        ),
        StorageError::Io { path, cause, .. } => tr(
            lang,
            "output.io",
            &[("path", &path.display()), ("why", cause)],
        ),
        other => other.to_string(),
    }
}
