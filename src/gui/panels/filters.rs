//! The left panel: filters with live counts. Several values in one group
//! are OR'ed; groups are AND'ed.

use std::hash::Hash;

use egui::Ui;

use commitments::model::Plan;
use commitments::model::Status;
use commitments::pace::{Light, Pace};
use commitments::query::Filter;
use commitments::query::{DueWindow, KindFilter, Review};

use super::super::app::App;
use super::super::commands::{Action, Command};
use super::super::theme;
use super::super::widgets::UiExt;
use crate::i18n::{Lang, label, t};

pub fn show(ui: &mut Ui, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(doc) = &app.doc else { return };
    let plan = doc.plan();
    let counts = &app.view.counts;
    let filter = &mut app.prefs.filter;
    egui::Panel::left("filters")
        .resizable(true)
        .default_size(theme::FILTER_PANEL_WIDTH)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(t(lang, "filters.title"));
                if !filter.is_empty() && ui.small_button(t(lang, "cmd.clear_filters")).clicked() {
                    actions.push(Action::Run(Command::ClearFilters));
                }
            });
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.section_heading(t(lang, "filters.status"));
                    for s in Status::ALL {
                        toggle(
                            ui,
                            &mut filter.statuses,
                            s,
                            label::status(lang, s),
                            counts.statuses.get(&s),
                        );
                    }
                    ui.section_heading(t(lang, "filters.light"));
                    for l in Light::ALL {
                        ui.horizontal(|ui| {
                            ui.light_dot(lang, l);
                            toggle(
                                ui,
                                &mut filter.lights,
                                l,
                                label::light(lang, l),
                                counts.lights.get(&l),
                            );
                        });
                    }
                    ui.section_heading(t(lang, "filters.due"));
                    for w in DueWindow::ALL {
                        toggle(
                            ui,
                            &mut filter.due,
                            w,
                            label::due_window(lang, w),
                            counts.due.get(&w),
                        );
                    }
                    // Shown while applications wait (or the filter asks for them).
                    if !counts.review.is_empty() || !filter.review.is_empty() {
                        ui.section_heading(t(lang, "filters.review"));
                        for r in Review::ALL {
                            toggle(
                                ui,
                                &mut filter.review,
                                r,
                                label::review(lang, r),
                                counts.review.get(&r),
                            );
                        }
                    }
                    ui.section_heading(t(lang, "filters.kind"));
                    for k in KindFilter::ALL {
                        toggle(
                            ui,
                            &mut filter.kinds,
                            k,
                            label::kind(lang, k),
                            counts.kinds.get(&k),
                        );
                    }
                    ui.section_heading(t(lang, "filters.department"));
                    if ui
                        .checkbox(&mut filter.lead_only, t(lang, "filters.lead_only"))
                        .changed()
                        && filter.lead_only
                    {
                        filter.cooperating_only = false;
                    }
                    if ui
                        .checkbox(
                            &mut filter.cooperating_only,
                            t(lang, "filters.cooperating_only"),
                        )
                        .changed()
                        && filter.cooperating_only
                    {
                        filter.lead_only = false;
                    }
                    let mut depts: Vec<_> = plan.departments.values().collect();
                    // Busiest departments first; the rest by name.
                    depts.sort_by(|a, b| {
                        let ca = counts.departments.get(&a.id).copied().unwrap_or(0);
                        let cb = counts.departments.get(&b.id).copied().unwrap_or(0);
                        cb.cmp(&ca).then_with(|| a.short_name.cmp(&b.short_name))
                    });
                    for d in depts {
                        toggle(
                            ui,
                            &mut filter.departments,
                            d.id.clone(),
                            &d.short_name,
                            counts.departments.get(&d.id),
                        )
                        .on_hover_text(&d.name);
                    }
                    ui.section_heading(t(lang, "filters.section"));
                    for s in &app.view.sections {
                        let count = counts.sections.get(s);
                        toggle(ui, &mut filter.sections, s.clone(), s, count);
                    }
                    // 序时: set by a number on the dashboard, shown and removable here.
                    ui.section_heading(t(lang, "filters.pace"));
                    for p in Pace::ALL {
                        let mut on = filter.paces.contains(&p);
                        if ui.checkbox(&mut on, label::pace(lang, p)).changed() {
                            if on {
                                filter.paces.push(p);
                            } else {
                                filter.paces.retain(|x| *x != p);
                            }
                        }
                    }
                });
        });
}

/// A checkbox that adds or removes `value` in a filter group, with its count.
fn toggle<T: PartialEq + Clone + Hash>(
    ui: &mut Ui,
    group: &mut Vec<T>,
    value: T,
    text: &str,
    count: Option<&usize>,
) -> egui::Response {
    let mut on = group.contains(&value);
    let count = count.copied().unwrap_or(0);
    let label = format!("{text} ({count})");
    let r = ui.checkbox(&mut on, label);
    if r.changed() {
        if on {
            group.push(value);
        } else {
            group.retain(|v| v != &value);
        }
    }
    r
}

/// The filter in force in words, for the dashboard's heading and the count
/// above the ledger: "工信局；欠序时、逾期" (`None` when nothing is filtered).
pub fn describe(lang: Lang, plan: &Plan, filter: &Filter) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let join = |items: Vec<String>| items.join(t(lang, "filters.or"));
    if !filter.departments.is_empty() {
        let names = join(
            filter
                .departments
                .iter()
                .map(|d| plan.dept_short_name(d).to_owned())
                .collect(),
        );
        let role = if filter.lead_only {
            t(lang, "filters.lead_only")
        } else if filter.cooperating_only {
            t(lang, "filters.cooperating_only")
        } else {
            ""
        };
        parts.push(if role.is_empty() {
            names
        } else {
            format!("{names}（{role}）")
        });
    }
    if !filter.statuses.is_empty() {
        parts.push(join(
            filter
                .statuses
                .iter()
                .map(|s| label::status(lang, *s).to_owned())
                .collect(),
        ));
    }
    if !filter.lights.is_empty() {
        parts.push(join(
            filter
                .lights
                .iter()
                .map(|l| label::light(lang, *l).to_owned())
                .collect(),
        ));
    }
    if !filter.paces.is_empty() {
        parts.push(join(
            filter
                .paces
                .iter()
                .map(|p| label::pace(lang, *p).to_owned())
                .collect(),
        ));
    }
    if !filter.due.is_empty() {
        parts.push(join(
            filter
                .due
                .iter()
                .map(|w| label::due_window(lang, *w).to_owned())
                .collect(),
        ));
    }
    if !filter.review.is_empty() {
        parts.push(join(
            filter
                .review
                .iter()
                .map(|r| label::review(lang, *r).to_owned())
                .collect(),
        ));
    }
    if !filter.kinds.is_empty() {
        parts.push(join(
            filter
                .kinds
                .iter()
                .map(|k| label::kind(lang, *k).to_owned())
                .collect(),
        ));
    }
    if !filter.sections.is_empty() {
        parts.push(join(filter.sections.clone()));
    }
    if !filter.search.trim().is_empty() {
        parts.push(format!("“{}”", filter.search.trim()));
    }
    (!parts.is_empty()).then(|| parts.join(t(lang, "filters.and")))
}
