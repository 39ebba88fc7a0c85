//! The cell formats of the workbook.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::export::labels;
use crate::pace::Light;

pub struct Styles {
    pub title: Format,
    pub label: Format,
    pub header: Format,
    pub text: Format,
    pub wrap: Format,
    pub number: Format,
    pub percent: Format,
    /// A date cell shown as 2023-12-31.
    pub date: Format,
    pub total: Format,
    lights: [Format; 5],
}

impl Styles {
    pub fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xA6A6A6))
            .set_align(FormatAlign::Top);
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            label: Format::new().set_bold(),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            number: cell.clone().set_num_format("0"),
            percent: cell.clone().set_num_format("0.0%"),
            date: cell.clone().set_num_format("yyyy-mm-dd"),
            total: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2)),
            lights: Light::ALL.map(|l| {
                let (fill, ink) = labels::light_colours(l);
                cell.clone()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(ink))
                    .set_align(FormatAlign::Center)
            }),
        }
    }

    pub fn light(&self, l: Light) -> &Format {
        let i = Light::ALL.iter().position(|x| *x == l).unwrap_or(0);
        &self.lights[i]
    }

    /// A figure shown with thousands separators and its unit (14,000座),
    /// still a number for sums.
    pub fn quantity(&self, value: f64, unit: &str) -> Format {
        let digits = if value.fract() == 0.0 {
            "#,##0"
        } else {
            "#,##0.0#####"
        };
        let unit: String = unit.chars().filter(|c| !matches!(c, '"' | '\\')).collect();
        let format = if unit.is_empty() {
            digits.to_owned()
        } else {
            format!("{digits}\"{unit}\"")
        };
        self.text.clone().set_num_format(format)
    }
}
