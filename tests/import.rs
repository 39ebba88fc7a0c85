//! Import of 任务分解表 / 台账 from files made the way offices make them
//! (`tests/fixtures/import/`, written by openpyxl, python-docx, WPS-style
//! GB18030 CSV, and LibreOffice: see make_fixtures.py there).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use commitments::import::{self, ImportError, ImportField, ImportOptions, MapSpec, Names, Source};
use commitments::model::{DeptId, Edit, Plan};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn options(year: i32) -> ImportOptions {
    ImportOptions {
        year,
        today: NaiveDate::from_ymd_opt(2025, 3, 15).unwrap(),
        names: Names::builtin(),
    }
}

/// What a task came to, in a form two readers can be compared by.
/// Number, text, section, lead, cooperating, due: one task as two readers see it.
type TaskView = (String, String, String, Vec<String>, Vec<String>, String);

fn tasks_of(name: &str) -> Vec<TaskView> {
    let source = Source::open(&fixture(name), None, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
    let rows = source.rows().unwrap_or_else(|e| panic!("{name}: {e}"));
    rows.tasks
        .iter()
        .map(|t| {
            (
                t.number.clone(),
                t.text.clone(),
                t.section.clone(),
                t.lead.clone(),
                t.cooperating.clone(),
                t.due.clone(),
            )
        })
        .collect()
}

#[test]
fn a_breakdown_table_with_title_rows_and_merged_cells() {
    let source = Source::open(&fixture("breakdown-merged.xlsx"), None, &[]).unwrap();
    assert_eq!(source.table.sheet, "任务分解表");
    assert_eq!(source.table.sheets, vec!["任务分解表", "说明"]);
    let header = source.mapping.header_row.unwrap();
    assert_eq!(source.table.row_number(header), 3);
    let fields: Vec<ImportField> = source.mapping.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            ImportField::Number,
            ImportField::Section,
            ImportField::Task,
            ImportField::Lead,
            ImportField::Cooperating,
            ImportField::Leader,
            ImportField::Due,
            ImportField::Notes,
        ]
    );
    let rows = source.rows().unwrap();
    assert_eq!(rows.title, "2025年政府工作报告重点任务分解表");
    assert_eq!(rows.year, Some(2025));
    assert_eq!(rows.tasks.len(), 6, "the footnote is not a task: {rows:#?}");
    let t = &rows.tasks;
    assert_eq!(t[0].section, "扩大有效需求");
    assert_eq!(
        t[2].section, "扩大有效需求",
        "the merged 类别 reaches its last task"
    );
    assert_eq!(t[3].section, "推进城市更新");
    assert_eq!(t[1].leader, "张明", "a leader merged over two rows");
    assert_eq!(
        t[4].lead,
        vec!["市交通运输局"],
        "a department merged over two rows"
    );
    assert_eq!(t[0].cooperating, vec!["市通信管理局", "市住建局"]);
    assert_eq!(t[1].cooperating, vec!["市发改委", "市商务局"]);
    assert_eq!(
        t[4].cooperating,
        vec!["市住建局", "各县（市、区）人民政府"],
        "a / between units, a 、 inside brackets"
    );
    assert_eq!(t[0].row, 4);
    assert_eq!(t[5].number, "6");

    let (plan, summary) = import::new_plan(&source, &rows, &options(2025)).unwrap();
    assert_eq!(plan.title, "2025年政府工作报告重点任务分解表");
    assert_eq!(plan.year, 2025);
    assert_eq!(summary.added.len(), 6);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let gxj = plan
        .departments
        .values()
        .find(|d| d.short_name == "工信局")
        .expect("工信局 added");
    assert_eq!(
        gxj.name, "市工业和信息化局",
        "the short form expands to the full name"
    );
    let c = plan.commitments.values().next().unwrap();
    assert_eq!(c.lead.as_ref(), Some(&gxj.id));
    assert_eq!(c.due, NaiveDate::from_ymd_opt(2025, 12, 31));
    assert!(c.tags.contains(&"序号:1".to_owned()));
    assert!(c.notes.contains("责任领导：张明"));
    let ongoing = plan.commitments.values().nth(2).unwrap();
    assert_eq!(ongoing.due, None, "长期坚持 has no due date");
    assert!(ongoing.notes.contains("完成时限：长期坚持"));
    assert!(ongoing.notes.contains("备注：按季度调度"));
    let june = plan.commitments.values().nth(4).unwrap();
    assert_eq!(
        june.due,
        NaiveDate::from_ymd_opt(2025, 6, 30),
        "6月底前 in the title's year"
    );
    assert!(plan.problems().is_empty(), "{:?}", plan.problems());
}

#[test]
fn libreoffice_workbooks_read_as_the_original() {
    let original = tasks_of("breakdown-merged.xlsx");
    assert_eq!(tasks_of("breakdown-libreoffice.xlsx"), original);
    // ODS: merged cells are not reported, so sections, leads and leaders
    // are filled down; the result is the same.
    assert_eq!(tasks_of("breakdown-libreoffice.ods"), original);
}

#[test]
fn a_ledger_with_a_two_row_header_and_section_rows() {
    let source = Source::open(&fixture("ledger-two-row-header.xlsx"), None, &[]).unwrap();
    assert_eq!(
        source.table.row_number(source.mapping.header_row.unwrap()),
        3
    );
    assert_eq!(source.mapping.column_of(ImportField::Lead), Some(2));
    assert_eq!(source.mapping.column_of(ImportField::Cooperating), Some(3));
    let rows = source.rows().unwrap();
    let t = &rows.tasks;
    assert_eq!(t.len(), 4, "{t:#?}");
    assert_eq!(
        (t[0].number.as_str(), t[0].section.as_str()),
        ("1", "稳增长")
    );
    assert_eq!(
        (t[1].number.as_str(), t[1].section.as_str()),
        ("1-1", "稳增长")
    );
    assert_eq!(t[2].number, "2");
    assert_eq!(
        t[2].lead,
        vec!["市发改委"],
        "牵头单位：…；配合单位：… in one cell"
    );
    assert_eq!(t[2].cooperating, vec!["市财政局", "市自然资源和规划局"]);
    assert_eq!(t[3].section, "惠民生");
    assert_eq!(t[0].progress, "已建成8000座");
    assert_eq!(t[0].current, "8000");
    let (plan, _) = import::new_plan(&source, &rows, &options(2025)).unwrap();
    let first = plan.commitments.values().next().unwrap();
    assert_eq!(first.progress.len(), 1);
    let entry = &first.progress[0];
    assert_eq!(entry.problems, "选址难");
    assert_eq!(entry.next_steps, "加快审批");
    assert_eq!(entry.date, NaiveDate::from_ymd_opt(2025, 3, 15).unwrap());
    // No quantitative target (yet): the value is kept in the text, not lost.
    if first.kind.target().is_none() {
        assert!(entry.progress.contains("当前值：8000"), "{entry:?}");
    }
}

#[test]
fn gb18030_and_utf8_csv_read_alike() {
    let gb = tasks_of("breakdown-gb18030.csv");
    assert_eq!(gb, tasks_of("breakdown-utf8-bom.csv"));
    assert_eq!(gb.len(), 4);
    // 责任单位 alone: the first listed leads.
    assert_eq!(gb[0].3, vec!["市工信局"]);
    assert_eq!(gb[0].4, vec!["市通信管理局"]);
    // Empty 所属部分 and 责任单位 cells take the value above (no merges in CSV).
    assert_eq!(gb[1].2, "稳增长");
    assert_eq!(gb[1].3, vec!["市工信局"]);
    assert_eq!(gb[2].3, vec!["市人社局"]);
    assert_eq!(gb[2].4, vec!["市财政局"], "units on two lines of one cell");
    assert_eq!(gb[3].3, vec!["市住建局"], "X牵头，Y配合");
    assert_eq!(gb[3].4, vec!["各县（市、区）政府"]);
}

#[test]
fn a_word_table_with_spans_and_vertical_merges() {
    let source = Source::open(&fixture("breakdown-table.docx"), None, &[]).unwrap();
    assert_eq!(source.table.sheet, "表格1");
    let t = tasks_of("breakdown-table.docx");
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(t.iter().take(3).all(|x| x.2 == "扩大有效需求"));
    assert!(t.iter().take(3).all(|x| x.3 == vec!["市工信局"]), "{t:#?}");
    assert_eq!(t[1].4, vec!["市发改委", "市住建局"]);
    assert_eq!(t[3].3, vec!["市发改委"]);
    assert_eq!(t[3].4, vec!["市交通运输局"]);
}

fn error_of(name: &str, maps: &[MapSpec]) -> ImportError {
    match Source::open(&fixture(name), None, maps).and_then(|s| s.rows()) {
        Ok(rows) => panic!("{name}: expected an error, read {rows:#?}"),
        Err(e) => e,
    }
}

#[test]
fn bad_input_is_named_with_where_and_what() {
    let e = error_of("no-header.csv", &[]);
    assert!(matches!(e, ImportError::NoHeader { .. }), "{e}");
    assert!(
        e.to_string().contains("no-header.csv") && e.to_string().contains("重点任务"),
        "{e}"
    );
    let e = error_of("empty-sheet.xlsx", &[]);
    assert!(matches!(e, ImportError::EmptySheet { .. }), "{e}");
    assert!(e.to_string().contains("'空表'"), "{e}");
    let e = error_of("password.xlsx", &[]);
    assert!(matches!(e, ImportError::Password { .. }), "{e}");
    let e = error_of("damaged.xlsx", &[]);
    assert!(matches!(e, ImportError::Damaged { .. }), "{e}");
    let e = error_of("no-task-text.csv", &[]);
    let text = e.to_string();
    assert!(matches!(e, ImportError::NoTaskText { .. }), "{e}");
    assert!(
        text.contains("row 5") && text.contains("column C"),
        "{text}"
    );
    let e = Source::open(&fixture("breakdown-merged.xlsx"), Some("汇总"), &[]).unwrap_err();
    assert!(e.to_string().contains("任务分解表, 说明"), "{e}");
    let e = Source::open(
        &fixture("breakdown-merged.xlsx"),
        None,
        &["Q=task".parse().unwrap()],
    )
    .unwrap_err();
    assert!(e.to_string().contains("A–H"), "{e}");
}

#[test]
fn map_overrides_name_columns_by_letter_or_header() {
    let maps: Vec<MapSpec> = vec!["A=task".parse().unwrap()];
    let source = Source::open(&fixture("no-header.csv"), None, &maps).unwrap();
    assert_eq!(source.rows().unwrap().tasks.len(), 3);
    let maps: Vec<MapSpec> = vec!["备注=ignore".parse().unwrap(), "F=owner".parse().unwrap()];
    let source = Source::open(&fixture("breakdown-merged.xlsx"), None, &maps).unwrap();
    assert_eq!(source.mapping.columns[7].field, ImportField::Ignore);
    assert_eq!(source.rows().unwrap().tasks[1].owner, "张明");
}

#[test]
fn importing_into_a_plan_updates_instead_of_duplicating() {
    let mut plan = common::five_g_plan("太原");
    plan.year = 2025;
    // The same text as row 1 of the table, already in the plan.
    plan.commitments
        .get_mut(&commitments::model::CommitmentId(1))
        .unwrap()
        .source_quote = "年内5G基站达到1.4万座以上".to_owned();
    let source = Source::open(&fixture("breakdown-merged.xlsx"), None, &[]).unwrap();
    let rows = source.rows().unwrap();
    let outcome = import::build::plan_edits(&plan, &rows, &options(2025));
    assert_eq!(outcome.summary.added.len(), 5);
    assert_eq!(outcome.summary.updated.len(), 1);
    assert_eq!(outcome.summary.updated[0].id, 1);
    assert!(
        !outcome
            .summary
            .new_departments
            .iter()
            .any(|d| d.contains("工信局")),
        "市工信局 is the plan's 市工业和信息化局: {:?}",
        outcome.summary.new_departments
    );
    let before = plan.clone();
    let inverse = Edit::apply_group(outcome.edits, &mut plan).unwrap();
    assert_eq!(plan.commitments.len(), 6);
    assert_eq!(
        plan.commitments[&commitments::model::CommitmentId(1)].lead,
        Some(DeptId::new("gxj"))
    );
    // A second import of the same table changes nothing.
    let again = import::build::plan_edits(&plan, &rows, &options(2025));
    assert!(again.edits.is_empty(), "{:#?}", again.summary);
    assert_eq!(again.summary.unchanged.len(), 6);
    // And the whole import undoes as one.
    let mut undone = plan.clone();
    Edit::apply_group(inverse, &mut undone).unwrap();
    assert_eq!(undone, before);
}

// ---- the CLI ----

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_commitments"))
        .args(args)
        .env("COMMITMENTS_TODAY", "2025-03-15")
        .env("COMMITMENTS_DATA_DIR", dir.join("data"))
        .current_dir(dir)
        .output()
        .expect("run commitments");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_import_output_into_and_dry_run() {
    let dir = tempfile::tempdir().unwrap();
    let table = fixture("breakdown-merged.xlsx");
    let table = table.to_str().unwrap();
    let plan_path = dir.path().join("out/plan.ron");
    let plan_arg = plan_path.to_str().unwrap();

    let (code, out, err) = run(
        dir.path(),
        &["import", table, "--output", plan_arg, "--dry-run"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("新增 6") && out.contains("dry run"), "{out}");
    assert!(!plan_path.exists(), "a dry run writes nothing");

    let (code, out, err) = run(dir.path(), &["import", table, "--output", plan_arg]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("header row 3"), "{out}");
    let plan: Plan = commitments::storage::load(&plan_path).unwrap();
    assert_eq!(plan.commitments.len(), 6);

    let (code, _, err) = run(dir.path(), &["import", table, "--output", plan_arg]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("exists") && err.trim().lines().count() == 1,
        "{err}"
    );

    let (code, out, err) = run(dir.path(), &["import", table, "--into", plan_arg]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("新增 0，更新 0，未变 6"), "{out}");
    assert_eq!(commitments::storage::load(&plan_path).unwrap(), plan);

    let csv = fixture("breakdown-gb18030.csv");
    let (code, out, err) = run(
        dir.path(),
        &[
            "import",
            csv.to_str().unwrap(),
            "--into",
            plan_arg,
            "--dry-run",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("新增 "), "{out}");
    assert_eq!(
        commitments::storage::load(&plan_path).unwrap(),
        plan,
        "dry run"
    );
}

#[test]
fn cli_errors_are_one_line_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.ron");
    let out = out.to_str().unwrap();
    for (file, extra, needle) in [
        ("password.xlsx", vec![], "password"),
        ("no-task-text.csv", vec![], "row 5, column C"),
        ("no-header.csv", vec![], "no header row"),
        (
            "breakdown-merged.xlsx",
            vec!["--map", "C=taks"],
            "expected a field",
        ),
        ("breakdown-merged.xlsx", vec!["--year", "25"], "--year"),
        (
            "breakdown-merged.xlsx",
            vec!["--sheet", "汇总"],
            "no sheet named",
        ),
    ] {
        let path = fixture(file);
        let mut args = vec!["import", path.to_str().unwrap(), "--output", out];
        args.extend(extra);
        let (code, _, err) = run(dir.path(), &args);
        assert_eq!(code, Some(2), "{file}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{file}: {err}");
        assert!(!Path::new(out).exists(), "nothing written for {file}");
    }
}
