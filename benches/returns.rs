//! Monthly returns at scale: 60 departments' forms for a 500-commitment plan
//! made, then the 60 filled returns read, checked and merged back (the
//! issue's target: both together under 5 s). The reference, measured in the
//! same run, is the plan's own xlsx export (`export --format xlsx`).
//!
//! Run with `cargo bench --bench returns`.

#[path = "../tests/common/fill_xlsx.rs"]
mod fill_xlsx;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use commitments::export::{Format, Snapshot};
use commitments::generate::{Profile, generate};
use commitments::model::{Department, DeptId, Plan};
use commitments::query::Filter;
use commitments::returns::make::{MakeOptions, make};
use commitments::returns::merge::{self, PreviewOptions, Selection};
use commitments::returns::{Period, form, read};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use fill_xlsx::Cell;

fn period() -> Period {
    Period::parse("2023-05").unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 5, d).unwrap()
}

/// A generated plan of 500 commitments, with departments added until 60
/// carry commitments (as cooperating departments, round robin).
fn plan() -> Plan {
    let mut plan = generate(500, 42, Profile::Realistic);
    let mut extra = Vec::new();
    for i in plan.departments.len()..60 {
        let id = DeptId::new(format!("x{i}"));
        plan.departments.insert(
            id.clone(),
            Department {
                id: id.clone(),
                name: format!("市第{i}局"),
                short_name: format!("{i}局"),
            },
        );
        extra.push(id);
    }
    for (n, c) in plan.commitments.values_mut().enumerate() {
        let d = &extra[n % extra.len()];
        if c.lead.as_ref() != Some(d) && !c.cooperating.contains(d) {
            c.cooperating.push(d.clone());
        }
    }
    plan
}

fn options(force: bool) -> MakeOptions {
    MakeOptions {
        period: period(),
        departments: Vec::new(),
        due: None,
        made_on: day(10),
        force,
    }
}

/// Every row of every form filled in: a note, a reporter, and for
/// quantitative rows the value already recorded (so no row has a problem).
fn fill_all(plan: &Plan, files: &[PathBuf]) {
    for path in files {
        let found = read::read(path).unwrap();
        let mut cells = vec![(form::DATE_ROW, form::DATE_COL, Cell::Text("2023-05-20"))];
        for row in &found.rows {
            let id: u32 = row.seen.id.parse().unwrap();
            let c = &plan.commitments[&commitments::model::CommitmentId(id)];
            if let (Some((_, factor)), Some((_, v))) =
                (form::entry_unit(c), c.value_as_of(period().last_day()))
            {
                cells.push((row.sheet_row, form::COL_VALUE, Cell::Num(v / factor)));
            }
            cells.push((
                row.sheet_row,
                form::COL_NOTE,
                Cell::Text("按计划推进，本月完成阶段任务。"),
            ));
            cells.push((row.sheet_row, form::COL_REPORTER, Cell::Text("王五")));
        }
        let bytes = std::fs::read(path).unwrap();
        std::fs::write(path, fill_xlsx::set_cells(&bytes, 1, &cells)).unwrap();
    }
}

fn returns(c: &mut Criterion) {
    let plan = plan();
    let forms_dir = tempfile::tempdir().unwrap();
    let made = make(&plan, &options(false), forms_dir.path()).unwrap();
    let rows: usize = made.iter().map(|m| m.rows).sum();
    eprintln!(
        "{} commitments, {} forms, {rows} rows",
        plan.commitments.len(),
        made.len()
    );
    assert_eq!(made.len(), 60);
    let files: Vec<PathBuf> = made.iter().map(|m| m.path.clone()).collect();
    fill_all(&plan, &files);
    let preview_options = PreviewOptions {
        merged_on: day(26),
        expected_period: None,
    };
    let check = merge::preview_files(&plan, &files, &preview_options);
    let selection = Selection::without_problems(&check);
    let left_out = check.left_out(&selection);
    eprintln!("left out: {left_out}");

    let mut g = c.benchmark_group("returns");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .sampling_mode(SamplingMode::Flat);
    let out = tempfile::tempdir().unwrap();
    g.bench_function("make_60_forms", |b| {
        b.iter(|| make(black_box(&plan), &options(true), out.path()).unwrap())
    });
    g.bench_function("merge_60_returns", |b| {
        b.iter(|| {
            let p = merge::preview_files(black_box(&plan), &files, &preview_options);
            let s = Selection::without_problems(&p);
            merge::apply(&plan, &p, &s, day(26)).unwrap()
        })
    });
    g.bench_function("make_and_merge", |b| {
        b.iter(|| {
            make(black_box(&plan), &options(true), out.path()).unwrap();
            let p = merge::preview_files(&plan, &files, &preview_options);
            let s = Selection::without_problems(&p);
            merge::apply(&plan, &p, &s, day(26)).unwrap()
        })
    });
    let snapshot = Snapshot::build(&plan, &Filter::default(), day(31), String::new());
    g.bench_function("reference_xlsx_export", |b| {
        b.iter(|| Format::Xlsx.to_bytes(black_box(&snapshot)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, returns);
criterion_main!(benches);
