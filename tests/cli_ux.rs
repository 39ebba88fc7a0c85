//! What a new user hits in the CLI and the exports (issue 13): text
//! arguments that start with "-", --since that cannot apply, the real
//! binary run as a process with "today" pinned to 2023-07-15.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use commitments::model::CommitmentId;
use commitments::storage::{self, paths};

const TODAY: &str = "2023-07-15";

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let sb = Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        sb.ok(&["list", "--format", "json"]);
        sb
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn plan_path(&self) -> PathBuf {
        self.data().join("taiyuan-2023.ron")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_commitments"))
            .current_dir(self.dir.path())
            .env("COMMITMENTS_TODAY", TODAY)
            .env_remove(paths::DATA_DIR_ENV)
            .arg("--data-dir")
            .arg(self.data())
            .args(args)
            .output()
            .expect("the binary runs")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn text_arguments_may_start_with_a_hyphen() {
    let sb = Sandbox::new();
    sb.ok(&[
        "progress",
        "35",
        "--value",
        "10500",
        "--next-steps",
        "-2",
        "--problems",
        "--缺口较大",
        "--note",
        "-新建1500座",
        "--reporter",
        "-张",
    ]);
    let plan = storage::load(&sb.plan_path()).unwrap();
    let e = plan.commitments[&CommitmentId(35)]
        .progress
        .last()
        .unwrap()
        .clone();
    assert_eq!(e.next_steps, "-2");
    assert_eq!(e.problems, "--缺口较大");
    assert_eq!(e.progress, "-新建1500座");
    assert_eq!(e.reporter, "-张");
}

#[test]
fn since_with_csv_says_in_one_line_that_it_is_ignored() {
    let sb = Sandbox::new();
    sb.ok(&["snapshot", "--as-of", "2023-06-30"]);
    let out = sb.out("a.csv");
    let run = sb.ok(&[
        "export",
        "--format",
        "csv",
        "--output",
        out.to_str().unwrap(),
        "--since",
        "2023-06-30",
    ]);
    let err = stderr(&run);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--since") && err.contains("ignored"), "{err}");
}

#[test]
fn a_snapshot_newer_than_as_of_is_refused_and_nothing_written() {
    let sb = Sandbox::new();
    sb.ok(&["snapshot", "--as-of", "2023-07-10"]);
    let out = sb.out("r.md");
    let run = sb.run(&[
        "export",
        "--format",
        "md",
        "--output",
        out.to_str().unwrap(),
        "--as-of",
        "2023-07-03",
        "--since",
        "2023-07-10",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(
        err.contains("2023-07-10") && err.contains("2023-07-03"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn the_changes_name_both_dates_even_when_nothing_changed() {
    let sb = Sandbox::new();
    sb.ok(&["snapshot", "--as-of", "2023-06-30"]);
    for (format, name) in [("md", "r.md"), ("html", "r.html")] {
        let out = sb.out(name);
        sb.ok(&[
            "export",
            "--format",
            format,
            "--output",
            out.to_str().unwrap(),
            "--since",
            "2023-06-30",
        ]);
        let text = read(&out);
        assert!(text.contains("2023年6月30日至7月15日"), "{format}: {text}");
        assert!(!text.contains("与上月相比"), "{format}");
    }
}

#[test]
fn markdown_writes_lights_as_words() {
    let sb = Sandbox::new();
    let out = sb.out("r.md");
    sb.ok(&[
        "export",
        "--format",
        "md",
        "--output",
        out.to_str().unwrap(),
    ]);
    let text = read(&out);
    for emoji in ["🔴", "🟡", "🔵", "🟢", "⚪"] {
        assert!(!text.contains(emoji), "{emoji}");
    }
    assert!(text.contains("红灯") && text.contains("绿灯"));
}
