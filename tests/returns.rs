//! Monthly returns end to end: forms made by `returns::make`, filled in by
//! an independent writer (tests/common/fill_xlsx.rs, no rust_xlsxwriter),
//! read back and merged; every kind of tampering is caught; the CLI.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use commitments::model::{
    Commitment, CommitmentId, Comparator, Department, DeptId, Edit, Kind, Plan, Status, Target,
};
use commitments::returns::form;
use commitments::returns::make::{self, MakeOptions};
use commitments::returns::merge::{self, Issue, Preview, PreviewOptions, Role, Selection};
use commitments::returns::status::{self, Standing};
use commitments::returns::{Period, read};
use common::fill_xlsx::{self, Cell};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const GXJ: &str = "市工业和信息化局";
const FGW: &str = "市发展和改革委员会";

/// 工信局 leads #1 (5G, 1.4万座, 发改委 cooperates) and #3 (qualitative);
/// 发改委 leads #2 (milestone) and #4 (1000亿元 investment).
fn plan() -> Plan {
    let mut plan = common::five_g_plan("2023年政府工作报告");
    plan.departments.insert(
        DeptId::new("fgw"),
        Department {
            id: DeptId::new("fgw"),
            name: FGW.to_owned(),
            short_name: "发改委".to_owned(),
        },
    );
    let c1 = plan.commitments.get_mut(&CommitmentId(1)).unwrap();
    c1.cooperating = vec![DeptId::new("fgw")];
    let mut c2 = Commitment::new(
        CommitmentId(2),
        "西北二环高速竣工",
        Kind::Milestone {
            sub_milestones: Vec::new(),
        },
    );
    c2.lead = Some(DeptId::new("fgw"));
    c2.due = Some(date(2023, 10, 31));
    let mut c3 = Commitment::new(CommitmentId(3), "深化国资国企改革", Kind::Qualitative);
    c3.lead = Some(DeptId::new("gxj"));
    let mut c4 = Commitment::new(
        CommitmentId(4),
        "签约项目计划投资额",
        Kind::Quantitative(Target {
            metric: "签约投资额".to_owned(),
            comparator: Comparator::AtLeast,
            low: 1e11,
            high: 1e11,
            unit: "元".to_owned(),
            cumulative: true,
            baseline: None,
            baseline_date: None,
            better: None,
        }),
    );
    c4.lead = Some(DeptId::new("fgw"));
    for c in [c2, c3, c4] {
        plan.commitments.insert(c.id, c);
    }
    plan
}

fn may() -> Period {
    Period::parse("2023-05").unwrap()
}

fn make_forms(plan: &Plan, dir: &Path) -> Vec<make::MadeForm> {
    let options = MakeOptions {
        period: may(),
        departments: Vec::new(),
        due: None,
        made_on: date(2023, 5, 10),
        force: false,
    };
    make::make(plan, &options, dir).expect("forms made")
}

fn form_of(dir: &Path, dept: &str) -> PathBuf {
    dir.join(format!("2023-05-{dept}.xlsx"))
}

/// What a department types in one row.
#[derive(Default, Clone)]
struct Row<'a> {
    value: Option<f64>,
    note: &'a str,
    problems: &'a str,
    status: &'a str,
    reporter: &'a str,
    phone: &'a str,
    extend_to: &'a str,
    extend_reason: &'a str,
    evidence: &'a str,
}

/// Fills in a form: the date of the return and rows by commitment id.
fn fill(path: &Path, date: Option<&str>, rows: &[(u32, Row<'_>)]) {
    let found = read::read(path).expect("form reads");
    let bytes = std::fs::read(path).unwrap();
    let mut cells = Vec::new();
    if let Some(d) = date {
        cells.push((form::DATE_ROW, form::DATE_COL, Cell::Text(d)));
    }
    for (id, row) in rows {
        let r = found
            .rows
            .iter()
            .find(|r| r.seen.id == id.to_string())
            .unwrap_or_else(|| panic!("#{id} not on {}", path.display()))
            .sheet_row;
        if let Some(v) = row.value {
            cells.push((r, form::COL_VALUE, Cell::Num(v)));
        }
        for (col, text) in [
            (form::COL_NOTE, row.note),
            (form::COL_PROBLEMS, row.problems),
            (form::COL_STATUS, row.status),
            (form::COL_REPORTER, row.reporter),
            (form::COL_PHONE, row.phone),
            (form::COL_EXTEND_TO, row.extend_to),
            (form::COL_EXTEND_REASON, row.extend_reason),
            (form::COL_EVIDENCE, row.evidence),
        ] {
            if !text.is_empty() {
                cells.push((r, col, Cell::Text(text)));
            }
        }
    }
    std::fs::write(path, fill_xlsx::set_cells(&bytes, 1, &cells)).unwrap();
}

fn options() -> PreviewOptions {
    PreviewOptions {
        merged_on: date(2023, 5, 26),
        expected_period: None,
    }
}

fn preview(plan: &Plan, files: &[PathBuf]) -> Preview {
    merge::preview_files(plan, files, &options())
}

/// Merges with "accept all" and applies the edits as one group.
fn merge_all(plan: &mut Plan, files: &[PathBuf]) -> (Preview, merge::Merged) {
    let p = preview(plan, files);
    let selection = Selection::without_problems(&p);
    let merged = merge::apply(plan, &p, &selection, date(2023, 5, 26)).unwrap();
    Edit::apply_group(merged.edits.clone(), plan).unwrap();
    (p, merged)
}

fn issues_of(p: &Preview) -> Vec<Issue> {
    p.returns
        .iter()
        .flat_map(|r| {
            r.issues
                .iter()
                .chain(r.rows.iter().flat_map(|row| &row.issues))
        })
        .cloned()
        .collect()
}

fn ok_row<'a>(value: Option<f64>, note: &'a str) -> Row<'a> {
    Row {
        value,
        note,
        status: "推进中",
        reporter: "张三",
        phone: "0351-1234567",
        ..Row::default()
    }
}

#[test]
fn each_department_gets_its_own_commitments_and_a_protected_form() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let made = make_forms(&plan, dir.path());
    let names: Vec<String> = made
        .iter()
        .map(|m| m.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [format!("2023-05-{FGW}.xlsx"), format!("2023-05-{GXJ}.xlsx")]
    );

    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(form_of(dir.path(), GXJ)).unwrap();
    let sheet = wb.worksheet_range(form::FORM_SHEET).unwrap();
    let ids: Vec<String> = (form::FIRST_ROW..=sheet.end().unwrap().0)
        .map(|r| read::text_at(&sheet, r, form::COL_ID))
        .collect();
    assert_eq!(ids, ["1", "3"], "only 工信局's commitments");
    let headers: Vec<String> = (0..form::COLUMNS)
        .map(|c| read::text_at(&sheet, form::HEADER_ROW, c))
        .collect();
    assert_eq!(headers, form::HEADERS);
    assert!(read::text_at(&sheet, form::UNIT_ROW, 0).contains("报送截止：2023年5月25日前"));
    assert!(read::text_at(&sheet, form::FIRST_ROW, form::COL_TARGET).contains("≥1.4万座"));
    let meta = wb
        .sheets_metadata()
        .iter()
        .find(|s| s.name == form::META_SHEET)
        .cloned()
        .unwrap();
    assert_eq!(meta.visible, calamine::SheetVisible::VeryHidden);

    // The sheet XML: protected without a password, input cells unlocked,
    // frozen under the header, A4 landscape, validations.
    let bytes = std::fs::read(form_of(dir.path(), GXJ)).unwrap();
    let mut sheet_xml = String::new();
    fill_xlsx::edit_parts(&bytes, |name, xml| {
        if name == "xl/worksheets/sheet1.xml" {
            sheet_xml = xml.clone();
        }
        xml
    });
    assert!(sheet_xml.contains("<sheetProtection"), "protected");
    assert!(!sheet_xml.contains("password"), "no password");
    assert!(sheet_xml.contains("state=\"frozen\""), "frozen header");
    assert!(sheet_xml.contains("paperSize=\"9\""), "A4");
    assert!(
        sheet_xml.contains("type=\"decimal\""),
        "numbers only in 本期完成值"
    );
    assert!(sheet_xml.contains("申请销号"), "status drop-down");

    // Existing forms are refused without force, nothing half written.
    let again = make::make(
        &plan,
        &MakeOptions {
            period: may(),
            departments: Vec::new(),
            due: None,
            made_on: date(2023, 5, 10),
            force: false,
        },
        dir.path(),
    );
    assert!(matches!(
        again,
        Err(commitments::returns::ReturnsError::Exists { .. })
    ));
}

#[test]
fn filled_forms_merge_into_the_plan_once() {
    let mut plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    let fgw = form_of(dir.path(), FGW);
    fill(
        &gxj,
        Some("2023-05-20"),
        &[
            (1, ok_row(Some(9000.0), "新建基站2000座")),
            (3, ok_row(None, "完成改革方案")),
        ],
    );
    fill(
        &fgw,
        Some("2023/5/24"),
        &[
            // 400 亿元 typed in the form's unit.
            (4, ok_row(Some(400.0), "签约项目32个")),
            (
                2,
                Row {
                    status: "暂缓",
                    problems: "征地未完成",
                    reporter: "李四",
                    ..Row::default()
                },
            ),
        ],
    );
    let before_files = (std::fs::read(&gxj).unwrap(), std::fs::read(&fgw).unwrap());
    let files = vec![gxj.clone(), fgw.clone()];
    let (p, merged) = merge_all(&mut plan, &files);
    assert!(p.unreadable.is_empty());
    let problems: Vec<String> = issues_of(&p)
        .iter()
        .filter(|i| i.is_problem())
        .map(Issue::zh)
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(merged.entries, 4);

    let c1 = &plan.commitments[&CommitmentId(1)];
    let e = c1.progress.last().unwrap();
    assert_eq!(e.value, Some(9000.0));
    assert_eq!(e.date, date(2023, 5, 20));
    assert_eq!(e.reporter, "张三（0351-1234567）");
    assert_eq!(e.progress, "新建基站2000座");
    assert_eq!(c1.status, Status::InProgress);
    let c4 = &plan.commitments[&CommitmentId(4)];
    assert_eq!(c4.progress.last().unwrap().value, Some(4e10));
    let c2 = &plan.commitments[&CommitmentId(2)];
    assert_eq!(c2.status, Status::Suspended);
    assert_eq!(c2.status_reason, "征地未完成");
    assert_eq!(plan.returns.len(), 2);

    let s = status::status(&plan, may(), date(2023, 5, 26));
    assert!(
        s.lines.iter().all(|l| l.standing == Standing::OnTime),
        "{s:?}"
    );

    // The same files again: nothing changes.
    let snapshot = plan.clone();
    let (p2, merged2) = merge_all(&mut plan, &files);
    assert!(merged2.edits.is_empty(), "{merged2:?}");
    assert_eq!(plan, snapshot);
    assert!(p2.returns.iter().all(|r| {
        r.rows
            .iter()
            .filter(|row| row.filled)
            .all(|row| row.already_merged())
    }));
    assert_eq!(p2.left_out(&Selection::without_problems(&p2)), 0);
    // The returned files are never modified.
    assert_eq!(std::fs::read(&gxj).unwrap(), before_files.0);
    assert_eq!(std::fs::read(&fgw).unwrap(), before_files.1);

    // Undo: the inverse group gives back the plan before the merge.
    let mut undo_plan = self::plan();
    let p3 = preview(&undo_plan, &files);
    let m3 = merge::apply(
        &undo_plan,
        &p3,
        &Selection::without_problems(&p3),
        date(2023, 5, 26),
    )
    .unwrap();
    let original = undo_plan.clone();
    let inverse = Edit::apply_group(m3.edits, &mut undo_plan).unwrap();
    Edit::apply_group(inverse, &mut undo_plan).unwrap();
    assert_eq!(undo_plan, original);
}

#[test]
fn an_edited_protected_cell_is_caught_and_left_out() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    fill(&gxj, None, &[(1, ok_row(Some(9000.0), "进展"))]);
    let bytes = std::fs::read(&gxj).unwrap();
    let tampered = fill_xlsx::set_cells(
        &bytes,
        1,
        &[(form::FIRST_ROW, form::COL_TARGET, Cell::Text("≥1万座"))],
    );
    std::fs::write(&gxj, tampered).unwrap();
    let p = preview(&plan, &[gxj]);
    let row = &p.returns[0].rows[0];
    assert!(
        row.issues.contains(&Issue::ProtectedEdited(vec!["目标"])),
        "{:?}",
        row.issues
    );
    assert!(!Selection::without_problems(&p).is_accepted(0, 0));
    assert_eq!(p.left_out(&Selection::without_problems(&p)), 1);
}

#[test]
fn an_edited_hidden_sheet_breaks_the_seal() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    fill(&gxj, None, &[(1, ok_row(Some(9000.0), "进展"))]);
    let bytes = std::fs::read(&gxj).unwrap();
    // The department row of the hidden sheet (row 4, column B) says fgw now.
    let tampered = fill_xlsx::set_cells(&bytes, 2, &[(3, 1, Cell::Text("fgw"))]);
    std::fs::write(&gxj, tampered).unwrap();
    let p = preview(&plan, &[gxj]);
    assert!(p.returns[0].issues.contains(&Issue::SealBroken));
    assert!(p.returns[0].is_fatal());
    assert!(p.returns[0].rows.iter().all(|r| !r.can_accept()));
}

#[test]
fn a_value_typed_in_the_wrong_magnitude_is_caught() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    // 1.4 (万) instead of 14000.
    fill(&gxj, None, &[(1, ok_row(Some(1.4), "进展"))]);
    let p = preview(&plan, &[gxj]);
    let row = &p.returns[0].rows[0];
    assert!(
        row.issues
            .iter()
            .any(|i| matches!(i, Issue::OutOfScale { value, .. } if *value == 1.4)),
        "{:?}",
        row.issues
    );
    assert!(row.can_accept(), "the user may still accept it");
    assert!(!Selection::without_problems(&p).is_accepted(0, 0));
}

#[test]
fn a_cumulative_value_that_went_down_is_caught() {
    let mut plan = plan();
    let c1 = plan.commitments.get_mut(&CommitmentId(1)).unwrap();
    c1.add_progress(commitments::model::ProgressEntry {
        date: date(2023, 4, 25),
        value: Some(10_000.0),
        progress: String::new(),
        problems: String::new(),
        next_steps: String::new(),
        reporter: String::new(),
        evidence: Vec::new(),
    });
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    fill(&gxj, None, &[(1, ok_row(Some(9000.0), "进展"))]);
    let p = preview(&plan, &[gxj]);
    assert!(p.returns[0].rows[0].issues.contains(&Issue::WentDown {
        before: 10_000.0,
        now: 9000.0
    }));
}

#[test]
fn forms_of_another_plan_period_or_department_are_caught() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    fill(&gxj, None, &[(1, ok_row(Some(9000.0), "进展"))]);

    // Another plan.
    let mut other = plan.clone();
    other.id = "plan-ffffffffffffffff".to_owned();
    let p = preview(&other, std::slice::from_ref(&gxj));
    assert!(matches!(p.returns[0].issues[0], Issue::OtherPlan { .. }));
    assert!(p.returns[0].is_fatal());

    // Renamed as another period's and another department's form.
    let june = dir.path().join(format!("2023-06-{GXJ}.xlsx"));
    std::fs::copy(&gxj, &june).unwrap();
    let p = preview(&plan, std::slice::from_ref(&june));
    assert!(
        p.returns[0]
            .issues
            .iter()
            .any(|i| matches!(i, Issue::OtherPeriod { .. }))
    );
    let renamed = dir.path().join("copy").join(format!("2023-05-{FGW}.xlsx"));
    std::fs::create_dir_all(renamed.parent().unwrap()).unwrap();
    std::fs::copy(&gxj, &renamed).unwrap();
    let p = preview(&plan, &[renamed]);
    assert!(
        p.returns[0]
            .issues
            .iter()
            .any(|i| matches!(i, Issue::OtherDepartment { .. }))
    );
    assert_eq!(p.left_out(&Selection::without_problems(&p)), 1);

    // The period the user expects.
    let p = merge::preview_files(
        &plan,
        std::slice::from_ref(&gxj),
        &PreviewOptions {
            expected_period: Some(Period::parse("2023-06").unwrap()),
            ..options()
        },
    );
    assert!(
        p.returns[0]
            .issues
            .iter()
            .any(|i| matches!(i, Issue::OtherPeriod { .. }))
    );

    // Not a form at all.
    let junk = dir.path().join("notes.xlsx");
    std::fs::write(&junk, b"not a workbook").unwrap();
    let p = preview(&plan, &[junk]);
    assert_eq!(p.unreadable.len(), 1);
    assert!(
        p.unreadable[0].message.contains("notes.xlsx"),
        "{:?}",
        p.unreadable
    );
}

#[test]
fn unknown_ids_and_commitments_not_held_are_caught() {
    let mut plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    fill(
        &gxj,
        None,
        &[(1, ok_row(Some(9000.0), "进展")), (3, ok_row(None, "进展"))],
    );
    // Since the forms went out: #3 was deleted, #1 moved to 发改委.
    plan.commitments.remove(&CommitmentId(3));
    let c1 = plan.commitments.get_mut(&CommitmentId(1)).unwrap();
    c1.lead = Some(DeptId::new("fgw"));
    c1.cooperating.clear();
    let p = preview(&plan, &[gxj]);
    let rows = &p.returns[0].rows;
    assert!(
        rows[0].issues.contains(&Issue::NotHeld),
        "{:?}",
        rows[0].issues
    );
    assert!(rows[0].issues.iter().any(
        |i| matches!(i, Issue::ChangedInPlan(f) if f.iter().any(|(n, _, _)| *n == "牵头/配合"))
    ));
    assert!(rows[1].issues.contains(&Issue::UnknownId("3".to_owned())));
    assert!(rows.iter().all(|r| !r.can_accept()));
}

#[test]
fn lead_and_cooperating_returns_are_both_kept_and_the_lead_value_counts() {
    let mut plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    let fgw = form_of(dir.path(), FGW);
    fill(
        &gxj,
        Some("2023-05-20"),
        &[(1, ok_row(Some(9000.0), "工信局进展"))],
    );
    fill(
        &fgw,
        Some("2023-05-21"),
        &[(1, ok_row(Some(8000.0), "发改委配合"))],
    );
    let (p, merged) = merge_all(&mut plan, &[fgw, gxj]);
    assert_eq!(merged.entries, 2);
    let fgw_row = p.returns[0]
        .rows
        .iter()
        .find(|r| r.commitment == Some(CommitmentId(1)))
        .unwrap();
    assert_eq!(fgw_row.role, Role::Cooperating);
    assert!(fgw_row.issues.contains(&Issue::CooperatingValue));
    assert!(
        fgw_row
            .issues
            .iter()
            .any(|i| matches!(i, Issue::TwoReturns { .. }))
    );
    let c1 = &plan.commitments[&CommitmentId(1)];
    assert_eq!(c1.progress.len(), 2);
    assert_eq!(
        c1.value_as_of(date(2023, 5, 31)).map(|(_, v)| v),
        Some(9000.0)
    );
    assert!(
        c1.progress
            .iter()
            .any(|e| e.progress.contains("配合单位填报本期完成值：8000座"))
    );
}

#[test]
fn late_returns_closure_requests_and_the_chase_list() {
    let mut plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let gxj = form_of(dir.path(), GXJ);
    fill(
        &gxj,
        Some("2023-06-02"),
        &[(
            3,
            Row {
                note: "改革任务全部完成",
                status: "申请销号",
                reporter: "张三",
                ..Row::default()
            },
        )],
    );
    let (p, merged) = merge_all(&mut plan, &[gxj]);
    assert_eq!(merged.entries, 1);
    assert!(p.returns[0].is_late());
    let c3 = &plan.commitments[&CommitmentId(3)];
    assert_ne!(c3.status, Status::Done, "申请销号 is not done");
    let e = c3.progress.last().unwrap();
    assert!(e.progress.starts_with("【申请销号】"), "{}", e.progress);
    assert_eq!(e.date, date(2023, 5, 31), "dated within the period");

    let s = status::status(&plan, may(), date(2023, 6, 5));
    let line = |name: &str| s.lines.iter().find(|l| l.name == name).unwrap().standing;
    assert_eq!(line(GXJ), Standing::Late);
    assert_eq!(line(FGW), Standing::Overdue);
    assert_eq!(
        s.chase_list().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        [FGW]
    );
    let early = status::status(&plan, may(), date(2023, 5, 20));
    assert_eq!(
        early.lines.iter().find(|l| l.name == FGW).unwrap().standing,
        Standing::Pending
    );
}

#[test]
fn extension_requests_and_evidence_travel_with_the_return() {
    let mut plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let plan_path = dir.path().join("plan.ron");
    let forms = dir.path().join("forms");
    make_forms(&plan, &forms);
    // The photo comes beside the form; the minutes were forgotten.
    std::fs::write(forms.join("进度照片.jpg"), b"jpeg bytes").unwrap();
    // A link in the folder is not taken: it could point anywhere.
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", forms.join("链接.jpg")).unwrap();
    let fgw = form_of(&forms, FGW);
    fill(
        &fgw,
        Some("2023-05-24"),
        &[(
            2,
            Row {
                note: "主体工程完成80%",
                status: "推进中",
                reporter: "李四",
                extend_to: "2023-12-31",
                extend_reason: "征地拆迁滞后",
                evidence: "进度照片.jpg、D:\\材料\\会议纪要.pdf、链接.jpg",
                ..Row::default()
            },
        )],
    );
    let mut p = preview(&plan, std::slice::from_ref(&fgw));
    let row = p.returns[0]
        .rows
        .iter()
        .find(|r| r.commitment == Some(CommitmentId(2)))
        .unwrap();
    assert!(row.issues.contains(&Issue::ExtensionRequested {
        to: date(2023, 12, 31),
        due: date(2023, 10, 31)
    }));
    assert_eq!(
        row.extension,
        Some((date(2023, 12, 31), "征地拆迁滞后".to_owned()))
    );
    assert!(
        row.issues
            .contains(&Issue::EvidenceFound(vec!["进度照片.jpg".into()]))
    );
    assert!(row.issues.contains(&Issue::EvidenceMissing(vec![
        "会议纪要.pdf".into(),
        "链接.jpg".into()
    ])));
    assert!(
        row.has_problem(),
        "a missing file keeps the row out of accept-all"
    );
    for issue in &row.issues {
        assert!(!issue.zh().is_empty());
    }

    // The office accepts it anyway: the photo is stored, the request recorded.
    let mut selection = Selection::none(&p);
    let j = p.returns[0]
        .rows
        .iter()
        .position(|r| r.commitment == Some(CommitmentId(2)))
        .unwrap();
    selection.set(0, j, true);
    let stored = merge::store_evidence(&mut p, &selection, &plan_path).unwrap();
    assert_eq!(stored, 1);
    let merged = merge::apply(&plan, &p, &selection, date(2023, 5, 26)).unwrap();
    assert_eq!(merged.extensions, 1);
    Edit::apply_group(merged.edits, &mut plan).unwrap();
    let c2 = &plan.commitments[&CommitmentId(2)];
    let req = c2.extension.as_ref().expect("request recorded");
    assert_eq!(
        (req.to, req.reason.as_str(), req.by.as_str()),
        (date(2023, 12, 31), "征地拆迁滞后", "李四")
    );
    assert_eq!(c2.due, Some(date(2023, 10, 31)), "not moved until approved");
    let e = c2.progress.last().unwrap();
    assert_eq!(e.evidence.len(), 1);
    assert_eq!(e.evidence[0].name, "进度照片.jpg");
    let file = commitments::evidence::check(&plan_path, &e.evidence[0]).unwrap();
    assert_eq!(std::fs::read(file).unwrap(), b"jpeg bytes");

    // The office approves: the due date moves, the old one is kept.
    let edit = plan
        .approve_extension(CommitmentId(2), date(2023, 6, 1))
        .unwrap();
    Edit::apply_group(vec![edit], &mut plan).unwrap();
    let c2 = &plan.commitments[&CommitmentId(2)];
    assert_eq!(c2.due, Some(date(2023, 12, 31)));
    assert_eq!(c2.extensions[0].old, Some(date(2023, 10, 31)));

    // Merging the same file again changes nothing.
    let again = preview(&plan, &[fgw]);
    let sel = Selection::without_problems(&again);
    let merged = merge::apply(&plan, &again, &sel, date(2023, 5, 27)).unwrap();
    assert_eq!((merged.entries, merged.extensions), (0, 0));
}

#[test]
fn extension_requests_the_rules_refuse_are_caught() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    make_forms(&plan, dir.path());
    let fgw = form_of(dir.path(), FGW);
    fill(
        &fgw,
        Some("2023-05-24"),
        &[
            // A cooperating department cannot move the lead's date.
            (
                1,
                Row {
                    note: "配合完成选址",
                    extend_to: "2024-06-30",
                    extend_reason: "设备到货晚",
                    ..Row::default()
                },
            ),
            // Not later than the current due date.
            (
                2,
                Row {
                    note: "推进中",
                    extend_to: "2023-09-30",
                    extend_reason: "提前",
                    ..Row::default()
                },
            ),
            // Not a date; a reason without a date.
            (
                4,
                Row {
                    note: "签约推进",
                    extend_to: "年底前",
                    extend_reason: "",
                    ..Row::default()
                },
            ),
        ],
    );
    let p = preview(&plan, &[fgw]);
    let of = |id: u32| {
        p.returns[0]
            .rows
            .iter()
            .find(|r| r.commitment == Some(CommitmentId(id)))
            .unwrap()
    };
    assert!(
        of(1)
            .issues
            .iter()
            .any(|i| matches!(i, Issue::ExtensionRefused(why) if why.contains("配合单位"))),
        "{:?}",
        of(1).issues
    );
    assert!(
        of(2)
            .issues
            .iter()
            .any(|i| matches!(i, Issue::ExtensionRefused(why) if why.contains("不晚于"))),
        "{:?}",
        of(2).issues
    );
    assert!(
        of(4)
            .issues
            .contains(&Issue::BadExtensionDate("年底前".into()))
    );
    for id in [1, 2, 4] {
        assert!(of(id).extension.is_none());
        assert!(of(id).has_problem());
        assert!(of(id).entry.is_some(), "the progress can still be accepted");
    }
}

#[test]
fn a_closure_request_carries_its_evidence_and_a_form_of_the_first_layout_still_merges() {
    let mut plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let plan_path = dir.path().join("plan.ron");
    make_forms(&plan, dir.path());
    std::fs::create_dir(dir.path().join("佐证材料")).unwrap();
    std::fs::write(
        dir.path().join("佐证材料").join("验收报告.pdf"),
        b"%PDF-1.4",
    )
    .unwrap();
    let gxj = form_of(dir.path(), GXJ);
    fill(
        &gxj,
        Some("2023-05-24"),
        &[(
            3,
            Row {
                note: "改革任务全部完成",
                status: "申请销号",
                reporter: "张三",
                evidence: "《验收报告.pdf》",
                ..Row::default()
            },
        )],
    );
    let mut p = preview(&plan, &[gxj]);
    let selection = Selection::without_problems(&p);
    assert_eq!(
        merge::store_evidence(&mut p, &selection, &plan_path).unwrap(),
        1
    );
    let merged = merge::apply(&plan, &p, &selection, date(2023, 5, 26)).unwrap();
    Edit::apply_group(merged.edits, &mut plan).unwrap();
    let c3 = &plan.commitments[&CommitmentId(3)];
    assert_eq!(c3.status, Status::ClosureRequested);
    let closure = c3.closure.as_ref().unwrap();
    assert_eq!(closure.evidence.len(), 1);
    assert_eq!(closure.evidence[0].name, "验收报告.pdf");

    // A form made before 申请延期 and 佐证材料 had columns: 填报人 and
    // 联系电话 in columns 13 and 14.
    let fgw = form_of(dir.path(), FGW);
    let bytes = std::fs::read(&fgw).unwrap();
    let found = read::read(&fgw).unwrap();
    let r = found
        .rows
        .iter()
        .find(|r| r.seen.id == "2")
        .unwrap()
        .sheet_row;
    let h = form::HEADER_ROW;
    let old = fill_xlsx::set_cells(
        &bytes,
        1,
        &[
            (h, 13, Cell::Text("填报人")),
            (h, 14, Cell::Text("联系电话")),
            (h, 15, Cell::Text("")),
            (h, 16, Cell::Text("")),
            (h, 17, Cell::Text("")),
            (r, form::COL_NOTE, Cell::Text("主体完工")),
            (r, 13, Cell::Text("王五")),
            (r, 14, Cell::Text("0351-7654321")),
        ],
    );
    std::fs::write(&fgw, old).unwrap();
    let read = read::read(&fgw).expect("the first layout is still a form");
    let row = read.rows.iter().find(|r| r.seen.id == "2").unwrap();
    assert_eq!(
        (row.reporter.as_str(), row.phone.as_str()),
        ("王五", "0351-7654321")
    );
    assert_eq!(row.extend_to, Ok(None));
    assert!(row.evidence.is_empty());
    let (p, merged) = merge_all(&mut plan, &[fgw]);
    assert_eq!(merged.entries, 1, "{:?}", issues_of(&p));
    let e = plan.commitments[&CommitmentId(2)].progress.last().unwrap();
    assert_eq!(e.reporter, "王五（0351-7654321）");
}

#[test]
fn old_plans_get_a_stable_id_and_keep_it() {
    let plan = plan();
    let text = commitments::storage::format::to_ron(&plan).unwrap();
    assert!(text.contains(&format!("id: \"{}\"", plan.id)), "{text}");
    let without: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("id: \"plan-"))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    std::fs::write(&path, &without).unwrap();
    let a = commitments::storage::load(&path).unwrap();
    let b = commitments::storage::load(&path).unwrap();
    assert_eq!(a.id, b.id);
    assert_eq!(a.id, Plan::derived_id(&plan.title, plan.year));
}

// ---- the CLI

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new(plan: &Plan) -> Cli {
        let dir = tempfile::tempdir().unwrap();
        commitments::storage::save(plan, &dir.path().join("plan.ron")).unwrap();
        Cli { dir }
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_commitments"))
            .current_dir(self.dir.path())
            .env("COMMITMENTS_TODAY", "2023-05-26")
            .arg("--file")
            .arg(self.dir.path().join("plan.ron"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn plan(&self) -> Plan {
        commitments::storage::load(&self.dir.path().join("plan.ron")).unwrap()
    }
}

#[test]
fn cli_makes_merges_and_reports() {
    let cli = Cli::new(&plan());
    let forms = cli.dir.path().join("forms");
    let forms_s = forms.to_str().unwrap();
    let (code, out, err) = cli.run(&[
        "returns",
        "make",
        "--period",
        "2023-05",
        "--department",
        "工信局",
        "--output",
        forms_s,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(form_of(&forms, GXJ).exists());
    assert!(!form_of(&forms, FGW).exists());
    let (code, _, err) = cli.run(&[
        "returns", "make", "--period", "2023-05", "--output", forms_s,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--force") && err.lines().count() == 1, "{err}");
    let (code, out, err) = cli.run(&[
        "returns",
        "make",
        "--period",
        "2023-05",
        "--output",
        forms_s,
        "--force",
        "--due",
        "2023-05-28",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = cli.run(&[
        "returns", "make", "--period", "2023-5x", "--output", forms_s,
    ]);
    assert_eq!(code, 2, "{err}");

    fill(
        &form_of(&forms, GXJ),
        Some("2023-05-20"),
        &[(1, ok_row(Some(1.4), "进展"))],
    );
    std::fs::write(forms.join("签约合同.pdf"), b"%PDF-1.4 contract").unwrap();
    // A department's own workbook sent as evidence: not a form that failed.
    std::fs::write(forms.join("项目清单.xlsx"), b"PK not really").unwrap();
    fill(
        &form_of(&forms, FGW),
        Some("2023-05-21"),
        &[
            (
                4,
                Row {
                    evidence: "签约合同.pdf、项目清单.xlsx",
                    ..ok_row(Some(400.0), "签约")
                },
            ),
            (
                2,
                Row {
                    extend_to: "2023-12-31",
                    extend_reason: "征地拆迁滞后",
                    ..ok_row(None, "主体完工")
                },
            ),
        ],
    );

    let before = cli.plan();
    let (code, out, _) = cli.run(&["returns", "merge", forms_s, "--dry-run", "--accept-all"]);
    assert_eq!(code, 1, "the 1.4 row is left out: {out}");
    assert!(
        out.contains("would record 1 extension requests; would store 2 evidence files"),
        "{out}"
    );
    assert!(out.contains("数值与目标量级不符"), "{out}");
    assert_eq!(cli.plan(), before, "dry run writes nothing");

    let (code, out, _) = cli.run(&["returns", "merge", forms_s, "--accept-all"]);
    assert_eq!(code, 1, "{out}");
    let after = cli.plan();
    assert_eq!(after.commitments[&CommitmentId(4)].progress.len(), 1);
    assert!(after.commitments[&CommitmentId(1)].progress.is_empty());
    assert!(
        out.contains("recorded 1 extension requests; stored 2 evidence files"),
        "{out}"
    );
    assert!(!out.contains("项目清单.xlsx: LEFT OUT"), "{out}");
    let e = &after.commitments[&CommitmentId(4)].progress[0];
    assert_eq!(e.evidence[0].name, "签约合同.pdf");
    assert_eq!(e.evidence[1].name, "项目清单.xlsx");
    let plan_path = cli.dir.path().join("plan.ron");
    assert!(commitments::evidence::check(&plan_path, &e.evidence[0]).is_ok());
    let req = after.commitments[&CommitmentId(2)]
        .extension
        .as_ref()
        .unwrap();
    assert_eq!(req.to, date(2023, 12, 31));

    let (code, out, _) = cli.run(&["returns", "status", "--period", "2023-05"]);
    assert_eq!(code, 0);
    assert!(out.contains("on_time") && out.contains(FGW), "{out}");
    assert!(out.contains(&format!("催报: {GXJ}")), "{out}");

    // Merging again changes nothing.
    let (_, _, _) = cli.run(&["returns", "merge", forms_s, "--accept-all"]);
    assert_eq!(cli.plan(), after);
}
