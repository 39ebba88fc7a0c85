//! 佐证材料: files attached to an application or a progress entry, copied
//! into `<plan>.files/` under their content hash (never overwritten; the
//! same file twice is stored once), listed with name, size and date, and
//! opened with the system's viewer. A missing file is reported, never fatal.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::{Evidence, stable_hash};

#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("{}: cannot read the evidence file: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot store the evidence file: {source}", path.display())]
    Store {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: the evidence file is missing", path.display())]
    Missing { path: PathBuf },
    /// The plan names a stored file that this program would never have
    /// written (a folder, `..`): refused, so a hand-edited plan cannot make
    /// the window open a file outside `<plan>.files/`.
    #[error(
        "{name:?}: not the name of a stored evidence file (expected 32 hex digits and an extension)"
    )]
    BadName { name: String },
    #[error("{}: cannot open it with the system viewer: {source}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// `<plan>.files/` beside the plan.
pub fn files_dir(plan_path: &Path) -> PathBuf {
    plan_path.with_extension("files")
}

/// Where a stored evidence file is.
pub fn stored_path(plan_path: &Path, e: &Evidence) -> PathBuf {
    files_dir(plan_path).join(&e.stored)
}

/// Copies `source` into the plan's files folder under its content hash.
pub fn attach(plan_path: &Path, source: &Path, on: NaiveDate) -> Result<Evidence, EvidenceError> {
    let bytes = std::fs::read(source).map_err(|e| EvidenceError::Read {
        path: source.to_owned(),
        source: e,
    })?;
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let ext = source
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
        .filter(|e| e.len() <= 10 && e.chars().all(|c| c == '.' || c.is_ascii_alphanumeric()))
        .unwrap_or_default();
    // Two hashes of different seeds make a 128-bit name.
    let mut salted = bytes.clone();
    salted.extend_from_slice(b"\x00evidence");
    let stored = format!(
        "{:016x}{:016x}{ext}",
        stable_hash(&bytes),
        stable_hash(&salted)
    );
    let dir = files_dir(plan_path);
    std::fs::create_dir_all(&dir).map_err(|e| EvidenceError::Store {
        path: dir.clone(),
        source: e,
    })?;
    let target = dir.join(&stored);
    let same = std::fs::read(&target).is_ok_and(|b| b == bytes);
    if !same {
        if target.exists() {
            // Never overwritten: a different file under the same name would
            // be a hash collision; refuse rather than lose either.
            return Err(EvidenceError::Store {
                path: target,
                source: std::io::ErrorKind::AlreadyExists.into(),
            });
        }
        crate::storage::save::write_atomically(
            &target,
            &bytes,
            &crate::storage::save::NoFaults,
            false,
        )
        .map_err(|e| EvidenceError::Store {
            path: target.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
    }
    Ok(Evidence {
        name,
        stored,
        size: bytes.len() as u64,
        added: on,
    })
}

/// Whether `name` is one [`attach`] makes: 32 lowercase hex digits and an
/// optional extension of ASCII letters and digits.
pub fn is_stored_name(name: &str) -> bool {
    let (hash, ext) = match name.split_once('.') {
        Some((h, e)) => (h, Some(e)),
        None => (name, None),
    };
    hash.len() == 32
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && ext.is_none_or(|e| {
            (1..=9).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Whether the stored file is there.
pub fn check(plan_path: &Path, e: &Evidence) -> Result<PathBuf, EvidenceError> {
    if !is_stored_name(&e.stored) {
        return Err(EvidenceError::BadName {
            name: e.stored.clone(),
        });
    }
    let path = stored_path(plan_path, e);
    if path.is_file() {
        Ok(path)
    } else {
        Err(EvidenceError::Missing { path })
    }
}

/// Opens the stored file with the system's viewer (`xdg-open`, `open`, `start`).
pub fn open(plan_path: &Path, e: &Evidence) -> Result<(), EvidenceError> {
    let path = check(plan_path, e)?;
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(&path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|source| EvidenceError::Open { path, source })
}

/// A size in words: 532 B, 12.4 KB, 3.1 MB.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / 1024.0 / 1024.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_by_content_once_and_missing_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("p.ron");
        let src = dir.path().join("照片.JPG");
        std::fs::write(&src, b"jpeg bytes").unwrap();
        let on = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
        let a = attach(&plan, &src, on).unwrap();
        let b = attach(&plan, &src, on).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.name, "照片.JPG");
        assert!(a.stored.ends_with(".jpg"));
        assert_eq!(a.size, 10);
        assert!(check(&plan, &a).is_ok());
        assert!(is_stored_name(&a.stored));
        for bad in [
            "../p.ron",
            "0123456789abcdef0123456789abcdef.x/y",
            "x.jpg",
            "",
        ] {
            let e = Evidence {
                stored: bad.to_owned(),
                ..a.clone()
            };
            assert!(
                matches!(check(&plan, &e), Err(EvidenceError::BadName { .. })),
                "{bad}"
            );
        }
        std::fs::remove_file(stored_path(&plan, &a)).unwrap();
        assert!(matches!(
            check(&plan, &a),
            Err(EvidenceError::Missing { .. })
        ));
    }
}
