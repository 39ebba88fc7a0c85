//! One full UI frame of the real app (its own `frame` on a headless egui
//! context, tessellation included) with 10,000 and 100,000 commitments.
//!
//! The GUI lives in the binary, so its modules are compiled in here by path.

#![allow(dead_code, unused_imports)]

#[path = "../src/gui/mod.rs"]
mod gui;
#[path = "../src/i18n/mod.rs"]
mod i18n;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use commitments::generate::{Profile, generate};

fn raw_input(frame: u64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        time: Some(frame as f64 / 60.0),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("ui_frame");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for n in [10_000usize, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        commitments::storage::save(&generate(n, 7, Profile::Realistic), &path).unwrap();
        let ctx = egui::Context::default();
        gui::install_look(&ctx);
        let mut app = gui::App::with_prefs(
            ctx.clone(),
            Default::default(),
            gui::Launch {
                file: Some(path.clone()),
                data_dir: Some(dir.path().to_owned()),
            },
        );
        let mut frame = 0;
        // A large plan is read on a worker thread: wait until it is open.
        while app.doc.is_none() {
            assert!(app.load_failure.is_none(), "the plan did not open");
            frame += 1;
            let out = ctx.run_ui(raw_input(frame), |ui| app.frame(ui));
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
            std::thread::sleep(Duration::from_millis(10));
        }
        // A commitment open in the detail panel, as people work.
        app.state.selected = Some(commitments::model::CommitmentId(1));
        // Warm up: fonts, layout caches, the ledger view.
        for _ in 0..3 {
            frame += 1;
            let out = ctx.run_ui(raw_input(frame), |ui| app.frame(ui));
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        }
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| {
                frame += 1;
                let out = ctx.run_ui(raw_input(frame), |ui| app.frame(ui));
                black_box(ctx.tessellate(out.shapes, out.pixels_per_point))
            })
        });
        // A frame right after the filter changed: the ledger is filtered,
        // sorted and counted again (typing in the search box, ticking a filter).
        let gxj = commitments::model::DeptId::new("gxj");
        let mut flip = false;
        group.bench_function(format!("{n}/after_filter_change"), |b| {
            b.iter(|| {
                flip = !flip;
                frame += 1;
                app.prefs.filter.departments = if flip { vec![gxj.clone()] } else { Vec::new() };
                let out = ctx.run_ui(raw_input(frame), |ui| app.frame(ui));
                black_box(ctx.tessellate(out.shapes, out.pixels_per_point))
            })
        });
        // The first search after an edit also indexes the text (pinyin included).
        let mut typed = 0u32;
        group.bench_function(format!("{n}/search_after_edit"), |b| {
            b.iter(|| {
                typed += 1;
                frame += 1;
                app.prefs.filter.search = if typed.is_multiple_of(2) {
                    "gxj".into()
                } else {
                    "基站".into()
                };
                // An edit moves the revision, so the search index is rebuilt.
                app.doc
                    .as_mut()
                    .unwrap()
                    .apply(
                        "action.edit_owner",
                        vec![commitments::model::Edit::SetField {
                            id: commitments::model::CommitmentId(1),
                            value: commitments::model::FieldValue::Owner(format!("张{typed}")),
                        }],
                        None,
                    )
                    .unwrap();
                let out = ctx.run_ui(raw_input(frame), |ui| app.frame(ui));
                black_box(ctx.tessellate(out.shapes, out.pixels_per_point))
            })
        });
        app.flush();
        drop(app);
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
