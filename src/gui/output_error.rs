//! Why an output (an export, a 通报, a 督办通知) was not written, in the
//! window's language. The library's messages are the CLI's (English, with
//! its flags); the window says what to do in its own terms.

use commitments::export::docx::output::OutputError;
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

/// Why the 督办通知 were not written, in the window's language.
pub fn docs_text(lang: Lang, e: &OutputError) -> String {
    match e {
        OutputError::NotAFolder { path } => {
            tr(lang, "output.not_a_folder", &[("path", &path.display())])
        }
        OutputError::Folder { path, source } => tr(
            lang,
            "output.folder_not_writable",
            &[("folder", &path.display()), ("why", source)],
        ),
        OutputError::Exists { path } => tr(lang, "output.exists", &[("path", &path.display())]),
        OutputError::Write { source, .. } => text(lang, source),
    }
}
