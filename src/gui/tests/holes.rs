//! UI tests of the plan-safety holes (issue 14): a plan marked read-only,
//! recovery that skips broken backups, a value that would make the plan
//! unopenable refused at save.

use egui_kittest::kittest::Queryable;

use commitments::model::{Edit, Kind};
use commitments::storage::{self, backup};

use super::super::document::SaveStatus;
use super::super::save_failure::SaveCause;
use super::{FIVE_G, fixture, harness};

#[cfg(unix)]
#[test]
fn a_plan_marked_read_only_opens_read_only_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let f = fixture();
    let before = std::fs::read(&f.plan).unwrap();
    std::fs::set_permissions(&f.plan, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut h = harness(&f.plan);
    assert!(h.query_by_label_contains("此计划文件被设为只读").is_some());
    assert!(h.state().doc.as_ref().unwrap().is_read_only());
    h.state_mut().flush();
    drop(h);
    assert_eq!(std::fs::read(&f.plan).unwrap(), before);
    assert!(backup::list(&f.plan).is_empty());
}

#[test]
fn recovery_offers_the_newest_backup_that_loads() {
    let f = fixture();
    let good = std::fs::read_to_string(&f.plan).unwrap();
    let broken = good.replacen("low: 14000.0", "low: inf", 1);
    assert_ne!(broken, good);
    let folder = backup::folder(&f.plan);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("taiyuan-2023.20230601T100000.000.ron"), &good).unwrap();
    std::fs::write(folder.join("taiyuan-2023.20230602T100000.000.ron"), &broken).unwrap();
    std::fs::write(&f.plan, &broken).unwrap();
    let h = harness(&f.plan);
    assert!(h.query_by_label("无法打开计划").is_some());
    assert!(
        h.query_by_label_contains("从最新备份恢复（taiyuan-2023.20230601T100000.000.ron）")
            .is_some(),
        "the broken newer backup is passed over"
    );
    assert!(h.query_by_label_contains("其他备份").is_some());
    assert!(
        h.query_by_label("taiyuan-2023.20230602T100000.000.ron")
            .is_some()
    );
    assert!(h.query_by_label("2023-06-02 10:00:00").is_some());
}

#[test]
fn an_edit_that_would_make_the_plan_unopenable_is_not_saved() {
    let f = fixture();
    let before = std::fs::read(&f.plan).unwrap();
    let mut h = harness(&f.plan);
    let doc = h.state_mut().doc.as_mut().unwrap();
    let mut c = doc.plan().commitments[&FIVE_G].clone();
    if let Kind::Quantitative(t) = &mut c.kind {
        t.low = f64::INFINITY;
        t.high = f64::INFINITY;
    }
    doc.apply("test", vec![Edit::Replace(Box::new(c))], None)
        .unwrap();
    assert!(!h.state_mut().flush());
    let doc = h.state().doc.as_ref().unwrap();
    assert!(
        matches!(&doc.status, SaveStatus::Failed(f) if f.cause == SaveCause::WouldNotLoad),
        "the save was refused"
    );
    assert_eq!(std::fs::read(&f.plan).unwrap(), before);
    storage::load(&f.plan).unwrap();
}
