//! The storage layer under attack (issue 14): a plan that would not load
//! is never written, recovery skips broken backups, external changes are
//! seen by content, pipes and devices are refused before reading, lock
//! files of other users, temp paths kept out of messages.

mod common;

use std::time::Duration;

use commitments::model::{CommitmentId, Kind};
use commitments::storage::{self, PlanLock, PlanStore, StorageError, backup, load, save};
use common::five_g_plan;

fn with_inf_target() -> commitments::model::Plan {
    let mut plan = five_g_plan("坏数值");
    let c = plan.commitments.get_mut(&CommitmentId(1)).unwrap();
    if let Kind::Quantitative(t) = &mut c.kind {
        t.low = f64::INFINITY;
        t.high = f64::INFINITY;
    }
    plan
}

#[test]
fn a_plan_that_would_not_load_is_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    storage::save(&five_g_plan("好"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();

    let err = storage::save(&with_inf_target(), &path).unwrap_err();
    assert!(matches!(err, StorageError::WouldNotLoad { .. }), "{err:?}");
    let shown = err.to_string();
    assert!(
        shown.contains("p.ron") && shown.contains("finite"),
        "{shown}"
    );

    let (mut store, _) = PlanStore::open(&path, false).unwrap();
    let err = store.save(&with_inf_target()).unwrap_err();
    assert!(matches!(err, StorageError::WouldNotLoad { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(
        backup::list(&path).is_empty(),
        "no backup for a refused save"
    );
    load(&path).unwrap();
}

#[test]
fn recovery_offers_the_newest_backup_that_loads_and_lists_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let backups = backup::folder(&path);
    std::fs::create_dir_all(&backups).unwrap();
    storage::save(
        &five_g_plan("好"),
        &backups.join("p.20230601T100000.000.ron"),
    )
    .unwrap();
    // Newer backups of a plan that was saved broken (before the save check).
    let good = std::fs::read_to_string(backups.join("p.20230601T100000.000.ron")).unwrap();
    let broken = good.replace("low: 14000.0", "low: inf");
    assert_ne!(broken, good);
    for stamp in ["20230602T100000.000", "20230603T100000.000"] {
        std::fs::write(backups.join(format!("p.{stamp}.ron")), &broken).unwrap();
    }
    assert_eq!(
        backup::newest(&path).unwrap().file_name().unwrap(),
        "p.20230603T100000.000.ron"
    );
    let offered = backup::newest_loadable(&path).expect("a backup that loads");
    assert_eq!(
        offered.path.file_name().unwrap(),
        "p.20230601T100000.000.ron"
    );
    assert_eq!(
        offered.made.unwrap().date(),
        chrono::NaiveDate::from_ymd_opt(2023, 6, 1).unwrap()
    );
    let all = backup::list_dated(&path);
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|b| b.made.is_some()));
}

#[test]
fn an_external_change_with_the_same_size_and_time_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    storage::save(&five_g_plan("甲乙"), &path).unwrap();
    let (store, _) = PlanStore::open(&path, false).unwrap();
    assert!(!store.changed_on_disk());
    let meta = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace("甲乙", "丙丁");
    assert_eq!(changed.len(), text.len());
    std::fs::write(&path, changed).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(meta.modified().unwrap())
        .unwrap();
    let now = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (now.len(), now.modified().unwrap()),
        (meta.len(), meta.modified().unwrap())
    );
    assert!(
        store.changed_on_disk(),
        "a same-size, same-time change was missed"
    );
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let started = std::time::Instant::now();
    let err = load(&zero).unwrap_err();
    assert!(matches!(err, StorageError::NotRegular { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    let fifo = dir.path().join("pipe.ron");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        // Opening a pipe for reading would block until a writer came.
        let err = load(&fifo).unwrap_err();
        assert!(err.to_string().contains("named pipe"), "{err}");
        let err = PlanStore::open(&fifo, true).unwrap_err();
        assert!(matches!(err, StorageError::NotRegular { .. }), "{err:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_plan_marked_read_only_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    storage::save(&five_g_plan("只读"), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let (mut store, plan) = PlanStore::open(&path, true).unwrap();
    assert_eq!(store.mode(), storage::OpenMode::ReadOnlyFile);
    let err = store.save(&plan).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    let err = PlanStore::open(&path, false).unwrap_err();
    assert!(matches!(err, StorageError::ReadOnlyFile { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_file_left_by_another_user_is_not_a_read_only_folder() {
    use common::unprivileged::{can_run_unprivileged, on_unprivileged_thread};
    use std::os::unix::fs::PermissionsExt;
    if !can_run_unprivileged() {
        eprintln!("skipped: cannot drop privileges here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    storage::save(&five_g_plan("共享"), &path).unwrap();
    let lock = PlanLock::lock_path(&path);
    std::fs::write(&lock, b"").unwrap();
    // Another user's lock file: readable, not writable by this one.
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o444)).unwrap();
    on_unprivileged_thread(|| {
        let (mut store, plan) = PlanStore::open(&path, false).expect("the folder can be written");
        assert_eq!(store.mode(), storage::OpenMode::ReadWrite);
        store.save(&plan).unwrap();
        // And it still keeps a second writer out.
        let err = PlanStore::open(&path, false).unwrap_err();
        assert!(err.is_locked(), "{err:?}");
    });
}

#[cfg(target_os = "linux")]
#[test]
fn errors_name_the_plan_never_the_temp_file() {
    use common::unprivileged::{
        can_run_unprivileged, make_read_only, make_writable, on_unprivileged_thread,
    };
    if !can_run_unprivileged() {
        eprintln!("skipped: cannot drop privileges here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    storage::save(&five_g_plan("临时"), &path).unwrap();
    make_read_only(dir.path());
    let err = on_unprivileged_thread(|| {
        save::write_atomically(&path, b"x", &save::NoFaults, false).unwrap_err()
    });
    make_writable(dir.path());
    let shown = err.to_string();
    assert!(shown.contains("p.ron"), "{shown}");
    // The temp file would be `.p.ron.XXXXXX.tmp` beside the plan.
    assert!(!shown.contains(".p.ron."), "{shown}");
}

#[test]
fn a_truncated_or_empty_file_says_it_is_cut_short() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    storage::save(&five_g_plan("截断"), &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for cut in [text.len() / 3, text.len() / 2, text.len() - 3] {
        std::fs::write(&path, &text.as_bytes()[..cut]).unwrap();
        let err = load(&path).unwrap_err();
        assert!(
            matches!(err, StorageError::Truncated { .. }),
            "{cut}: {err:?}"
        );
        assert!(err.to_string().contains("cut short"), "{err}");
    }
    std::fs::write(&path, b"").unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
    // A file that is not a plan at all is not called truncated.
    std::fs::write(&path, b"id,title\n1,x\n").unwrap();
    let err = load(&path).unwrap_err();
    assert!(matches!(err, StorageError::Parse { .. }), "{err:?}");
}

#[test]
fn writing_outputs_cleans_only_stale_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".out.csv.aB3dE9.tmp");
    std::fs::write(&stale, b"x").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    let fresh = dir.path().join(".other.csv.Zz9yX8.tmp");
    std::fs::write(&fresh, b"x").unwrap();
    let mine = dir.path().join("not-ours.tmp");
    std::fs::write(&mine, b"x").unwrap();
    storage::write_output(&dir.path().join("out.csv"), b"a", false).unwrap();
    assert!(!stale.exists());
    assert!(fresh.exists() && mine.exists());
}

#[test]
fn a_bad_date_in_the_corpus_names_its_field() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/parse-bad-date.ron");
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains("field due"), "{err}");
}
