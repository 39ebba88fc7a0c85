//! The Word documents at scale: a 督查通报 of 10,000 commitments (the 附件
//! table included) and 督办通知 for 60 lead departments, each from the plan
//! to the bytes of the `.docx` (snapshot, text, XML, zip).
//!
//! Run with `cargo bench --bench docx`. Targets: under 2 s each.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use commitments::export::Snapshot;
use commitments::export::docx::{self, BulletinOptions, NoticeOptions};
use commitments::generate::{Profile, generate};
use commitments::model::{Department, DeptId, Plan};
use commitments::pace::Light;
use commitments::query::Filter;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 7, 15).unwrap()
}

/// A generated plan whose commitments are led by 60 departments in turn.
fn sixty_departments(count: usize) -> Plan {
    let mut plan = generate(count, 42, Profile::Realistic);
    let ids: Vec<DeptId> = (0..60).map(|i| DeptId::new(format!("d{i:02}"))).collect();
    for (i, id) in ids.iter().enumerate() {
        plan.departments.insert(
            id.clone(),
            Department {
                id: id.clone(),
                name: format!("市第{}局", i + 1),
                short_name: format!("{}局", i + 1),
            },
        );
    }
    for (i, c) in plan.commitments.values_mut().enumerate() {
        c.lead = Some(ids[i % ids.len()].clone());
    }
    plan
}

fn documents(c: &mut Criterion) {
    let mut g = c.benchmark_group("docx");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .sampling_mode(SamplingMode::Flat);

    let plan = generate(10_000, 42, Profile::Realistic);
    g.bench_function("bulletin/10000", |b| {
        b.iter(|| {
            let s = Snapshot::build(&plan, &Filter::default(), as_of(), String::new());
            let doc = docx::bulletin(&s, &BulletinOptions::for_snapshot(&s));
            black_box(doc.to_bytes().unwrap().len())
        })
    });

    let plan = sixty_departments(3_000);
    let mut notices = 0;
    g.bench_function("notices/60-departments", |b| {
        b.iter(|| {
            let filter = Filter {
                lights: vec![Light::Red, Light::Yellow],
                lead_only: true,
                ..Filter::default()
            };
            let s = Snapshot::build(&plan, &filter, as_of(), String::new());
            let mut o = NoticeOptions::for_snapshot(&s);
            o.lights = vec![Light::Red, Light::Yellow];
            let (list, _) = docx::notices(&s, &o);
            notices = list.len();
            let bytes: usize = list
                .iter()
                .map(|n| n.document.to_bytes().unwrap().len())
                .sum();
            black_box(bytes)
        })
    });
    eprintln!("notices written per run: {notices}");
    g.finish();
}

criterion_group!(benches, documents);
criterion_main!(benches);
