//! The dashboard: totals by status and light, a table per lead (or
//! cooperating) department and per report section, and commitments done
//! over time. Every number is a button that filters the ledger to exactly
//! those commitments.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use commitments::model::{DeptId, Status};
use commitments::pace::Light;
use commitments::query::Filter;
use commitments::summary::{self, Bucket, Role, Tally};

use super::super::app::App;
use super::super::commands::Action;
use super::super::theme;
use super::super::widgets::UiExt;
use crate::i18n::{Lang, label, t, tr};

/// The dashboard's numbers, computed when the plan, the date or the role change.
#[derive(Default)]
pub struct DashboardCache {
    key: Option<(u64, usize, NaiveDate, Role, Filter)>,
    total: Tally,
    statuses: Vec<(Status, usize)>,
    lights: Vec<(Light, usize)>,
    departments: Vec<(DeptId, Tally)>,
    sections: Vec<(String, Tally)>,
    done_points: Vec<[f64; 2]>,
}

/// Each column: its bucket, the summary button's text, the table header.
const BUCKETS: [(Bucket, &str, &str); 5] = [
    (Bucket::Total, "dash.total", "dash.col_total"),
    (Bucket::Done, "dash.done", "dash.col_done"),
    (Bucket::OnPace, "dash.on_pace", "dash.col_on_pace"),
    (Bucket::Behind, "dash.behind", "dash.col_behind"),
    (Bucket::Overdue, "dash.overdue", "dash.col_overdue"),
];

pub fn show(ui: &mut Ui, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(doc) = &app.doc else { return };
    let plan = doc.plan();
    let role = app.prefs.dashboard_role;
    // The dashboard counts what the filter panel beside it selects.
    let current = app.prefs.filter.clone();
    let key = (
        doc.revision(),
        app.view.plan_id(),
        app.as_of,
        role,
        current.clone(),
    );
    let cache = &mut app.state.dashboard;
    if cache.key.as_ref() != Some(&key) {
        let rows = &app.view.rows;
        cache.total = summary::total(rows);
        cache.statuses = Status::ALL
            .map(|s| (s, rows.iter().filter(|r| r.assessment.status == s).count()))
            .to_vec();
        cache.lights = Light::ALL
            .map(|l| (l, rows.iter().filter(|r| r.assessment.light == l).count()))
            .to_vec();
        cache.departments = summary::by_department(plan, rows, role);
        cache.sections = summary::by_section(plan, rows);
        cache.done_points = super::charts::done_points(plan, rows.iter().map(|r| r.id), app.as_of);
        cache.key = Some(key);
    }
    let mut role_choice = role;
    let returns_period = &mut app.state.returns_period;
    egui::CentralPanel::default_margins().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading(tr(lang, "dash.heading", &[("date", &app.as_of)]));
                if let Some(words) = super::filters::describe(lang, plan, &current) {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(tr(
                                lang,
                                "dash.filtered",
                                &[
                                    ("filter", &words),
                                    ("shown", &app.view.rows.len()),
                                    ("total", &plan.commitments.len()),
                                ],
                            ))
                            .color(theme::LIGHT_BLUE),
                        );
                        if ui.small_button(t(lang, "cmd.clear_filters")).clicked() {
                            actions
                                .push(Action::Run(super::super::commands::Command::ClearFilters));
                        }
                    });
                }
                ui.horizontal_wrapped(|ui| {
                    for (bucket, key, _) in BUCKETS {
                        let n = cache.total.get(bucket);
                        if ui.button(tr(lang, key, &[("n", &n)])).clicked() {
                            actions.push(filter_to(Filter {
                                paces: bucket.paces(),
                                ..current.clone()
                            }));
                        }
                    }
                    ui.label(
                        RichText::new(tr(
                            lang,
                            "dash.done_rate",
                            &[("p", &format!("{:.0}", cache.total.done_percent()))],
                        ))
                        .color(theme::MUTED),
                    );
                    // 待审核: applications (销号 and 延期) waiting for the office.
                    let pending = plan
                        .commitments
                        .values()
                        .filter(|c| c.status == Status::ClosureRequested || c.extension.is_some())
                        .count();
                    if ui
                        .button(
                            RichText::new(tr(lang, "dashboard.pending_review", &[("n", &pending)]))
                                .color(theme::CLOSURE_PENDING),
                        )
                        .clicked()
                    {
                        actions.push(filter_to(Filter {
                            review: commitments::query::Review::ALL.to_vec(),
                            ..Default::default()
                        }));
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    for (s, n) in &cache.statuses {
                        if ui
                            .button(format!("{} {n}", label::status(lang, *s)))
                            .clicked()
                        {
                            actions.push(filter_to(Filter {
                                statuses: vec![*s],
                                ..current.clone()
                            }));
                        }
                    }
                    ui.separator();
                    for (l, n) in &cache.lights {
                        ui.light_dot(lang, *l);
                        if ui
                            .button(format!("{} {n}", label::light(lang, *l)))
                            .clicked()
                        {
                            actions.push(filter_to(Filter {
                                lights: vec![*l],
                                ..current.clone()
                            }));
                        }
                    }
                });
                ui.add_space(theme::GAP);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(t(lang, "dash.by_department")).strong());
                    ui.selectable_value(&mut role_choice, Role::Lead, t(lang, "dash.role_lead"));
                    ui.selectable_value(
                        &mut role_choice,
                        Role::Cooperating,
                        t(lang, "dash.role_cooperating"),
                    );
                });
                tally_table(
                    ui,
                    lang,
                    "dash_departments",
                    cache.departments.iter().map(|(d, tally)| {
                        let name = plan.dept_name(d).to_owned();
                        let base = Filter {
                            departments: vec![d.clone()],
                            lead_only: role == Role::Lead,
                            cooperating_only: role == Role::Cooperating,
                            ..current.clone()
                        };
                        (name, *tally, base)
                    }),
                    actions,
                );
                ui.add_space(theme::GAP);
                ui.label(RichText::new(t(lang, "dash.by_section")).strong());
                tally_table(
                    ui,
                    lang,
                    "dash_sections",
                    cache.sections.iter().map(|(s, tally)| {
                        let name = if s.is_empty() {
                            t(lang, "dash.no_section").to_owned()
                        } else {
                            s.clone()
                        };
                        (
                            name,
                            *tally,
                            Filter {
                                sections: vec![s.clone()],
                                ..current.clone()
                            },
                        )
                    }),
                    actions,
                );
                ui.add_space(theme::GAP);
                super::returns::status::section(ui, lang, plan, app.as_of, returns_period, actions);
                ui.add_space(theme::GAP);
                ui.label(RichText::new(t(lang, "dash.done_over_time")).strong());
                super::charts::done_over_time(ui, lang, plan, &cache.done_points, app.as_of);
            });
    });
    app.prefs.dashboard_role = role_choice;
}

fn filter_to(filter: Filter) -> Action {
    Action::ShowInLedger(Box::new(filter))
}

fn tally_table(
    ui: &mut Ui,
    lang: Lang,
    id: &str,
    rows: impl Iterator<Item = (String, Tally, Filter)>,
    actions: &mut Vec<Action>,
) {
    egui::Grid::new(id)
        .striped(true)
        .num_columns(7)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new(t(lang, "dash.col_name")).strong());
            for (_, _, key) in BUCKETS {
                ui.label(RichText::new(t(lang, key)).strong());
            }
            ui.label(RichText::new(t(lang, "dash.col_rate")).strong());
            ui.end_row();
            for (name, tally, base) in rows {
                ui.label(&name);
                for (bucket, _, column) in BUCKETS {
                    let n = tally.get(bucket);
                    let text = RichText::new(n.to_string());
                    let text = match bucket {
                        Bucket::Behind if n > 0 => text.color(theme::LIGHT_YELLOW).strong(),
                        Bucket::Overdue if n > 0 => text.color(theme::DANGER).strong(),
                        _ => text,
                    };
                    let button = ui.add_enabled(n > 0, egui::Button::new(text).small());
                    // Said in full for screen readers and tests: "工信局 · 欠序时 · 3".
                    let spoken = tr(
                        lang,
                        "dash.cell",
                        &[("name", &name), ("column", &t(lang, column)), ("n", &n)],
                    );
                    button.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, n > 0, &spoken)
                    });
                    if button.clicked() {
                        actions.push(filter_to(Filter {
                            paces: bucket.paces(),
                            ..base.clone()
                        }));
                    }
                }
                ui.label(format!("{:.0}%", tally.done_percent()));
                ui.end_row();
            }
        });
}
