//! UI tests of opening plans: folders that are not plans, data folders that
//! cannot be made, read-only folders, large plans read in the background,
//! and text in every script.

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use commitments::model::{CommitmentId, Status};
use commitments::storage;

use super::super::app::{App, Launch};
use super::{FIVE_G, FIVE_G_TITLE, fixture, harness, on_disk, search};

#[cfg(target_os = "linux")]
#[path = "../../../tests/common/unprivileged.rs"]
mod unprivileged;

#[test]
fn a_plan_path_that_is_a_folder_says_so_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("plan.ron");
    std::fs::create_dir(&folder).unwrap();
    let h = harness(&folder);
    assert!(h.query_by_label("无法打开计划").is_some());
    assert!(
        h.query_by_label_contains("这个路径是一个文件夹，不是计划文件")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("is a folder").is_some(),
        "the detail names it"
    );
    drop(h);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

#[test]
fn a_data_folder_that_cannot_be_created_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let launch = Launch {
        file: None,
        data_dir: Some(file.join("saves")),
    };
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| App::new(cc, launch));
    h.run_steps(3);
    assert!(h.query_by_label_contains("无法建立数据文件夹").is_some());
    assert!(
        h.query_all_by_label_contains("not-a-folder")
            .next()
            .is_some()
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

/// A plan in a folder nobody may write (a read-only share): it opens, a
/// banner says why it is read-only and offers Save as, edits are refused,
/// and the folder stays as it was. Root's override is dropped for the test.
#[cfg(target_os = "linux")]
#[test]
fn a_plan_in_a_read_only_folder_opens_read_only_and_says_why() {
    let f = fixture();
    let folder = f.plan.parent().unwrap().to_owned();
    let before = std::fs::read(&f.plan).unwrap();
    unprivileged::make_read_only(&folder);
    let listing = || {
        let mut names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        names.sort();
        names
    };
    let names_before = listing();
    unprivileged::on_unprivileged_thread(|| {
        assert!(!unprivileged::can_write_in(&folder));
        let mut h = harness(&f.plan);
        assert!(
            h.query_by_label_contains("此计划所在的文件夹不可写入")
                .is_some()
        );
        assert!(h.query_by_label("另存为…").is_some());
        search(&mut h, "5G");
        h.get_by_label(&format!("勾选完成：{FIVE_G_TITLE}")).click();
        h.run_steps(2);
        assert_eq!(
            h.state().plan().unwrap().commitments[&FIVE_G].status,
            Status::NotStarted
        );
        h.state_mut().flush();
    });
    unprivileged::make_writable(&folder);
    assert_eq!(listing(), names_before, "no lock, temp or backup file");
    assert_eq!(std::fs::read(&f.plan).unwrap(), before);
}

/// Titles and department names with emoji, right-to-left text, combining
/// marks, CJK extension B and an inner BOM are shown as they are: each is
/// found in the ledger by its exact text, and the detail panel opens on it.
#[test]
fn titles_in_every_script_are_shown_as_they_are() {
    use commitments::model::DeptId;
    let texts = [
        "测试👍🏽尾",
        "测试👨\u{200D}👩\u{200D}👧\u{200D}👦尾",
        "测试\u{200F}مرحبا\u{200E} שלום尾",
        "测试e\u{30A} Z\u{324}\u{354}尾",
        "测试𠀀𪚥尾",
        "测试前\u{FEFF}后尾",
    ];
    let f = fixture();
    let mut plan = on_disk(&f.plan);
    let ids: Vec<CommitmentId> = plan.commitments.keys().take(texts.len()).copied().collect();
    for (id, text) in ids.iter().zip(texts) {
        plan.commitments.get_mut(id).unwrap().title = text.to_owned();
    }
    let gxj = DeptId::new("gxj");
    plan.departments.get_mut(&gxj).unwrap().short_name = "工信局🚀".to_owned();
    storage::save(&plan, &f.plan).unwrap();

    // Hebrew, Arabic and extension B have no bundled font: the window draws
    // them with the system's fonts, or as boxes; the test harness has none.
    let launch = Launch {
        file: Some(f.plan.clone()),
        data_dir: f.plan.parent().map(Path::to_owned),
    };
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_eframe(move |cc| App::new(cc, launch));
    h.run_steps(3);
    for text in texts {
        assert!(
            h.query_by_label(&format!("勾选完成：{text}")).is_some(),
            "{text:?} is not in the ledger"
        );
    }
    assert!(h.query_all_by_label_contains("工信局🚀").next().is_some());
    h.state_mut().state.selected = Some(ids[1]);
    h.run_steps(3);
    assert!(
        h.query_all_by_label(texts[1]).next().is_some(),
        "detail panel"
    );
}

/// A large plan is read on a worker thread: the window says what it is
/// opening, stays responsive, then shows the plan.
#[test]
fn a_large_plan_opens_in_the_background_and_says_so() {
    use commitments::generate::{Profile, generate};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    storage::save(&generate(4_000, 3, Profile::Realistic), &path).unwrap();
    assert!(
        std::fs::metadata(&path).unwrap().len() > super::super::opening::IN_BACKGROUND_ABOVE_BYTES,
        "the plan must be large enough to be opened in the background"
    );
    let launch = Launch {
        file: Some(path.clone()),
        data_dir: Some(dir.path().to_owned()),
    };
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| App::new(cc, launch));
    h.run_steps(1);
    assert!(h.query_by_label_contains("正在打开 large.ron").is_some());
    let started = std::time::Instant::now();
    while h.state().doc.is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the plan never opened"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    h.run_steps(2);
    assert!(h.query_by_label_contains("正在打开").is_none());
    assert_eq!(h.state().view.rows.len(), 4_000);
}
