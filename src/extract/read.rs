//! Reading a report file into text.
//!
//! A minimal version (UTF-8 text only) so that the review window compiles;
//! the extractor's developer owns the full reader (GB18030, .docx, .md).

use std::path::{Path, PathBuf};

/// Why a report file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: expected UTF-8 text (a .txt report), found bytes that are not UTF-8 at byte {at}"
    )]
    NotText { path: PathBuf, at: usize },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
}

/// The text of the report at `path`.
pub fn read_report(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ReadError::NotText {
        path: path.to_owned(),
        at: e.utf8_error().valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
    if text.trim().is_empty() {
        return Err(ReadError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(text)
}
