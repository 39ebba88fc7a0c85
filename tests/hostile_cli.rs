//! The CLI under attack (issue 14): typed numbers that would make a plan
//! unopenable, outputs aimed at a plan, links, ticks of done commitments,
//! pipes and devices as plans, damaged snapshots, and the exit codes that
//! tell a busy plan from bad input. Every attack leaves the plan as it was.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::cli::{FIVE_G, Sandbox, read};

use commitments::model::{CommitmentId, Status};
use commitments::storage::{self, PlanLock, PlanStore};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn five_g() -> String {
    FIVE_G.to_string()
}

// ------------------------------------------------ 1. values out of range

#[test]
fn a_value_that_overflows_after_scaling_is_refused_and_nothing_is_written() {
    let s = Sandbox::new();
    let before = s.init();
    for value in ["1e307亿", "1e308万", "1e300", "2e15"] {
        let run = s.run(&["progress", &five_g(), "--value", value]);
        let err = run.fails_with_one_line(2);
        assert!(
            err.contains("--value") && err.contains("1e15"),
            "{value}: {err}"
        );
    }
    assert_eq!(read(&s.plan_path()), before, "the plan was written");
    assert!(s.backups().is_empty(), "a save was attempted");
    s.run(&["check"]).ok();
}

#[test]
fn a_value_may_carry_the_targets_unit_and_another_unit_is_refused() {
    let s = Sandbox::new();
    s.init();
    s.run(&["progress", &five_g(), "--value", "1.3万座"]).ok();
    let c = &s.plan().commitments[&CommitmentId(FIVE_G)];
    assert_eq!(c.progress.last().unwrap().value, Some(13_000.0));
    let before = read(&s.plan_path());
    let run = s.run(&["progress", &five_g(), "--value", "1.3万个"]);
    let err = run.fails_with_one_line(2);
    assert!(err.contains("座") && err.contains("个"), "{err}");
    assert_eq!(read(&s.plan_path()), before);
}

// --------------------------------------------- 2. outputs never over a plan

#[test]
fn export_onto_the_plan_is_refused_even_with_force() {
    let s = Sandbox::new();
    let before = s.init();
    let plan = s.plan_path();
    let plan_arg = plan.to_str().unwrap();
    for format in ["csv", "xlsx", "md", "html", "docx"] {
        let run = s.run(&[
            "export", "--format", format, "--output", plan_arg, "--force",
        ]);
        let err = run.fails_with_one_line(2);
        assert!(err.contains("is a plan file"), "{format}: {err}");
    }
    assert_eq!(read(&plan), before, "the plan was replaced");
    // A copy of a plan under another name is a plan too.
    let copy = s.write("copy.txt", &before);
    let run = s.run(&[
        "export",
        "--format",
        "csv",
        "--output",
        copy.to_str().unwrap(),
        "--force",
    ]);
    assert!(run.fails_with_one_line(2).contains("is a plan file"));
    assert_eq!(read(&copy), before);
}

#[test]
fn export_onto_a_backup_or_a_snapshot_or_a_folder_is_refused() {
    let s = Sandbox::new();
    s.init();
    s.run(&["tick", "1"]).ok();
    let backup = s.backups().pop().expect("a backup");
    let kept = read(&backup);
    let run = s.run(&[
        "export",
        "--format",
        "csv",
        "--output",
        backup.to_str().unwrap(),
        "--force",
    ]);
    assert!(run.fails_with_one_line(2).contains("backup"), "{run:?}");
    assert_eq!(read(&backup), kept);

    let snap = s.run(&["snapshot"]).ok().stdout.trim().to_owned();
    let kept = read(Path::new(&snap));
    let run = s.run(&["export", "--format", "md", "--output", &snap, "--force"]);
    assert!(run.fails_with_one_line(2).contains("snapshot"), "{run:?}");
    assert_eq!(read(Path::new(&snap)), kept);

    let run = s.run(&[
        "export",
        "--format",
        "csv",
        "--output",
        s.root().to_str().unwrap(),
        "--force",
    ]);
    let err = run.fails_with_one_line(2);
    assert!(
        err.contains("is a folder") && !err.contains(".ron"),
        "{err}"
    );
}

#[test]
fn generate_force_onto_a_plan_open_elsewhere_is_refused_as_busy() {
    let s = Sandbox::new();
    let before = s.init();
    let lock = PlanLock::acquire(&s.plan_path()).unwrap();
    let run = s.run(&[
        "generate",
        "--count",
        "10",
        "--output",
        s.plan_path().to_str().unwrap(),
        "--force",
    ]);
    assert!(run.fails_with_one_line(3).contains("in use"), "{run:?}");
    assert_eq!(read(&s.plan_path()), before);
    drop(lock);
    s.run(&[
        "generate",
        "--count",
        "10",
        "--output",
        s.plan_path().to_str().unwrap(),
        "--force",
    ])
    .ok();
    assert_eq!(s.plan().commitments.len(), 10);
    assert!(
        !s.backups().is_empty(),
        "the replaced plan is kept in backups/"
    );
}

#[test]
fn generate_count_is_capped_with_a_message() {
    let s = Sandbox::new();
    let out = s.root().join("big.ron");
    let started = Instant::now();
    let run = s.run(&[
        "generate",
        "--count",
        "99999999999",
        "--output",
        out.to_str().unwrap(),
    ]);
    let err = run.fails_with_one_line(2);
    assert!(err.contains("--count") && err.contains("500000"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!out.exists());
}

// ------------------------------------------------------- 3. links

#[cfg(unix)]
#[test]
fn a_plan_reached_through_a_symlink_is_saved_in_the_real_file() {
    let s = Sandbox::new();
    s.init();
    let real = s.plan_path();
    let link = s.root().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let link_arg = link.to_str().unwrap();
    let mut c = s.command();
    c.args(["--file", link_arg, "tick", "1"]);
    common::cli::run(c).ok();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(s.plan().commitments[&CommitmentId(1)].status, Status::Done);
    let backup = s.backups().pop().expect("a backup of the real file");
    assert!(
        !std::fs::symlink_metadata(&backup)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    storage::load(&backup).expect("the backup holds the content");

    // The same lock by either name.
    let lock = PlanLock::acquire(&real).unwrap();
    let mut c = s.command();
    c.args(["--file", link_arg, "tick", "2"]);
    common::cli::run(c).fails_with_one_line(3);
    drop(lock);
}

#[cfg(unix)]
#[test]
fn a_plan_with_two_hard_links_is_locked_under_both_names() {
    let s = Sandbox::new();
    s.init();
    let other = s.data().join("same-file.ron");
    std::fs::hard_link(s.plan_path(), &other).unwrap();
    let (_store, _plan) = PlanStore::open(&s.plan_path(), false).unwrap();
    let before = read(&other);
    let mut c = s.command();
    c.args(["--file", other.to_str().unwrap(), "tick", "1"]);
    let run = common::cli::run(c);
    assert!(run.fails_with_one_line(3).contains("in use"), "{run:?}");
    assert_eq!(read(&other), before);
}

// ------------------------------------------------------- 4. tick and dates

#[test]
fn ticking_a_done_commitment_keeps_its_date_and_writes_nothing() {
    let s = Sandbox::new();
    s.init();
    s.run(&["tick", "1", "--on", "2023-06-01"]).ok();
    let before = read(&s.plan_path());
    let backups = s.backups().len();
    let run = s.run(&["tick", "1"]).ok();
    assert!(run.stdout.contains("already done"), "{run:?}");
    assert_eq!(read(&s.plan_path()), before);
    assert_eq!(s.backups().len(), backups);
    assert_eq!(
        s.plan().commitments[&CommitmentId(1)].done_on,
        Some(date("2023-06-01"))
    );
    // Changing the date is its own action.
    s.run(&["tick", "1", "--on", "2023-06-15", "--change-date"])
        .ok();
    let c = &s.plan().commitments[&CommitmentId(1)];
    assert_eq!(c.done_on, Some(date("2023-06-15")));
    assert_eq!(c.status, Status::Done);
}

#[test]
fn unticking_a_commitment_that_is_not_done_writes_nothing() {
    let s = Sandbox::new();
    let before = s.init();
    let run = s.run(&["untick", "1"]).ok();
    assert!(run.stdout.contains("not done"), "{run:?}");
    assert_eq!(read(&s.plan_path()), before);
    assert!(s.backups().is_empty());
}

#[test]
fn dates_are_strict_and_near_the_plans_year() {
    let s = Sandbox::new();
    let before = s.init();
    for on in [
        "23-1-1",
        "2023-7-1",
        "1900-01-01",
        "2099-01-01",
        "2023-02-30",
    ] {
        let run = s.run(&["tick", "1", "--on", on]);
        let err = run.fails_with_one_line(2);
        assert!(err.contains("--on"), "{on}: {err}");
    }
    let run = s.run(&["progress", "1", "--note", "x", "--on", "2099-01-01"]);
    assert!(run.fails_with_one_line(2).contains("2018-2033"), "{run:?}");
    assert_eq!(read(&s.plan_path()), before);
}

// ------------------------------------------ 6. pipes, devices, huge files

#[cfg(unix)]
fn finishes_within(mut c: std::process::Command, limit: Duration) -> common::cli::Run {
    use std::process::Stdio;
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    common::cli::Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_the_plan_is_refused_at_once() {
    let s = Sandbox::new();
    let fifo = s.root().join("pipe.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let zero = s.root().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let mut files = vec![zero];
    if made.is_ok_and(|st| st.success()) {
        files.push(fifo);
    }
    for file in files {
        for cmd in [&["check"][..], &["list"], &["tick", "1"]] {
            let mut c = s.command();
            c.arg("--file").arg(&file).args(cmd);
            let run = finishes_within(c, Duration::from_secs(10));
            let err = run.fails_with_one_line(2);
            assert!(
                err.contains("not a regular file"),
                "{}: {err}",
                file.display()
            );
        }
    }
}

// ------------------------------------------------------- 7. snapshots

#[test]
fn an_empty_snapshot_left_by_a_crash_is_replaced_and_diff_says_it_is_empty() {
    let s = Sandbox::new();
    s.init();
    let snaps = s.data().join("snapshots");
    std::fs::create_dir_all(&snaps).unwrap();
    let empty = snaps.join("taiyuan-2023.2023-06-30.ron");
    std::fs::write(&empty, b"").unwrap();
    let run = s.run(&["diff", "2023-06-30"]);
    let err = run.fails_with_one_line(2);
    assert!(err.contains("empty"), "{err}");

    let run = s.run(&["snapshot", "--as-of", "2023-06-30"]).ok();
    assert!(run.stderr.contains("did not load"), "{run:?}");
    storage::load(&empty).expect("a good snapshot now");
    s.run(&["diff", "2023-06-30"]).ok();
    // And a good one is never replaced without --force.
    s.run(&["snapshot", "--as-of", "2023-06-30"])
        .fails_with_one_line(2);
}

#[test]
fn stale_temp_files_in_the_snapshot_folder_are_cleaned() {
    let s = Sandbox::new();
    s.init();
    let snaps = s.data().join("snapshots");
    std::fs::create_dir_all(&snaps).unwrap();
    let stale = snaps.join(".taiyuan-2023.2023-06-30.ron.Ab3dE9.tmp");
    std::fs::write(&stale, vec![b'x'; 1 << 20]).unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let fresh = snaps.join(".taiyuan-2023.2023-06-29.ron.Zz9yX8.tmp");
    std::fs::write(&fresh, b"being written").unwrap();
    s.run(&["snapshot", "--as-of", "2023-06-30"]).ok();
    assert!(!stale.exists(), "the stale temp file stayed");
    assert!(fresh.exists(), "a temp file being written was removed");
}

// ---------------------------------------------------------- 8. messages

#[test]
fn a_plan_in_use_exits_3_and_bad_input_exits_2() {
    let s = Sandbox::new();
    let before = s.init();
    let lock = PlanLock::acquire(&s.plan_path()).unwrap();
    let run = s.run(&["tick", "1"]);
    assert!(run.fails_with_one_line(3).contains("in use"));
    drop(lock);
    s.run(&["tick", "99999"]).fails_with_one_line(2);
    assert_eq!(read(&s.plan_path()), before);
}

#[cfg(unix)]
#[test]
fn a_read_only_plan_is_refused_in_one_line_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let before = s.init();
    std::fs::set_permissions(s.plan_path(), std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = s.run(&["tick", "1"]);
    let err = run.fails_with_one_line(2);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(read(&s.plan_path()), before);
    assert!(s.backups().is_empty());
    // Reading still works.
    s.run(&["check"]).ok();
}

#[test]
fn a_truncated_plan_says_it_seems_cut_short() {
    let s = Sandbox::new();
    let bytes = s.init();
    let cut = s.write("cut.ron", &bytes[..bytes.len() / 2]);
    let mut c = s.command();
    c.arg("--file").arg(&cut).arg("list");
    let err = common::cli::run(c).fails_with_one_line(2).to_owned();
    assert!(err.contains("cut short"), "{err}");
    assert!(err.contains("cut.ron"), "{err}");
}

#[test]
fn a_bad_date_inside_a_file_names_the_field() {
    let s = Sandbox::new();
    let text = String::from_utf8(s.init()).unwrap();
    let bad = text.replacen("due: Some(\"2023-12-31\")", "due: Some(\"2023-13-45\")", 1);
    assert_ne!(bad, text);
    let f = s.write("bad-date.ron", bad);
    let mut c = s.command();
    c.arg("--file").arg(&f).arg("check");
    let run = common::cli::run(c);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.contains("field due"), "{run:?}");
}
