//! The exports as an office reads them (issue 13, items 11–15): 本月变化
//! names its dates, rates change by percentage points, levels and ranges are
//! judged as met or not, a department's report has its own sections, tables
//! have 合计 rows, the workbook prints readable with real dates, Markdown
//! writes lights as words.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;

use commitments::export::{self, Format, Snapshot, columns};
use commitments::model::{CommitmentId, DeptId, Plan, ProgressEntry};
use commitments::query::Filter;
use commitments::storage::paths;

const GDP: CommitmentId = CommitmentId(1);
const LIVE_BASES: CommitmentId = CommitmentId(46);

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn value(plan: &mut Plan, id: CommitmentId, on: &str, v: f64) {
    plan.commitments
        .get_mut(&id)
        .unwrap()
        .progress
        .push(ProgressEntry {
            date: date(on),
            value: Some(v),
            progress: String::new(),
            problems: String::new(),
            next_steps: String::new(),
            reporter: String::new(),
            evidence: Vec::new(),
        });
}

fn snapshot(plan: &Plan, filter: &Filter, as_of: &str) -> Snapshot {
    Snapshot::build(
        plan,
        filter,
        date(as_of),
        export::describe_filter(plan, filter),
    )
}

fn md(s: &Snapshot) -> String {
    String::from_utf8(Format::Markdown.to_bytes(s).unwrap()).unwrap()
}

fn html(s: &Snapshot) -> String {
    String::from_utf8(Format::Html.to_bytes(s).unwrap()).unwrap()
}

/// The Markdown table row of commitment `id` (first cell its id).
fn row_of(text: &str, id: CommitmentId) -> String {
    text.lines()
        .find(|l| l.starts_with(&format!("| {} |", id.0)))
        .unwrap_or_else(|| panic!("no row {id:?}"))
        .to_owned()
}

#[test]
fn changes_since_name_both_dates_and_a_newer_snapshot_is_refused() {
    let plan = paths::shipped_plan();
    let mut s = snapshot(&plan, &Filter::default(), "2023-07-15");
    s.add_changes_since(&plan, &plan, date("2023-06-30"))
        .unwrap();
    for text in [md(&s), html(&s)] {
        assert!(text.contains("2023年6月30日至7月15日"), "{text}");
        assert!(!text.contains("与上月相比没有变化"));
    }
    let mut s = snapshot(&plan, &Filter::default(), "2023-07-03");
    let e = s
        .add_changes_since(&plan, &plan, date("2023-07-10"))
        .unwrap_err();
    assert!(e.to_string().contains("2023-07-10"), "{e}");
    assert!(s.changes.is_none());
}

#[test]
fn a_rate_changes_by_percentage_points() {
    let mut old = paths::shipped_plan();
    value(&mut old, GDP, "2023-04-20", 5.8);
    let mut new = old.clone();
    value(&mut new, GDP, "2023-07-10", 6.1);
    let mut s = snapshot(&new, &Filter::default(), "2023-07-15");
    s.add_changes_since(&old, &new, date("2023-06-30")).unwrap();
    let line = s
        .changes
        .unwrap()
        .into_iter()
        .find(|c| c.id == GDP.0 && c.what.contains("当前值"))
        .unwrap();
    assert!(line.what.contains("+0.3个百分点"), "{}", line.what);
    assert!(!line.what.contains("+0.3%"), "{}", line.what);
}

#[test]
fn a_level_shows_its_value_against_the_target_and_a_range_met_is_done() {
    let mut plan = paths::shipped_plan();
    value(&mut plan, GDP, "2023-06-30", 5.8);
    value(&mut plan, LIVE_BASES, "2023-06-30", 4.0);
    let text = md(&snapshot(&plan, &Filter::default(), "2023-07-15"));
    let gdp = row_of(&text, GDP);
    assert!(gdp.contains("5.8% / 目标"), "{gdp}");
    assert!(gdp.contains("未达标"), "{gdp}");
    assert!(!gdp.contains("完成8") && !gdp.contains("完成9"), "{gdp}");
    let bases = row_of(&text, LIVE_BASES);
    assert!(bases.contains("完成，"), "{bases}");
    assert!(!bases.contains("133"), "{bases}");
}

#[test]
fn a_departments_report_has_led_and_cooperating_sections() {
    let plan = paths::shipped_plan();
    let gxj = DeptId::new("gxj");
    let filter = Filter {
        departments: vec![gxj.clone()],
        ..Filter::default()
    };
    let led = plan
        .commitments
        .values()
        .filter(|c| c.lead.as_ref() == Some(&gxj))
        .count();
    let cooperating = plan
        .commitments
        .values()
        .filter(|c| c.lead.as_ref() != Some(&gxj) && c.cooperating.contains(&gxj))
        .count();
    assert!(led > 0 && cooperating > 0);
    for text in [
        md(&snapshot(&plan, &filter, "2023-07-15")),
        html(&snapshot(&plan, &filter, "2023-07-15")),
    ] {
        assert!(text.contains(&format!("牵头的 {led} 项")), "{text}");
        assert!(text.contains(&format!("配合的 {cooperating} 项")));
        assert!(
            !text.contains("市发展和改革委员会（牵头"),
            "no other department's heading"
        );
    }
}

#[test]
fn html_and_markdown_tally_tables_have_a_total_row() {
    let plan = paths::shipped_plan();
    let s = snapshot(&plan, &Filter::default(), "2023-07-15");
    let text = md(&s);
    let n = plan.commitments.len();
    let totals: Vec<&str> = text.lines().filter(|l| l.starts_with("| 合计 |")).collect();
    // The overview's counts, the lead departments and the sections.
    assert!(totals.len() >= 2, "{totals:?}");
    for t in &totals[..] {
        assert!(t.contains(&format!("| {n} |")), "{t}");
    }
    assert!(html(&s).contains(">合计<"));
}

#[test]
fn the_workbook_prints_text_and_dates_without_raw_numbers_or_noise() {
    let mut plan = paths::shipped_plan();
    // 0.942 of 1000亿: a share that float arithmetic makes noisy.
    let money = CommitmentId(73);
    value(&mut plan, money, "2023-07-01", 94_200_000_000.0);
    let s = snapshot(&plan, &Filter::default(), "2023-07-15");
    let bytes = Format::Xlsx.to_bytes(&s).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let detail = book.worksheet_range("明细").unwrap();
    let headers: Vec<String> = (0..detail.width())
        .map(|c| detail.get_value((0, c as u32)).unwrap().to_string())
        .collect();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let printed = columns::printed_columns();
    for raw in ["目标值", "当前数值"] {
        assert!(at(raw) >= printed, "{raw} is off the printed page");
    }
    assert!(at("完成时限") < printed);
    let row = (1..detail.height())
        .find(|r| detail.get_value((*r as u32, 0)) == Some(&Data::Float(73.0)))
        .unwrap() as u32;
    match detail.get_value((row, at("完成时限") as u32)).unwrap() {
        Data::DateTime(d) => assert!(d.is_datetime()),
        other => panic!("完成时限 is a date cell, found {other:?}"),
    }
    match detail.get_value((row, at("填报日期") as u32)).unwrap() {
        Data::DateTime(_) => {}
        other => panic!("填报日期 is a date cell, found {other:?}"),
    }
    let Data::Float(share) = detail.get_value((row, at("完成进度") as u32)).unwrap() else {
        panic!("完成进度 is a number");
    };
    assert_eq!(format!("{share}"), "0.942", "no float noise");
    // The printed columns fit A4 landscape at 9 pt or more: their widths
    // (in characters of the 11 pt default font) within the page at 9/11.
    assert!(printed <= 17, "{printed} printed columns");
}

#[test]
fn csv_writes_dates_and_numbers_plainly() {
    let mut plan = paths::shipped_plan();
    value(&mut plan, CommitmentId(73), "2023-07-01", 94_200_000_000.0);
    let s = snapshot(&plan, &Filter::default(), "2023-07-15");
    let text = String::from_utf8(Format::Csv.to_bytes(&s).unwrap()).unwrap();
    assert!(text.contains("2023-12-31"));
    assert!(!text.contains("0000000001"), "no float noise");
    assert!(columns::clean_float(0.9420000000000001) == 0.942);
}
