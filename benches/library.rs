//! The library at scale: load (parse and check the text of a plan file),
//! check (semantic problems), index, filter and sort a ledger, and save, for
//! generated plans of 1,000, 10,000 and 100,000 commitments.
//!
//! Run with `cargo bench --bench library`. Sample sizes are small so that the
//! whole run takes a few minutes on two cores.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use commitments::generate::{Profile, generate};
use commitments::model::{DeptId, Plan};
use commitments::query::{Filter, LedgerIndex, SortKey, select};
use commitments::storage::{self, format::to_ron, load::parse_checked};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 7, 1).unwrap()
}

/// 工信局's commitments mentioning 5G: a department and a search together.
fn filter() -> Filter {
    Filter {
        departments: vec![DeptId::new("gxj")],
        search: "5g".to_owned(),
        ..Filter::default()
    }
}

fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        // One iteration of the largest plans takes seconds: same count per sample.
        .sampling_mode(SamplingMode::Flat);
    g
}

fn plans() -> Vec<(usize, Plan, String)> {
    SIZES
        .iter()
        .map(|&n| {
            let plan = generate(n, 42, Profile::Realistic);
            let text = to_ron(&plan).unwrap();
            eprintln!(
                "{n} commitments: {:.1} MB of RON",
                text.len() as f64 / 1_000_000.0
            );
            (n, plan, text)
        })
        .collect()
}

fn library(c: &mut Criterion) {
    let plans = plans();
    let path = Path::new("bench.ron");

    let mut g = group(c, "load");
    for (n, _, text) in &plans {
        g.bench_function(n.to_string(), |b| {
            b.iter(|| parse_checked(black_box(text), path).unwrap())
        });
    }
    g.finish();

    let mut g = group(c, "check");
    for (n, plan, _) in &plans {
        g.bench_function(n.to_string(), |b| {
            b.iter(|| {
                let problems = black_box(plan).problems();
                assert!(problems.is_empty());
                problems
            })
        });
    }
    g.finish();

    // Assessing and indexing every commitment: once per plan and as-of
    // date in the window; after an edit only what it touched is redone.
    let mut g = group(c, "index");
    for (n, plan, _) in &plans {
        g.bench_function(n.to_string(), |b| {
            b.iter(|| LedgerIndex::build(black_box(plan), as_of()))
        });
    }
    g.finish();

    // What the window does when a filter changes: filter, count every facet
    // and sort, on the index it keeps (search texts and the sort order
    // prepared by earlier frames). The search alternates between two texts
    // that do not narrow each other, so every commitment is searched again.
    let mut g = group(c, "filter_sort");
    let filter = filter();
    let other = Filter {
        search: "基站".to_owned(),
        ..filter.clone()
    };
    for (n, plan, _) in &plans {
        let mut index = LedgerIndex::build(plan, as_of());
        let found = index.select(plan, &filter, SortKey::Due, false).rows.len();
        eprintln!("{n} commitments: the filter keeps {found}");
        let mut flip = false;
        g.bench_function(n.to_string(), |b| {
            b.iter(|| {
                flip = !flip;
                let f = if flip { &other } else { &filter };
                index.select(black_box(plan), f, SortKey::Due, false)
            })
        });
    }
    g.finish();

    // The CLI's one-shot path: assess, index (search texts included) and filter.
    let mut g = group(c, "select_one_shot");
    for (n, plan, _) in &plans {
        g.bench_function(n.to_string(), |b| {
            b.iter(|| select(black_box(plan), &filter, as_of()))
        });
    }
    g.finish();

    let mut g = group(c, "save");
    for (n, plan, _) in &plans {
        let dir = tempfile::tempdir_in(std::env::temp_dir()).unwrap();
        let file = dir.path().join("plan.ron");
        g.bench_function(n.to_string(), |b| {
            b.iter(|| storage::save(black_box(plan), &file).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, library);
criterion_main!(benches);
