//! The project's own widgets, on top of egui: light dot, status chip,
//! progress bar with the report's numbers, date field, number field.

use chrono::NaiveDate;
use egui::{Color32, Response, RichText, Role, Sense, Ui, Vec2, WidgetInfo};

use commitments::model::Status;
use commitments::pace::Light;

use super::theme;
use crate::i18n::{Lang, label, t};

pub trait UiExt {
    fn ui(&mut self) -> &mut Ui;

    /// A filled dot in the light's colour, with the light's name for screen
    /// readers and tests.
    fn light_dot(&mut self, lang: Lang, light: Light) -> Response {
        let ui = self.ui();
        let (rect, response) = ui.allocate_exact_size(Vec2::splat(14.0), Sense::hover());
        ui.painter()
            .circle_filled(rect.center(), 6.0, theme::light_color(light));
        let name = label::light(lang, light);
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, name));
        response.on_hover_text(name)
    }

    /// The status as a small coloured chip.
    fn status_chip(&mut self, lang: Lang, status: Status) -> Response {
        let ui = self.ui();
        let color = theme::status_color(status);
        egui::Frame::new()
            .fill(color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, color))
            .corner_radius(8.0)
            .inner_margin(egui::Margin::symmetric(6, 1))
            .show(ui, |ui| {
                ui.label(
                    RichText::new(label::status(lang, status))
                        .color(color)
                        .small(),
                )
            })
            .inner
    }

    /// A progress bar (0-100 %, may pass 100) with text written on it.
    fn progress_bar(&mut self, percent: Option<f64>, text: &str, color: Color32) -> Response {
        let ui = self.ui();
        let fraction = percent.map_or(0.0, |p| (p / 100.0).clamp(0.0, 1.0)) as f32;
        ui.add(
            egui::ProgressBar::new(fraction)
                .text(RichText::new(text).small())
                .fill(color.gamma_multiply(0.6))
                .desired_height(16.0),
        )
    }

    /// A date with a picker; `None` shows a button to set it. Returns the
    /// new value when the user changed it.
    fn date_field(
        &mut self,
        lang: Lang,
        id_salt: &str,
        value: Option<NaiveDate>,
        default: NaiveDate,
        clearable: bool,
    ) -> Option<Option<NaiveDate>> {
        let ui = self.ui();
        let mut changed = None;
        ui.horizontal(|ui| match value {
            Some(date) => {
                if let Some(new) = date_picker(ui, id_salt, date) {
                    changed = Some(Some(new));
                }
                if clearable
                    && ui
                        .small_button("×")
                        .on_hover_text(t(lang, "field.clear_date"))
                        .clicked()
                {
                    changed = Some(None);
                }
            }
            None => {
                if ui.button(t(lang, "field.set_date")).clicked() {
                    changed = Some(Some(default));
                }
            }
        });
        changed
    }

    /// A line of red text under a field that refused its input.
    fn field_error(&mut self, message: &str) -> Response {
        self.ui()
            .label(RichText::new(message).color(theme::DANGER).small())
    }

    /// A heading for a group of fields.
    fn section_heading(&mut self, text: &str) -> Response {
        let ui = self.ui();
        ui.add_space(theme::GAP / 2.0);
        let r = ui.label(RichText::new(text).strong());
        ui.separator();
        r
    }
}

impl UiExt for Ui {
    fn ui(&mut self) -> &mut Ui {
        self
    }
}

mod date_picker;
pub use date_picker::{date_picker, set_lang};
