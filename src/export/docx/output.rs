//! Writing several documents into a folder (the 督办通知): the folder made
//! and probed first, no file written over, each file whole or not at all
//! (through the atomic writer).

use std::path::{Path, PathBuf};

use crate::storage::StorageError;

/// What can go wrong while writing documents into a folder.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: is not a folder")]
    NotAFolder { path: PathBuf },
    #[error("{path}: cannot write into this folder: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: exists; nothing was written")]
    Exists { path: PathBuf },
    #[error("{path}: could not be written: {source}")]
    Write { path: PathBuf, source: StorageError },
}

/// Makes the folder if needed and checks that a file can be created in it.
pub fn prepare_folder(dir: &Path) -> Result<(), OutputError> {
    if dir.exists() && !dir.is_dir() {
        return Err(OutputError::NotAFolder {
            path: dir.to_owned(),
        });
    }
    let folder = |source| OutputError::Folder {
        path: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(folder)?;
    tempfile::Builder::new()
        .prefix(".commitments-probe")
        .tempfile_in(dir)
        .map_err(folder)?;
    Ok(())
}

/// The paths the files would take, refusing any that exists.
pub fn plan_files(dir: &Path, names: &[String]) -> Result<Vec<PathBuf>, OutputError> {
    names
        .iter()
        .map(|n| {
            let path = dir.join(n);
            if path.exists() {
                Err(OutputError::Exists { path })
            } else {
                Ok(path)
            }
        })
        .collect()
}

/// Writes each file whole; stops at the first that fails. Returns how many
/// were written with the error, if any.
pub fn write_files(files: &[(PathBuf, Vec<u8>)]) -> (usize, Option<OutputError>) {
    for (i, (path, bytes)) in files.iter().enumerate() {
        if let Err(source) = crate::storage::write_output(path, bytes, false) {
            return (
                i,
                Some(OutputError::Write {
                    path: path.clone(),
                    source,
                }),
            );
        }
    }
    (files.len(), None)
}
