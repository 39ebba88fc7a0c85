//! The crash test: writers of a large plan are killed with SIGKILL at random
//! moments, and the plan on disk must always be a complete version.
//!
//! Each round runs the real binary (`commitments --file PLAN progress ID
//! --value N --note crash-N`) one process after another, each a full
//! open-lock-load-save cycle, and kills whichever is running with SIGKILL
//! (`Child::kill`, then `wait`, so the writer is gone before the plan is
//! looked at). Half the rounds kill at a random moment of the cycle; the
//! other half aim at the few milliseconds of actual writing (a new temp file
//! or a change of the plan file is seen), which a uniform delay rarely hits.
//! A plan saved in place instead of through temp file and rename fails this
//! test within a few rounds.
//!
//! The writes are numbered, so after each kill the plan's log of ID must hold
//! exactly the writes 1..=k, where k is the number of writes that finished,
//! or one more when the killed writer got as far as the rename.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use commitments::generate::{Profile, generate};
use commitments::model::CommitmentId;
use commitments::storage::{self, backup, paths, save::temp_prefix};

/// Large enough that a save takes a while (about 6 MB of RON), small enough
/// that 30 rounds fit in well under a minute on two busy cores.
const COUNT: usize = 5_000;
const ID: u32 = 17;
const ROUNDS: usize = 30;
/// The rounds stop early when this is spent, whatever the machine's load.
const BUDGET: Duration = Duration::from_secs(40);
const SEED: u64 = 0x5eed_c0de;
const NOTE: &str = "crash-";

fn writer(plan: &Path, n: u64) -> Child {
    Command::new(env!("CARGO_BIN_EXE_commitments"))
        .arg("--file")
        .arg(plan)
        .args(["progress", &ID.to_string(), "--value", &n.to_string()])
        // After every generated entry, so the log keeps the order of writes.
        .args(["--on", "2023-12-31", "--note", &format!("{NOTE}{n}")])
        .env("COMMITMENTS_TODAY", "2023-07-01")
        .env_remove(paths::DATA_DIR_ENV)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Waits for a writer that was not killed and asserts that it succeeded.
fn finished(mut child: Child, status: std::process::ExitStatus) {
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        panic!("a writer failed on its own ({status}): {err}");
    }
    let _ = child.wait();
}

/// Loads the plan and returns the numbers of this test's writes in log order.
fn written(path: &Path, when: &str) -> Vec<u64> {
    let plan = storage::load(path)
        .unwrap_or_else(|e| panic!("{when}: the plan does not load after a kill: {e}"));
    assert_eq!(plan.commitments.len(), COUNT, "{when}: commitments lost");
    plan.commitments[&CommitmentId(ID)]
        .progress
        .iter()
        .filter_map(|e| e.progress.strip_prefix(NOTE))
        .map(|n| n.parse().expect("a write number"))
        .collect()
}

/// Temp files a writer of `path` leaves beside it.
fn temps(path: &Path) -> Vec<PathBuf> {
    let prefix = temp_prefix(&path.file_name().unwrap().to_string_lossy());
    std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(&prefix) && name.ends_with(".tmp")
        })
        .collect()
}

/// When to kill the running writer.
enum Aim {
    At(Instant),
    /// `delay` after the writer starts writing, seen as a new temp file of
    /// the plan or as a change of the plan file itself (or at `give_up`).
    AfterWriteStarts {
        stale: Vec<PathBuf>,
        stamp: Stamp,
        delay: Duration,
        seen: Option<Instant>,
        give_up: Instant,
    },
}

impl Aim {
    fn due(&mut self, path: &Path) -> bool {
        let now = Instant::now();
        match self {
            Aim::At(at) => now >= *at,
            Aim::AfterWriteStarts {
                stale,
                stamp,
                delay,
                seen,
                give_up,
            } => {
                if seen.is_none()
                    && (Stamp::of(path) != *stamp || temps(path).iter().any(|t| !stale.contains(t)))
                {
                    *seen = Some(now);
                }
                match seen {
                    Some(at) => now >= *at + *delay,
                    None => now >= *give_up,
                }
            }
        }
    }

    /// The writer finished before the kill: aim at the next one's save.
    fn writer_finished(&mut self, path: &Path) {
        if let Aim::AfterWriteStarts { seen, stamp, .. } = self {
            *seen = None;
            *stamp = Stamp::of(path);
        }
    }
}

/// Size and modification time of the plan file.
#[derive(Debug, Clone, PartialEq)]
struct Stamp(Option<(u64, std::time::SystemTime)>);

impl Stamp {
    fn of(path: &Path) -> Stamp {
        Stamp(
            std::fs::metadata(path)
                .ok()
                .and_then(|m| Some((m.len(), m.modified().ok()?))),
        )
    }
}

#[derive(Debug, Default)]
struct Stats {
    rounds: usize,
    /// Writers that finished on their own.
    writes: u64,
    /// Kills after the rename: the killed writer's version is on disk.
    renamed: usize,
    /// Kills between temp file and rename: the temp file is left behind.
    temp_left: usize,
}

#[test]
fn killed_writers_never_leave_a_broken_plan() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = generate(COUNT, 7, Profile::Realistic);
    let saved = storage::save(&plan, &path).unwrap();
    drop(plan);
    assert!(written(&path, "start").is_empty());

    // One undisturbed write, timed: the kill delays span a whole write cycle.
    let t = Instant::now();
    let mut child = writer(&path, 1);
    let status = child.wait().unwrap();
    finished(child, status);
    let cycle = t.elapsed();
    assert_eq!(written(&path, "first write"), [1]);
    let window = cycle.mul_f64(1.25);
    eprintln!(
        "plan: {COUNT} commitments, {} bytes; one write takes {cycle:?}; kills within {window:?}; seed {SEED:#x}",
        saved.bytes
    );

    let mut rng = fastrand::Rng::with_seed(SEED);
    let mut on_disk = 1u64;
    let mut stats = Stats::default();
    for round in 0..ROUNDS {
        if started.elapsed() > BUDGET {
            break;
        }
        stats.rounds += 1;
        // Odd rounds aim at the writing itself (a few ms of a cycle spent
        // mostly loading and serializing); even rounds kill anywhere in it.
        let mut aim = if round % 2 == 1 {
            Aim::AfterWriteStarts {
                stale: temps(&path),
                stamp: Stamp::of(&path),
                // Skewed to 0: half the kills within 3 ms of the first byte.
                delay: Duration::from_secs_f64(0.025 * rng.f64().powi(3)),
                seen: None,
                give_up: Instant::now() + cycle * 5,
            }
        } else {
            Aim::At(Instant::now() + window.mul_f64(rng.f64()))
        };
        let mut next = on_disk + 1;
        let mut completed = 0;
        loop {
            let mut child = writer(&path, next);
            let killed = loop {
                if let Some(status) = child.try_wait().unwrap() {
                    finished(child, status);
                    aim.writer_finished(&path);
                    break false;
                }
                if aim.due(&path) {
                    // SIGKILL; wait() reaps it, so nothing of it runs on.
                    child.kill().unwrap();
                    child.wait().unwrap();
                    break true;
                }
                std::thread::sleep(Duration::from_micros(500));
            };
            if killed {
                break;
            }
            completed += 1;
            next += 1;
        }
        stats.writes += completed;

        let when = format!("round {round}");
        let values = written(&path, &when);
        let k = values.len() as u64;
        let expected: Vec<u64> = (1..=k).collect();
        assert_eq!(
            values, expected,
            "{when}: the log is not the writes in order"
        );
        let floor = on_disk + completed;
        assert!(
            k == floor || k == floor + 1,
            "{when}: {k} writes on disk, expected {floor} finished (+1 in flight)"
        );
        stats.renamed += usize::from(k == floor + 1);
        on_disk = k;

        let left = temps(&path);
        assert!(left.len() <= 1, "{when}: temp files pile up: {left:?}");
        stats.temp_left += usize::from(!left.is_empty());
        // keep() links the backup, then prunes: a kill in between leaves one extra.
        let backups = backup::list(&path).len();
        assert!(backups <= backup::KEEP + 1, "{when}: {backups} backups");
    }
    eprintln!("{stats:?} in {:?}", started.elapsed());
    assert!(stats.rounds >= 6, "too few rounds ran: {stats:?}");
    assert!(
        stats.temp_left + stats.renamed > 0,
        "no kill landed inside a save, the test proved nothing: {stats:?}"
    );

    // A stale temp file, as a kill between create and rename leaves (planted
    // in case no kill happened to land there), beside whatever the kills left.
    let prefix = temp_prefix("plan.ron");
    std::fs::write(dir.path().join(format!("{prefix}stale0.tmp")), b"(").unwrap();
    assert!(!temps(&path).is_empty());

    // The next normal run takes the lock, removes them, and writes.
    let mut child = writer(&path, on_disk + 1);
    let status = child.wait().unwrap();
    finished(child, status);
    assert!(temps(&path).is_empty(), "{:?}", temps(&path));
    let values = written(&path, "after the last kill");
    assert_eq!(values, (1..=on_disk + 1).collect::<Vec<u64>>());
    assert!(backup::list(&path).len() <= backup::KEEP);
    let newest = backup::newest(&path).expect("a backup");
    let kept = storage::load(&newest).expect("the newest backup loads");
    assert_eq!(kept.commitments.len(), COUNT);
}

/// `snapshot` of `plan` as of 2023-06-30, not replacing one.
fn snapshotter(plan: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_commitments"))
        .arg("--file")
        .arg(plan)
        .args(["snapshot", "--as-of", "2023-06-30"])
        .env("COMMITMENTS_TODAY", "2023-07-01")
        .env_remove(paths::DATA_DIR_ENV)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Snapshots killed at random moments leave no snapshot or a whole one,
/// never an empty file that a later `snapshot` calls "exists already".
#[test]
fn killed_snapshots_never_leave_an_empty_snapshot() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    storage::save(&generate(COUNT, 11, Profile::Realistic), &path).unwrap();
    let snap = commitments::snapshot::snapshot_path(
        &path,
        chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap(),
    );

    let t = Instant::now();
    let mut child = snapshotter(&path);
    let status = child.wait().unwrap();
    finished(child, status);
    let cycle = t.elapsed();
    storage::load(&snap).expect("the first snapshot loads");
    std::fs::remove_file(&snap).unwrap();

    let mut rng = fastrand::Rng::with_seed(SEED ^ 0x51);
    let (mut rounds, mut whole, mut none) = (0, 0, 0);
    while rounds < ROUNDS && started.elapsed() < BUDGET {
        rounds += 1;
        let mut child = snapshotter(&path);
        let at = Instant::now() + cycle.mul_f64(1.2 * rng.f64());
        while Instant::now() < at && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(500));
        }
        let _ = child.kill();
        let _ = child.wait();
        if snap.exists() {
            storage::load(&snap)
                .unwrap_or_else(|e| panic!("round {rounds}: a killed snapshot left {e}"));
            whole += 1;
        } else {
            none += 1;
            // The next one is taken, not refused as existing.
            let mut child = snapshotter(&path);
            let status = child.wait().unwrap();
            finished(child, status);
            storage::load(&snap).expect("the snapshot after a kill loads");
        }
        std::fs::remove_file(&snap).unwrap();
    }
    eprintln!("snapshot kills: {rounds} rounds, {whole} whole, {none} none");
    assert!(rounds >= 5, "too few rounds ran");
}
