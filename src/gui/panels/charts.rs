//! Charts (egui_plot): a quantitative commitment's recorded values against
//! its expected pace line, a milestone's sub-milestones on a time line, and
//! the plan's commitments done over time. X is days from the plan's start.

use chrono::{Days, NaiveDate};
use egui::Ui;
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints, Points, VLine};

use commitments::display::report_style;
use commitments::model::{Commitment, Kind, Plan};

use super::super::theme;
use crate::i18n::{Lang, t};

fn day(plan: &Plan, date: NaiveDate) -> f64 {
    (date - plan.period_start()).num_days() as f64
}

fn date_of(plan: &Plan, x: f64) -> Option<NaiveDate> {
    let days = x.round();
    if !(0.0..=36_500.0).contains(&days) {
        return None;
    }
    plan.period_start().checked_add_days(Days::new(days as u64))
}

fn base_plot<'a>(id: &'a str, plan: &'a Plan) -> Plot<'a> {
    Plot::new(id)
        .height(180.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .legend(Legend::default())
        .x_axis_formatter(move |mark, _| {
            date_of(plan, mark.value)
                .map(|d| d.format("%m-%d").to_string())
                .unwrap_or_default()
        })
}

/// Recorded values against the expected line; sub-milestones on a time line.
pub fn commitment(ui: &mut Ui, lang: Lang, plan: &Plan, c: &Commitment, as_of: NaiveDate) {
    let start = day(plan, plan.start_of(c));
    let due = day(plan, plan.due_of(c));
    match &c.kind {
        Kind::Quantitative(target) => {
            let unit = target.unit.clone();
            let base = target.baseline.unwrap_or(0.0);
            let recorded: Vec<[f64; 2]> = c
                .progress
                .iter()
                .filter_map(|e| e.value.map(|v| [day(plan, e.date), v]))
                .collect();
            base_plot("commitment_chart", plan)
                .include_y(base.min(0.0))
                .include_y(target.goal() * 1.1)
                .y_axis_formatter(move |mark, _| report_style(mark.value, &unit))
                .show(ui, |p| {
                    if target.cumulative {
                        p.line(
                            Line::new(
                                t(lang, "chart.expected"),
                                PlotPoints::new(vec![[start, base], [due, target.goal()]]),
                            )
                            .color(theme::MUTED)
                            .style(egui_plot::LineStyle::dashed_loose()),
                        );
                    }
                    p.hline(
                        HLine::new(t(lang, "chart.target"), target.goal())
                            .color(theme::LIGHT_GREEN),
                    );
                    p.vline(
                        VLine::new(t(lang, "chart.as_of"), day(plan, as_of))
                            .color(theme::LIGHT_BLUE),
                    );
                    if !recorded.is_empty() {
                        p.line(
                            Line::new(t(lang, "chart.recorded"), PlotPoints::new(recorded.clone()))
                                .color(theme::LIGHT_YELLOW),
                        );
                        p.points(
                            Points::new(t(lang, "chart.recorded"), PlotPoints::new(recorded))
                                .radius(3.5)
                                .color(theme::LIGHT_YELLOW),
                        );
                    }
                });
        }
        Kind::Milestone { sub_milestones } if !sub_milestones.is_empty() => {
            let done: Vec<[f64; 2]> = sub_milestones
                .iter()
                .enumerate()
                .filter(|(_, s)| s.done_on.is_some_and(|d| d <= as_of))
                .map(|(i, s)| [day(plan, s.due), i as f64 + 1.0])
                .collect();
            let open: Vec<[f64; 2]> = sub_milestones
                .iter()
                .enumerate()
                .filter(|(_, s)| s.done_on.is_none_or(|d| d > as_of))
                .map(|(i, s)| [day(plan, s.due), i as f64 + 1.0])
                .collect();
            base_plot("milestone_chart", plan).show(ui, |p| {
                p.vline(
                    VLine::new(t(lang, "chart.as_of"), day(plan, as_of)).color(theme::LIGHT_BLUE),
                );
                p.points(
                    Points::new(t(lang, "chart.step_done"), PlotPoints::new(done))
                        .radius(5.0)
                        .color(theme::LIGHT_GREEN),
                );
                p.points(
                    Points::new(t(lang, "chart.step_open"), PlotPoints::new(open))
                        .radius(5.0)
                        .color(theme::LIGHT_GREY),
                );
            });
        }
        _ => {}
    }
}

/// How many commitments were done by each date, up to `as_of`.
pub fn done_over_time(ui: &mut Ui, lang: Lang, plan: &Plan, points: &[[f64; 2]], as_of: NaiveDate) {
    base_plot("done_over_time", plan)
        .height(200.0)
        .include_y(0.0)
        .show(ui, |p| {
            p.vline(VLine::new(t(lang, "chart.as_of"), day(plan, as_of)).color(theme::LIGHT_BLUE));
            p.line(
                Line::new(
                    t(lang, "chart.done_count"),
                    PlotPoints::new(points.to_vec()),
                )
                .color(theme::LIGHT_GREEN),
            );
        });
}

/// The cumulative count of commitments done, as plot points (a step per date).
pub fn done_points(plan: &Plan, as_of: NaiveDate) -> Vec<[f64; 2]> {
    let mut dates: Vec<NaiveDate> = plan
        .commitments
        .values()
        .filter(|c| c.status_as_of(as_of) == commitments::model::Status::Done)
        .filter_map(|c| c.done_on)
        .filter(|d| *d <= as_of)
        .collect();
    dates.sort();
    let mut points = vec![[0.0, 0.0]];
    for (i, d) in dates.iter().enumerate() {
        let x = day(plan, *d);
        points.push([x, i as f64]);
        points.push([x, i as f64 + 1.0]);
    }
    points.push([day(plan, as_of.min(plan.period_end())), dates.len() as f64]);
    points
}
