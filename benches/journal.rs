//! The change journal: appending a save's record (the cost a save pays,
//! flush included) to a journal of 1,000,000 records; opening checks only
//! its tail; the window's history indexes it off the UI thread and then
//! reads a page by seeking.

use std::hint::black_box;
use std::io::Write;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};

use commitments::journal::{self, Change, JournalIndex, LogFilter, Record};
use commitments::model::Plan;

const RECORDS: u64 = 1_000_000;

fn line(seq: u64) -> String {
    let r = Record {
        seq,
        at: "2023-07-01T09:30:00.000+08:00".into(),
        user: ["张三", "李四", "王五"][(seq % 3) as usize].into(),
        action: "填报进展".into(),
        changes: vec![Change {
            id: Some((seq % 800) as u32 + 1),
            dept: None,
            field: "owner".into(),
            old: serde_json::Value::String("张三".into()),
            new: serde_json::Value::String("李四".into()),
        }],
        rollback: None,
        note: String::new(),
    };
    serde_json::to_string(&r).unwrap()
}

fn big_journal(dir: &std::path::Path) -> (std::path::PathBuf, Plan) {
    let plan_path = dir.join("plan.ron");
    let jp = journal::journal_path(&plan_path);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&jp).unwrap());
    let mut last = String::new();
    for seq in 1..=RECORDS {
        last = line(seq);
        out.write_all(last.as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    let mut plan = Plan::new("计划", 2023);
    plan.journal.seq = RECORDS;
    plan.journal.last_seq = RECORDS;
    plan.journal.hash = commitments::model::stable_hash(last.as_bytes());
    (plan_path, plan)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (plan_path, plan) = big_journal(dir.path());

    c.bench_function("journal/check on open, 1M records", |b| {
        // The plan's mark is the journal's last record: only the tail is read.
        let mut plan = plan.clone();
        b.iter(|| black_box(journal::check(&plan_path, &mut plan, false)))
    });

    let mut group = c.benchmark_group("journal/history");
    group.sample_size(10);
    let jp = journal::journal_path(&plan_path);
    group.bench_function("index 1M records (worker thread)", |b| {
        b.iter(|| black_box(JournalIndex::build(&jp).unwrap().len()))
    });
    let index = JournalIndex::build(&jp).unwrap();
    group.bench_function("filter 1M records by user (worker thread)", |b| {
        let filter = LogFilter {
            user: Some("李四".into()),
            ..Default::default()
        };
        let cancel = AtomicBool::new(false);
        b.iter(|| black_box(index.matching(&filter, &cancel).len()))
    });
    group.finish();
    c.bench_function("journal/read the newest page of 1M (UI thread)", |b| {
        b.iter(|| {
            let lines = index.page_newest(0, 50);
            black_box(index.read(&lines).len())
        })
    });
    c.bench_function("journal/append one record to 1M (with flush)", |b| {
        let mut plan = plan.clone();
        b.iter(|| {
            let seq = plan.journal.last_seq + 1;
            plan.journal.pending.clear();
            plan.journal.pending.push((seq, line(seq)));
            plan.journal.last_seq = seq;
            journal::write_pending(&plan_path, &plan).unwrap();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
