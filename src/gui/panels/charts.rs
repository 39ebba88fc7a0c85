//! Charts (egui_plot): a quantitative commitment's recorded values against
//! its expected pace line, a milestone's sub-milestones on a time line, and
//! the plan's commitments done over time. X is days from the plan's start.

use chrono::{Datelike, Days, Months, NaiveDate};
use egui::Ui;
use egui_plot::{GridInput, GridMark, HLine, Legend, Line, Plot, PlotPoints, Points, VLine};

use commitments::display::report_style;
use commitments::model::{Commitment, CommitmentId, Kind, Plan};

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
        .x_grid_spacer(move |input| month_marks(plan, input))
        .x_axis_formatter(move |mark, _| {
            date_of(plan, mark.value)
                .map(|d| d.format("%m-%d").to_string())
                .unwrap_or_default()
        })
}

/// Grid lines and ticks on the first of each month in view (fewer when the
/// plot is narrow: every second, third or sixth month), never on odd dates.
pub fn month_marks(plan: &Plan, input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let (Some(first), Some(last)) = (date_of(plan, lo.max(0.0)), date_of(plan, hi.max(0.0))) else {
        return Vec::new();
    };
    // input.base_step_size is the smallest readable step in days.
    let every = match input.base_step_size {
        s if s <= 3.0 => 1,
        s if s <= 6.0 => 2,
        s if s <= 9.0 => 3,
        _ => 6,
    };
    let mut month = first.with_day(1).unwrap_or(first);
    let mut marks = Vec::new();
    while month <= last {
        let x = day(plan, month);
        if x >= lo && month.month0() % every == 0 {
            marks.push(GridMark {
                value: x,
                step_size: 30.0 * every as f64,
            });
        }
        match month.checked_add_months(Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    marks
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

/// The cumulative count of `ids` done, as plot points: a step line that
/// stays flat until a date and rises there (never a ramp between dates).
pub fn done_points(
    plan: &Plan,
    ids: impl Iterator<Item = CommitmentId>,
    as_of: NaiveDate,
) -> Vec<[f64; 2]> {
    let mut dates: Vec<NaiveDate> = ids
        .filter_map(|id| plan.commitments.get(&id))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_with_one_done_on(date: NaiveDate) -> Plan {
        let mut plan: Plan = commitments::storage::paths::shipped_plan();
        let id = *plan.commitments.keys().next().unwrap();
        let edit = plan.tick(id, date).unwrap();
        edit.apply(&mut plan).unwrap();
        plan
    }

    #[test]
    fn one_done_on_07_15_is_a_step_not_a_ramp() {
        let d = NaiveDate::from_ymd_opt(2023, 7, 15).unwrap();
        let plan = plan_with_one_done_on(d);
        let ids: Vec<_> = plan.commitments.keys().copied().collect();
        let points = done_points(&plan, ids.into_iter(), d);
        let x = day(&plan, d);
        // Flat at 0 until 07-15, straight up there.
        for pair in points.windows(2) {
            let ([x0, y0], [x1, y1]) = (pair[0], pair[1]);
            assert!(y0 == y1 || x0 == x1, "a ramp from {x0},{y0} to {x1},{y1}");
        }
        assert!(points.contains(&[x, 0.0]) && points.contains(&[x, 1.0]));
    }

    #[test]
    fn ticks_fall_on_month_starts() {
        let plan = plan_with_one_done_on(NaiveDate::from_ymd_opt(2023, 7, 15).unwrap());
        let marks = month_marks(
            &plan,
            GridInput {
                bounds: (0.0, 364.0),
                base_step_size: 2.0,
            },
        );
        assert_eq!(marks.len(), 12);
        for m in marks {
            assert_eq!(date_of(&plan, m.value).unwrap().day(), 1);
        }
    }
}
