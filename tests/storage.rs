//! Plan files on a real filesystem (temp folders): saving and loading,
//! backups, refusal of damaged files without touching them, faults at every
//! step of a save, the one-writer lock, and noticing changes made by others.

mod common;

use std::fs;
use std::io::{self, BufRead, BufReader, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use commitments::model::{
    Commitment, CommitmentId, Comparator, Department, DeptId, Kind, Plan, ProgressEntry,
};
use commitments::storage::save::{NoFaults, remove_stale_temps, save_with};
use commitments::storage::{
    self, OpenMode, PlanLock, PlanStore, SaveHooks, SaveStep, StorageError, backup, format::to_ron,
};
use commitments::validate::ProblemKind;

const SHIPPED: &str = include_str!("../assets/plans/taiyuan-2023.ron");

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, d).unwrap()
}

/// A small valid plan: one department, two commitments.
fn small_plan(title: &str) -> Plan {
    let mut plan = common::five_g_plan(title);
    let a = plan.commitments.get_mut(&CommitmentId(1)).unwrap();
    a.add_progress(ProgressEntry {
        date: day(6, 30),
        value: Some(7_000.0),
        progress: "已建成7000座".to_owned(),
        problems: String::new(),
        next_steps: String::new(),
        reporter: String::new(),
        evidence: Vec::new(),
    });
    let mut b = Commitment::new(CommitmentId(2), "西北二环高速竣工", Kind::Qualitative);
    b.lead = Some(DeptId::new("gxj"));
    plan.commitments.insert(b.id, b);
    plan
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Names of the files in `dir` (not recursive).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn temp_files(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Loads `path` expecting a refusal; checks that neither `load` nor
/// `PlanStore::open` (read-write or read-only) changed a byte of it.
fn refused(path: &Path) -> StorageError {
    let before = fs::read(path).unwrap();
    let err = storage::load(path).expect_err("a damaged file must be refused");
    assert_eq!(fs::read(path).unwrap(), before, "load changed the file");
    for read_only in [false, true] {
        let open = PlanStore::open(path, read_only).expect_err("open must refuse it too");
        assert_eq!(
            std::mem::discriminant(&open),
            std::mem::discriminant(&err),
            "open gave {open}, load gave {err}"
        );
        assert_eq!(
            fs::read(path).unwrap(),
            before,
            "PlanStore::open changed the file"
        );
    }
    err
}

/// The semantic problems a refused file was found to have.
fn problems(err: StorageError) -> Vec<ProblemKind> {
    match err {
        StorageError::Invalid { problems, .. } => problems.into_iter().map(|p| p.kind).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

// ---------------------------------------------------------------- save and load

#[test]
fn save_then_load_gives_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    for plan in [small_plan("测试计划"), storage::paths::shipped_plan()] {
        let path = dir.path().join("plan.ron");
        storage::save(&plan, &path).unwrap();
        assert_eq!(storage::load(&path).unwrap(), plan);
    }
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_save_keeps_the_replaced_version_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let first = storage::save(&small_plan("第一版"), &path).unwrap();
    assert_eq!(first.backup, None, "nothing to back up on the first save");
    let first_bytes = fs::read(&path).unwrap();

    let second = storage::save(&small_plan("第二版"), &path).unwrap();
    let kept = second.backup.expect("the first version is kept");
    assert_eq!(kept.parent().unwrap(), dir.path().join("backups"));
    assert_eq!(fs::read(&kept).unwrap(), first_bytes);
    assert_eq!(backup::list(&path), vec![kept]);
    assert_eq!(storage::load(&path).unwrap().title, "第二版");
}

#[test]
fn twenty_five_saves_keep_the_newest_twenty_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    for n in 1..=25 {
        storage::save(&small_plan(&format!("版本{n}")), &path).unwrap();
    }
    assert_eq!(backup::KEEP, 20);
    let backups = backup::list(&path);
    assert_eq!(backups.len(), 20);
    assert_eq!(names(&dir.path().join("backups")).len(), 20);
    // Versions 1-24 were replaced; the newest 20 of them are 24 down to 5.
    let titles: Vec<String> = backups
        .iter()
        .map(|p| storage::load(p).unwrap().title)
        .collect();
    let expected: Vec<String> = (5..=24).rev().map(|n| format!("版本{n}")).collect();
    assert_eq!(titles, expected);
    assert_eq!(backup::newest(&path), Some(backups[0].clone()));
    assert_eq!(storage::load(&path).unwrap().title, "版本25");
}

/// Backups of `plan.ron` and of `plan.2024.ron` share the folder; each plan
/// lists and prunes only its own.
#[test]
fn backups_of_plans_with_similar_names_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    let other = dir.path().join("plan.2024.ron");
    for n in 1..=3 {
        storage::save(&small_plan(&format!("其他{n}")), &other).unwrap();
    }
    for n in 1..=22 {
        storage::save(&small_plan(&format!("版本{n}")), &plan).unwrap();
    }
    let own: Vec<String> = backup::list(&plan)
        .iter()
        .map(|p| storage::load(p).unwrap().title)
        .collect();
    assert_eq!(own.len(), 20);
    assert!(own.iter().all(|t| t.starts_with("版本")), "{own:?}");
    assert_eq!(own[0], "版本21");
    let others: Vec<String> = backup::list(&other)
        .iter()
        .map(|p| storage::load(p).unwrap().title)
        .collect();
    assert_eq!(others, vec!["其他2", "其他1"]);
}

// ---------------------------------------------------------------- damaged files

#[test]
fn garbage_is_a_parse_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", "这不是计划 <<<>>> ;;".as_bytes());
    match refused(&path) {
        StorageError::Parse {
            path: p,
            line,
            column,
            ..
        } => {
            assert_eq!(p, path);
            assert_eq!(line, 1);
            assert!(column > 0);
        }
        other => panic!("expected Parse, got {other:?}"),
    }
}

#[test]
fn empty_file_says_it_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", b"");
    let err = refused(&path);
    assert!(matches!(err, StorageError::Empty { .. }), "{err:?}");
    assert!(err.to_string().contains("empty"), "{err}");
}

#[test]
fn truncated_plan_says_it_seems_cut_short_with_a_place() {
    let dir = tempfile::tempdir().unwrap();
    let len = SHIPPED.len();
    // Several cut points, moved back to a character boundary; the last one
    // drops only the final `)` and newline.
    let cuts = [
        1,
        len / 10,
        len / 4,
        len / 3,
        len / 2,
        len * 3 / 4,
        len * 9 / 10,
        len - 2,
    ];
    for cut in cuts {
        let mut cut = cut;
        while !SHIPPED.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &SHIPPED[..cut];
        let path = write(dir.path(), "plan.ron", text.as_bytes());
        match refused(&path) {
            // Cut before the version: not recognisable as a plan yet.
            StorageError::Parse { line, column, .. } if !text.contains("format_version") => {
                assert!(line >= 1 && column >= 1, "cut at {cut}: {line}:{column}");
            }
            err @ StorageError::Truncated { line, column, .. } => {
                assert!(line >= 1 && column >= 1, "cut at {cut}: {line}:{column}");
                assert!(
                    line <= text.lines().count() + 1,
                    "cut at {cut}: line {line} is past the end"
                );
                assert!(err.to_string().contains("cut short"), "{err}");
            }
            other => panic!("cut at {cut}: expected Truncated, got {other:?}"),
        }
    }
}

/// A cut inside a multi-byte character leaves invalid UTF-8 at the end.
#[test]
fn truncated_inside_a_character_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let start = SHIPPED.find("太原市人民政府").unwrap();
    let bytes = &SHIPPED.as_bytes()[..start + 1];
    let path = write(dir.path(), "plan.ron", bytes);
    match refused(&path) {
        StorageError::NotUtf8 { line, column, .. } => {
            // `  issuer: "太原…` is line 4; the bad byte follows 11 characters.
            assert_eq!((line, column), (4, 12));
        }
        other => panic!("expected NotUtf8, got {other:?}"),
    }
}

#[test]
fn non_utf8_bytes_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let at = SHIPPED.find("2023年太原市政府工作报告重点任务").unwrap();
    let mut bytes = SHIPPED.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFE, 0xB0]);
    bytes.extend_from_slice(&SHIPPED.as_bytes()[at..]);
    let path = write(dir.path(), "plan.ron", &bytes);
    let err = refused(&path);
    match &err {
        StorageError::NotUtf8 {
            path: p,
            line,
            column,
        } => {
            assert_eq!(p, &path);
            // `  title: "` is 10 characters; the bad byte is the 11th.
            assert_eq!((*line, *column), (3, 11));
        }
        other => panic!("expected NotUtf8, got {other:?}"),
    }
    assert!(err.to_string().contains(":3:11:"), "{err}");
}

#[test]
fn a_newer_format_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = SHIPPED.replacen("format_version: 2,", "format_version: 99,", 1);
    let path = write(dir.path(), "plan.ron", text.as_bytes());
    match refused(&path) {
        StorageError::FutureVersion {
            found, supported, ..
        } => assert_eq!((found, supported), (99, 2)),
        other => panic!("expected FutureVersion, got {other:?}"),
    }
}

/// A newer program may change a field's shape: the file then fails to parse
/// here, and is still refused as newer, not as damaged.
#[test]
fn a_newer_format_version_with_new_shapes_is_refused_as_newer() {
    let dir = tempfile::tempdir().unwrap();
    let text = SHIPPED
        .replacen("format_version: 2,", "format_version: 3,", 1)
        .replacen("year: 2023,", "year: (from: 2023, to: 2024),", 1);
    assert_ne!(
        text,
        SHIPPED.replacen("format_version: 2,", "format_version: 3,", 1)
    );
    let path = write(dir.path(), "plan.ron", text.as_bytes());
    assert!(matches!(
        refused(&path),
        StorageError::FutureVersion { found: 3, .. }
    ));
}

/// A version-1 file (written before 申请销号, evidence and the journal)
/// loads as it is; its first save writes the current version, keeps the
/// original as a tagged backup that pruning never removes, and later saves
/// keep ordinary backups.
#[test]
fn a_version_one_plan_is_saved_as_the_current_version_and_its_original_kept() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = SHIPPED.replacen("format_version: 2,", "format_version: 1,", 1);
    let path = write(dir.path(), "plan.ron", v1.as_bytes());
    let (mut store, mut plan) = PlanStore::open(&path, false).unwrap();
    assert_eq!(plan.format_version, commitments::model::FORMAT_VERSION);
    assert_eq!(storage::save::on_disk_version(&path), Some(1));
    plan.notes = "迁移后".to_owned();
    store.save(&plan).unwrap();
    assert_eq!(storage::save::on_disk_version(&path), Some(2));
    let tagged: Vec<PathBuf> = backup::list(&path)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("plan.v1.")
        })
        .collect();
    assert_eq!(tagged.len(), 1, "{:?}", backup::list(&path));
    assert_eq!(fs::read_to_string(&tagged[0]).unwrap(), v1);
    for i in 0..3 {
        plan.notes = format!("第{i}次");
        store.save(&plan).unwrap();
    }
    let names: Vec<String> = backup::list(&path)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(
        names.iter().filter(|n| n.starts_with("plan.v1.")).count(),
        1
    );
}

#[test]
fn format_version_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = SHIPPED.replacen("format_version: 2,", "format_version: 0,", 1);
    let path = write(dir.path(), "plan.ron", text.as_bytes());
    assert!(matches!(
        refused(&path),
        StorageError::UnknownVersion { found: 0, .. }
    ));
}

/// A wrong type on line 4 is reported on line 4, with the file's path.
#[test]
fn parse_errors_point_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "(\n  format_version: 1,\n  title: \"计划\",\n  year: \"二〇二三\",\n)\n";
    let path = write(dir.path(), "plan.ron", text.as_bytes());
    let err = refused(&path);
    match &err {
        StorageError::Parse {
            path: p,
            line,
            column,
            message,
        } => {
            assert_eq!(p, &path);
            assert_eq!(*line, 4, "{message}");
            assert!(*column > 0);
        }
        other => panic!("expected Parse, got {other:?}"),
    }
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{}:4:", path.display())),
        "{shown}"
    );

    // A missing comma between two fields: the error is on the second one.
    let text = "(\n  format_version: 1,\n  title: \"计划\"\n  year: 2023,\n)\n";
    let path = write(dir.path(), "plan.ron", text.as_bytes());
    match refused(&path) {
        StorageError::Parse { line, .. } => assert_eq!(line, 4),
        other => panic!("expected Parse, got {other:?}"),
    }
}

#[test]
fn duplicate_commitment_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = to_ron(&small_plan("计划")).unwrap();
    let text = text.replacen("id: 2,", "id: 1,", 1);
    let path = write(dir.path(), "plan.ron", text.as_bytes());
    assert!(problems(refused(&path)).contains(&ProblemKind::DuplicateCommitment(CommitmentId(1))));
}

#[test]
fn duplicate_department_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = small_plan("计划");
    plan.departments.insert(
        DeptId::new("zzz"),
        Department {
            id: DeptId::new("zzz"),
            name: "市财政局".to_owned(),
            short_name: "财政局".to_owned(),
        },
    );
    let text = to_ron(&plan)
        .unwrap()
        .replacen("id: \"zzz\"", "id: \"gxj\"", 1);
    let path = write(dir.path(), "plan.ron", text.as_bytes());
    assert!(
        problems(refused(&path)).contains(&ProblemKind::DuplicateDepartment(DeptId::new("gxj")))
    );
}

/// Writes a plan as it is, without validation, and checks that loading it
/// reports `expected` for commitment 1.
fn refused_for(plan: &Plan, expected: ProblemKind) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", to_ron(plan).unwrap().as_bytes());
    let found = problems(refused(&path));
    assert!(
        found.contains(&expected),
        "expected {expected:?} in {found:?}"
    );
}

fn with_first(title: &str, change: impl FnOnce(&mut Commitment)) -> Plan {
    let mut plan = small_plan(title);
    change(plan.commitments.get_mut(&CommitmentId(1)).unwrap());
    plan
}

#[test]
fn unknown_department_is_refused() {
    let plan = with_first("计划", |c| c.lead = Some(DeptId::new("nosuch")));
    refused_for(
        &plan,
        ProblemKind::UnknownDepartment {
            field: "lead",
            dept: DeptId::new("nosuch"),
        },
    );
    let plan = with_first("计划", |c| c.cooperating = vec![DeptId::new("nosuch")]);
    refused_for(
        &plan,
        ProblemKind::UnknownDepartment {
            field: "cooperating",
            dept: DeptId::new("nosuch"),
        },
    );
}

#[test]
fn due_before_start_is_refused() {
    let plan = with_first("计划", |c| {
        c.start = Some(day(6, 30));
        c.due = Some(day(6, 1));
    });
    refused_for(
        &plan,
        ProblemKind::DueBeforeStart {
            start: day(6, 30),
            due: day(6, 1),
        },
    );
}

#[test]
fn low_above_high_is_refused() {
    let plan = with_first("计划", |c| {
        if let Kind::Quantitative(t) = &mut c.kind {
            t.comparator = Comparator::Range;
            t.low = 5.0;
            t.high = 3.0;
        }
    });
    refused_for(
        &plan,
        ProblemKind::LowAboveHigh {
            field: "kind.target",
            low: 5.0,
            high: 3.0,
        },
    );
}

#[test]
fn nan_value_is_refused() {
    let plan = with_first("计划", |c| c.progress[0].value = Some(f64::NAN));
    let text = to_ron(&plan).unwrap();
    assert!(text.contains("NaN"), "the file holds NaN:\n{text}");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", text.as_bytes());
    let found = problems(refused(&path));
    assert!(
        found.iter().any(|k| matches!(
            k,
            ProblemKind::NotFinite {
                field: "progress.value",
                value
            } if value.is_nan()
        )),
        "{found:?}"
    );
}

#[test]
fn empty_titles_are_refused() {
    refused_for(
        &with_first("计划", |c| c.title = "  ".to_owned()),
        ProblemKind::EmptyTitle,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "plan.ron",
        to_ron(&small_plan("")).unwrap().as_bytes(),
    );
    assert!(problems(refused(&path)).contains(&ProblemKind::EmptyPlanTitle));
}

#[test]
fn a_folder_is_not_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("plans.ron");
    fs::create_dir(&folder).unwrap();
    assert!(matches!(
        storage::load(&folder),
        Err(StorageError::IsDirectory { path }) if path == folder
    ));
    assert!(matches!(
        PlanStore::open(&folder, false),
        Err(StorageError::IsDirectory { .. })
    ));
    assert!(matches!(
        storage::save(&small_plan("计划"), &folder),
        Err(StorageError::IsDirectory { .. })
    ));
    assert!(folder.is_dir());
    assert_eq!(names(&folder), Vec::<String>::new());
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.ron");
    match storage::load(&path) {
        Err(StorageError::Io {
            path: p,
            cause: source,
            ..
        }) => {
            assert_eq!(p, path);
            assert_eq!(source.kind(), ErrorKind::NotFound);
        }
        other => panic!("expected Io, got {other:?}"),
    }
    assert!(!path.exists());
}

// ---------------------------------------------------------------- faults while saving

/// Fails one step of a save with the given error.
struct FailAt {
    step: SaveStep,
    kind: ErrorKind,
}

impl SaveHooks for FailAt {
    fn before(&self, step: SaveStep) -> io::Result<()> {
        if step == self.step {
            Err(io::Error::new(self.kind, format!("injected at {step:?}")))
        } else {
            Ok(())
        }
    }
}

const STEPS: [SaveStep; 6] = [
    SaveStep::CreateTemp,
    SaveStep::Write,
    SaveStep::SyncFile,
    SaveStep::Backup,
    SaveStep::Rename,
    SaveStep::SyncDir,
];

#[test]
fn a_failed_save_step_leaves_the_previous_file() {
    for step in STEPS {
        for kind in [ErrorKind::StorageFull, ErrorKind::PermissionDenied] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("plan.ron");
            storage::save(&small_plan("旧版"), &path).unwrap();
            let old = fs::read(&path).unwrap();
            let new_plan = small_plan("新版");
            let new = to_ron(&new_plan).unwrap().into_bytes();

            let err = save_with(&new_plan, &path, &FailAt { step, kind })
                .expect_err("the injected fault must fail the save");
            match &err {
                StorageError::Io {
                    path: p,
                    cause: source,
                    ..
                } => {
                    assert_eq!(p, &path, "{step:?}");
                    assert_eq!(source.kind(), kind, "{step:?}");
                }
                other => panic!("{step:?}: expected Io, got {other:?}"),
            }
            assert!(
                err.to_string().contains(&path.display().to_string()),
                "{step:?}: {err}"
            );
            let on_disk = fs::read(&path).unwrap();
            if step == SaveStep::SyncDir {
                // The rename is done when the folder cannot be flushed: the
                // file is the new version, whole.
                assert_eq!(on_disk, new, "{step:?}");
            } else {
                assert_eq!(on_disk, old, "{step:?} {kind:?} changed the plan file");
            }
            assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "{step:?}");
            // Every backup is a whole earlier version.
            for b in backup::list(&path) {
                assert_eq!(fs::read(&b).unwrap(), old, "{step:?}");
            }

            let saved = save_with(&new_plan, &path, &NoFaults).expect("the retry succeeds");
            assert_eq!(saved.bytes, new.len());
            assert_eq!(storage::load(&path).unwrap(), new_plan, "{step:?}");
            assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "{step:?}");
        }
    }
}

#[test]
fn a_failed_store_save_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    storage::save(&small_plan("旧版"), &path).unwrap();
    let old = fs::read(&path).unwrap();
    let (mut store, _) = PlanStore::open(&path, false).unwrap();
    let new_plan = small_plan("新版");
    let fault = FailAt {
        step: SaveStep::Write,
        kind: ErrorKind::StorageFull,
    };
    assert!(matches!(
        store.save_with(&new_plan, &fault),
        Err(StorageError::Io { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), old);
    assert!(!store.changed_on_disk());
    store.save(&new_plan).unwrap();
    assert!(!store.changed_on_disk());
    assert_eq!(storage::load(&path).unwrap(), new_plan);
}

// ---------------------------------------------------------------- the lock

#[test]
fn a_second_open_in_the_same_process_is_locked_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = small_plan("计划");
    storage::save(&plan, &path).unwrap();

    let (first, loaded) = PlanStore::open(&path, false).unwrap();
    assert_eq!(first.mode(), OpenMode::ReadWrite);
    assert_eq!(loaded, plan);

    // flock locks belong to an open file description: a second open of the
    // lock file conflicts even within one process.
    let err = PlanStore::open(&path, false).expect_err("the plan is locked");
    assert!(err.is_locked(), "{err:?}");
    assert!(matches!(
        &err,
        StorageError::Locked { path: p, lock } if p == &path && lock == &PlanLock::lock_path(&path)
    ));

    let (mut second, seen) = PlanStore::open(&path, true).unwrap();
    assert_eq!(second.mode(), OpenMode::ReadOnly);
    assert_eq!(seen, plan);
    let before = fs::read(&path).unwrap();
    let refused = second.save(&small_plan("改动")).expect_err("read-only");
    assert!(refused.is_locked());
    assert_eq!(fs::read(&path).unwrap(), before);

    drop(first);
    let (third, _) = PlanStore::open(&path, false).unwrap();
    assert_eq!(third.mode(), OpenMode::ReadWrite);
}

/// Holds a plan's lock for `a_lock_held_by_another_process_is_respected`;
/// does nothing when run on its own.
#[test]
fn lock_holder_child() {
    let Some(path) = std::env::var_os("COMMITMENTS_TEST_HOLD_LOCK") else {
        return;
    };
    let _lock = PlanLock::acquire(Path::new(&path)).expect("the child takes the lock");
    println!("LOCKED");
    io::stdout().flush().unwrap();
    // Hold it until the parent closes our stdin.
    let mut line = String::new();
    let _ = io::stdin().read_line(&mut line);
}

#[test]
fn a_lock_held_by_another_process_is_respected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    storage::save(&small_plan("计划"), &path).unwrap();

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "lock_holder_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("COMMITMENTS_TEST_HOLD_LOCK", &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the child to say it holds the lock, without hanging forever.
    let out = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in out.lines() {
            let Ok(line) = line else { break };
            if line.trim_end().ends_with("LOCKED") {
                let _ = tx.send(());
            }
        }
    });
    if rx.recv_timeout(Duration::from_secs(60)).is_err() {
        let _ = child.kill();
        panic!("the child did not take the lock");
    }

    let err = PlanStore::open(&path, false).expect_err("locked by the child");
    assert!(err.is_locked());
    let (store, _) = PlanStore::open(&path, true).unwrap();
    assert_eq!(store.mode(), OpenMode::ReadOnly);

    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    let (store, _) = PlanStore::open(&path, false).unwrap();
    assert_eq!(store.mode(), OpenMode::ReadWrite);
}

// ---------------------------------------------------------------- changes by others

#[test]
fn changed_on_disk_notices_another_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    storage::save(&small_plan("计划"), &path).unwrap();
    let (mut store, plan) = PlanStore::open(&path, false).unwrap();
    assert!(!store.changed_on_disk());

    // Another program writes a different version.
    fs::write(&path, to_ron(&small_plan("别人改过的计划")).unwrap()).unwrap();
    assert!(store.changed_on_disk());
    assert_eq!(store.reload().unwrap().title, "别人改过的计划");
    assert!(!store.changed_on_disk());

    // Same length, new time: still noticed.
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    assert!(store.changed_on_disk());

    // Our own save is not a change by someone else.
    store.save(&plan).unwrap();
    assert!(!store.changed_on_disk());

    // Nor is a removed file unnoticed.
    fs::remove_file(&path).unwrap();
    assert!(store.changed_on_disk());
}

// ---------------------------------------------------------------- leftovers

#[test]
fn stale_temp_files_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    storage::save(&small_plan("计划"), &path).unwrap();
    let stale = [".plan.ron.a1B2c3.tmp", ".plan.ron.zz.tmp"];
    let kept = [
        ".other.ron.x1.tmp",
        "plan.ron.tmp",
        ".plan.ron.keep",
        "notes.txt",
    ];
    for name in stale.iter().chain(&kept) {
        write(dir.path(), name, b"partial");
    }
    assert_eq!(remove_stale_temps(&path), 2);
    for name in stale {
        assert!(!dir.path().join(name).exists(), "{name} was left");
    }
    for name in kept {
        assert!(dir.path().join(name).exists(), "{name} was removed");
    }
    assert_eq!(remove_stale_temps(&path), 0);
}

#[test]
fn opening_read_write_removes_stale_temps_and_read_only_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    storage::save(&small_plan("计划"), &path).unwrap();
    let stale = write(dir.path(), ".plan.ron.left0ver.tmp", b"partial");

    let holder = PlanLock::acquire(&path).unwrap();
    let (store, _) = PlanStore::open(&path, true).unwrap();
    assert_eq!(store.mode(), OpenMode::ReadOnly);
    assert!(stale.exists(), "a read-only open must not touch the folder");
    drop(store);
    drop(holder);

    let (store, _) = PlanStore::open(&path, false).unwrap();
    assert_eq!(store.mode(), OpenMode::ReadWrite);
    assert!(!stale.exists());
}
