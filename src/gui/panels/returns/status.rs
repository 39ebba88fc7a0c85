//! 报送情况 on the dashboard: for a chosen period, which departments have
//! returned, which returned late, which have not (催报).

use chrono::NaiveDate;
use egui::{RichText, Ui};

use commitments::model::Plan;
use commitments::returns::Period;
use commitments::returns::status::{self, Standing};

use super::super::super::commands::Action;
use super::super::super::theme;
use crate::i18n::{Lang, t, tr};

fn standing_key(s: Standing) -> &'static str {
    match s {
        Standing::OnTime => "standing.on_time",
        Standing::Late => "standing.late",
        Standing::Pending => "standing.pending",
        Standing::Overdue => "standing.overdue",
    }
}

/// The section; `period` is the one chosen (default: the month of `today`).
pub fn section(
    ui: &mut Ui,
    lang: Lang,
    plan: &Plan,
    today: NaiveDate,
    period: &mut Option<Period>,
    actions: &mut Vec<Action>,
) {
    let shown = period.unwrap_or_else(|| Period::of(today));
    ui.horizontal(|ui| {
        ui.label(RichText::new(t(lang, "dash.returns")).strong());
        if ui
            .small_button("◀")
            .on_hover_text(t(lang, "dash.returns_prev"))
            .clicked()
        {
            *period = Some(shown.previous());
        }
        ui.label(shown.to_string());
        if ui
            .small_button("▶")
            .on_hover_text(t(lang, "dash.returns_next"))
            .clicked()
        {
            *period = Some(shown.next());
        }
    });
    let s = status::status(plan, shown, today);
    if s.lines.is_empty() {
        ui.label(RichText::new(t(lang, "dash.returns_none")).color(theme::MUTED));
        return;
    }
    let done = s.count(Standing::OnTime) + s.count(Standing::Late);
    ui.label(tr(
        lang,
        "dash.returns_counts",
        &[
            ("done", &done),
            ("late", &s.count(Standing::Late)),
            ("missing", &(s.lines.len() - done)),
        ],
    ));
    let chase: Vec<&str> = s.chase_list().map(|l| l.name.as_str()).collect();
    if !chase.is_empty() {
        ui.label(
            RichText::new(tr(
                lang,
                "dash.returns_chase",
                &[("names", &chase.join("、"))],
            ))
            .color(theme::DANGER),
        );
    }
    egui::Grid::new("dash_returns")
        .striped(true)
        .num_columns(5)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for key in [
                "dash.returns_col_dept",
                "dash.returns_col_state",
                "dash.returns_col_date",
                "dash.returns_col_due",
                "dash.returns_col_rows",
            ] {
                ui.label(RichText::new(t(lang, key)).strong());
            }
            ui.end_row();
            for line in &s.lines {
                if ui.link(&line.name).clicked() {
                    actions.push(Action::FilterDepartment(line.department.clone()));
                }
                let colour = match line.standing {
                    Standing::OnTime => theme::LIGHT_GREEN,
                    Standing::Late => theme::LIGHT_YELLOW,
                    Standing::Pending => theme::MUTED,
                    Standing::Overdue => theme::DANGER,
                };
                ui.label(RichText::new(t(lang, standing_key(line.standing))).color(colour));
                ui.label(
                    line.returned_on
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "—".to_owned()),
                );
                ui.label(line.due.to_string());
                ui.label(line.rows.to_string());
                ui.end_row();
            }
        });
}
