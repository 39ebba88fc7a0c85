//! Opening a large plan off the UI thread: the window stays responsive and
//! says what it is reading, instead of freezing for the second or two a plan
//! of 100,000 commitments takes to parse.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use commitments::storage::StorageError;

use super::document::Document;

/// Files above this size are read on a worker thread (about 1,600
/// commitments; smaller ones open within a frame or two, without a flash of
/// the "opening" screen).
pub const IN_BACKGROUND_ABOVE_BYTES: u64 = 2 * 1024 * 1024;

/// A plan being read on a worker thread.
pub struct Opening {
    pub path: PathBuf,
    pub bytes: u64,
    result: Receiver<Result<Document, StorageError>>,
}

/// What became of an opening (one a file opened: its size does not matter).
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    Document(Document),
    Failed(StorageError),
    /// The worker stopped without an answer (it panicked).
    Lost,
}

impl Opening {
    /// Whether `path` is large enough to be read in the background.
    pub fn worth_it(path: &Path) -> Option<u64> {
        let meta = std::fs::metadata(path).ok()?;
        (meta.is_file() && meta.len() > IN_BACKGROUND_ABOVE_BYTES).then_some(meta.len())
    }

    /// Starts reading; `wake` asks for a frame (when it is done, and later
    /// when saves finish). `None` if no thread could be started.
    pub fn start(
        path: &Path,
        bytes: u64,
        wake: impl Fn() + Clone + Send + 'static,
    ) -> Option<Opening> {
        let (tx, rx) = mpsc::channel();
        let worker_path = path.to_owned();
        std::thread::Builder::new()
            .name("plan-open".to_owned())
            .spawn(move || {
                let result = Document::open(&worker_path, wake.clone());
                let _ = tx.send(result);
                wake();
            })
            .ok()?;
        Some(Opening {
            path: path.to_owned(),
            bytes,
            result: rx,
        })
    }

    /// The outcome, once there is one.
    pub fn poll(&self) -> Option<Opened> {
        match self.result.try_recv() {
            Ok(Ok(doc)) => Some(Opened::Document(doc)),
            Ok(Err(e)) => Some(Opened::Failed(e)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Opened::Lost),
        }
    }
}
