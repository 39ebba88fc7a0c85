//! A small month-grid date picker that speaks the window's language
//! (egui_extras' picker is English only: July, Mo/Tu, Cancel, Save).
//! A button shows the date; clicking it opens a month with ◀ ▶, the
//! weekdays from Monday, and 今天 / Today. Clicking a day picks it.

use chrono::{Datelike, Months, NaiveDate};
use egui::{Id, RichText, Ui};

use super::super::theme;
use crate::i18n::{Lang, t, tr};

/// Where the app keeps the window's language for widgets that have no
/// other way to learn it (set once per frame by the app).
const LANG_KEY: &str = "commitments.lang";

/// Records the window's language for this frame's widgets.
pub fn set_lang(ctx: &egui::Context, lang: Lang) {
    ctx.data_mut(|d| d.insert_temp(Id::unique(LANG_KEY), lang));
}

/// The window's language, as recorded by [`set_lang`] (Chinese by default).
pub fn lang(ctx: &egui::Context) -> Lang {
    ctx.data(|d| d.get_temp(Id::unique(LANG_KEY)))
        .unwrap_or_default()
}

/// The heading of a month: 2023年7月 / July 2023.
pub fn month_title(lang: Lang, month: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::Zh => format!("{}年{}月", month.year(), month.month()),
        Lang::En => format!("{} {}", MONTHS[month.month0() as usize], month.year()),
    }
}

/// The weekday headings, Monday first.
pub fn weekdays(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => ["一", "二", "三", "四", "五", "六", "日"],
        Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    }
}

/// The days shown for a month, in rows of seven from Monday (`None` pads).
pub fn month_grid(month: NaiveDate) -> Vec<[Option<NaiveDate>; 7]> {
    let first = month.with_day(1).unwrap_or(month);
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut cells: Vec<Option<NaiveDate>> = vec![None; lead];
    let mut d = first;
    while d.month() == first.month() {
        cells.push(Some(d));
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    cells
        .chunks(7)
        .map(|w| [w[0], w[1], w[2], w[3], w[4], w[5], w[6]])
        .collect()
}

/// A date field: returns the new date when the user picks another.
pub fn date_picker(ui: &mut Ui, id_salt: &str, date: NaiveDate) -> Option<NaiveDate> {
    let lang = lang(ui.ctx());
    let id = ui.make_persistent_id(("date_picker", id_salt));
    let button = ui
        .button(date.format("%Y-%m-%d").to_string())
        .on_hover_text(t(lang, "date.pick"));
    let month_id = id.with("month");
    let open_id = id.with("open");
    // The popup's open state is our own (not egui's shared popup memory,
    // which menus use too).
    let mut open: bool = ui.data(|d| d.get_temp(open_id)).unwrap_or(false);
    if button.clicked() {
        open = !open;
        ui.data_mut(|d| d.insert_temp(month_id, date.with_day(1).unwrap_or(date)));
    }
    let mut picked = None;
    let mut close = false;
    egui::Popup::from_response(&button)
        .open_bool(&mut open)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let mut month: NaiveDate = ui
                .data(|d| d.get_temp(month_id))
                .unwrap_or_else(|| date.with_day(1).unwrap_or(date));
            ui.horizontal(|ui| {
                if ui
                    .small_button("◀")
                    .on_hover_text(t(lang, "date.previous_month"))
                    .clicked()
                {
                    month = month.checked_sub_months(Months::new(1)).unwrap_or(month);
                }
                ui.label(RichText::new(month_title(lang, month)).strong());
                if ui
                    .small_button("▶")
                    .on_hover_text(t(lang, "date.next_month"))
                    .clicked()
                {
                    month = month.checked_add_months(Months::new(1)).unwrap_or(month);
                }
            });
            egui::Grid::new(id.with("grid"))
                .spacing([2.0, 2.0])
                .show(ui, |ui| {
                    for w in weekdays(lang) {
                        ui.label(RichText::new(w).color(theme::MUTED));
                    }
                    ui.end_row();
                    let today = commitments::today();
                    for week in month_grid(month) {
                        for day in week {
                            match day {
                                Some(d) => {
                                    let mut text = RichText::new(format!("{:>2}", d.day()));
                                    if d == today {
                                        text = text.strong();
                                    }
                                    let r = ui.selectable_label(d == date, text).on_hover_text(tr(
                                        lang,
                                        "date.day",
                                        &[("date", &d.format("%Y-%m-%d"))],
                                    ));
                                    if r.clicked() {
                                        picked = Some(d);
                                    }
                                }
                                None => {
                                    ui.label("");
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
            ui.horizontal(|ui| {
                if ui.button(t(lang, "date.today")).clicked() {
                    picked = Some(commitments::today());
                }
                if ui.button(t(lang, "date.cancel")).clicked() {
                    close = true;
                }
            });
            ui.data_mut(|d| d.insert_temp(month_id, month));
        });
    if close || picked.is_some() {
        open = false;
    }
    ui.data_mut(|d| d.insert_temp(open_id, open));
    picked.filter(|d| *d != date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn july_2023_starts_on_a_saturday() {
        let grid = month_grid(NaiveDate::from_ymd_opt(2023, 7, 15).unwrap());
        assert_eq!(grid[0][5], NaiveDate::from_ymd_opt(2023, 7, 1));
        assert_eq!(grid[0][4], None);
        assert_eq!(
            grid.iter().flatten().flatten().count(),
            31,
            "every day once"
        );
    }

    #[test]
    fn the_month_and_weekdays_speak_the_language() {
        let d = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
        assert_eq!(month_title(Lang::Zh, d), "2023年7月");
        assert_eq!(month_title(Lang::En, d), "July 2023");
        assert_eq!(weekdays(Lang::Zh)[0], "一");
    }
}
