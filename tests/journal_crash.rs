//! Plan and journal never disagree under SIGKILL: writers (`commitments
//! progress`, a full open-check-record-save cycle each) are killed at random
//! moments, many aimed at the few milliseconds between appending the record
//! and renaming the plan. After every kill the plan is opened as the window
//! would (records beyond the plan get a rollback marker), and then:
//! the plan's mark names a record of the journal with the same hash, and
//! replaying the journal from the first version gives the plan on disk.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use commitments::generate::{Profile, generate};
use commitments::journal::{self, JournalProblem};
use commitments::model::Plan;
use commitments::storage::{self, PlanStore, paths};

const COUNT: usize = 1_500;
const ROUNDS: usize = 40;
const BUDGET: Duration = Duration::from_secs(40);

fn writer(plan: &Path, n: u64) -> Child {
    Command::new(env!("CARGO_BIN_EXE_commitments"))
        .arg("--file")
        .arg(plan)
        .args(["progress", "17", "--note", &format!("kill-{n}")])
        .args(["--on", "2023-12-31"])
        .env("COMMITMENTS_TODAY", "2023-07-01")
        .env("COMMITMENTS_USER", "写入进程")
        .env_remove(paths::DATA_DIR_ENV)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts")
}

fn agree(first: &Plan, path: &Path, when: &str) -> (usize, bool) {
    let (store, plan) = PlanStore::open(path, false)
        .unwrap_or_else(|e| panic!("{when}: the plan does not open: {e}"));
    let problems = &store.journal_report().problems;
    assert!(
        problems
            .iter()
            .all(|p| matches!(p, JournalProblem::RolledBack { .. } | JournalProblem::Torn)),
        "{when}: {problems:?}"
    );
    let rolled = !problems.is_empty();
    drop(store);
    let (records, _) = journal::read_all(&journal::journal_path(path)).unwrap();
    let effective = journal::effective(&records);
    if plan.journal.seq > 0 {
        let last = effective
            .last()
            .unwrap_or_else(|| panic!("{when}: no record"));
        assert_eq!(
            last.seq, plan.journal.seq,
            "{when}: the plan's mark is its last record"
        );
    }
    let mut replayed = first.clone();
    for r in &effective {
        journal::replay(&mut replayed, r).unwrap();
    }
    replayed.journal = plan.journal.clone();
    assert!(
        replayed == plan,
        "{when}: the journal does not tell the plan"
    );
    (effective.len(), rolled)
}

#[test]
fn killed_writers_leave_plan_and_journal_in_agreement() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    storage::save(&generate(COUNT, 11, Profile::Realistic), &path).unwrap();
    let first = storage::load(&path).unwrap();

    let t = Instant::now();
    let mut child = writer(&path, 0);
    assert!(child.wait().unwrap().success());
    let cycle = t.elapsed();
    assert_eq!(agree(&first, &path, "first write").0, 1);

    let mut rng = fastrand::Rng::with_seed(0x10c);
    let (mut kills, mut rolled_back, mut finished) = (0, 0, 0);
    for round in 1..=ROUNDS as u64 {
        if started.elapsed() > BUDGET {
            break;
        }
        let journal_len = std::fs::metadata(journal::journal_path(&path)).map_or(0, |m| m.len());
        let mut child = writer(&path, round);
        let deadline = Instant::now() + cycle.mul_f64(1.3);
        // Half the rounds kill right after the journal grows (the record is
        // out, the plan not yet renamed); the others anywhere in the cycle.
        let aim_at_append = round % 2 == 0;
        let at = Instant::now() + cycle.mul_f64(rng.f64() * 1.2);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(
                    status.success(),
                    "round {round}: the writer failed on its own"
                );
                finished += 1;
                break;
            }
            let grown = std::fs::metadata(journal::journal_path(&path)).map_or(0, |m| m.len())
                > journal_len;
            let now = Instant::now();
            if (aim_at_append && grown) || (!aim_at_append && now >= at) || now >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                kills += 1;
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let (_, rolled) = agree(&first, &path, &format!("round {round}"));
        rolled_back += usize::from(rolled);
    }
    eprintln!(
        "{COUNT} commitments, a write takes {cycle:?}: {kills} kills, {finished} finished, {rolled_back} records rolled back on opening"
    );
    assert!(kills > 0);
}
