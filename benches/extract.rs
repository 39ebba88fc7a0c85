//! The extractor on a real report: Tianjin's 2025 government work report
//! (about 16,000 characters; 45 KB) and a ~30,000-character text made of
//! Jiangsu's report (about 17,500 characters) plus Tianjin's.
//!
//! Run with `cargo bench --bench extract`. Target: a 30,000-character
//! report under 50 ms (release), so the review screen can re-run it as the
//! user edits the text.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use commitments::extract::{ExtractOptions, extract};
use criterion::{Criterion, criterion_group, criterion_main};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/extract")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bench(c: &mut Criterion) {
    let tianjin = fixture("tianjin-2025.txt");
    let jiangsu = fixture("jiangsu-2025.txt");
    let joined = format!("{jiangsu}\n{tianjin}");
    let mut thirty: String = joined.chars().take(30_000).collect();
    thirty.push('\n');
    let options = ExtractOptions { year: Some(2025) };
    let mut group = c.benchmark_group("extract");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("tianjin_2025", |b| {
        b.iter(|| black_box(extract(black_box(&tianjin), &options)))
    });
    group.bench_function("report_30000_chars", |b| {
        b.iter(|| black_box(extract(black_box(&thirty), &options)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
