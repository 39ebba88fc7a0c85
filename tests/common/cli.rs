//! The shared CLI harness: the real `commitments` binary run as a process
//! in its own temporary folder, "today" pinned to 2023-07-01.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use commitments::model::Plan;
use commitments::storage::{self, paths};

pub const TODAY: &str = "2023-07-01";
pub const PLAN_FILE: &str = "taiyuan-2023.ron";
/// 5G基站达到1.4万座以上: quantitative (座), led by 工信局.
pub const FIVE_G: u32 = 35;

/// What a finished process left.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(self) -> Run {
        assert_eq!(self.code, Some(0), "expected success: {self:#?}");
        self
    }

    /// Asserts the exit code and that stderr is exactly one line; returns it.
    pub fn fails_with_one_line(&self, code: i32) -> &str {
        assert_eq!(self.code, Some(code), "{self:#?}");
        let err = self.stderr.trim_end();
        assert!(!err.is_empty(), "no message on stderr: {self:#?}");
        assert_eq!(err.lines().count(), 1, "expected one line: {self:#?}");
        err
    }
}

/// A temporary working folder; the data folder is `data/` inside it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        self.root().join("data")
    }

    pub fn plan_path(&self) -> PathBuf {
        self.data().join(PLAN_FILE)
    }

    /// The binary with a clean environment, run in the sandbox.
    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_commitments"));
        c.current_dir(self.root())
            .env("COMMITMENTS_TODAY", TODAY)
            .env_remove(paths::DATA_DIR_ENV)
            .arg("--data-dir")
            .arg(self.data());
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let mut c = self.command();
        c.args(args);
        run(c)
    }

    /// Runs once so that the default plan exists, and returns its bytes.
    pub fn init(&self) -> Vec<u8> {
        self.run(&["list", "--format", "json"]).ok();
        read(&self.plan_path())
    }

    pub fn plan(&self) -> Plan {
        storage::load(&self.plan_path()).expect("the plan loads")
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// The plan's backups, sorted.
    pub fn backups(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.data().join("backups")) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
        found.sort();
        found
    }
}

pub fn run(mut c: Command) -> Run {
    let out = c.output().expect("the binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
