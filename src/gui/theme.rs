//! Design tokens: every colour and spacing of the window comes from here.

use egui::Color32;

use commitments::model::Status;
use commitments::pace::Light;

pub const LIGHT_RED: Color32 = Color32::from_rgb(0xD9, 0x3A, 0x2F);
pub const LIGHT_YELLOW: Color32 = Color32::from_rgb(0xE8, 0xA3, 0x17);
pub const LIGHT_BLUE: Color32 = Color32::from_rgb(0x2F, 0x7C, 0xD9);
pub const LIGHT_GREEN: Color32 = Color32::from_rgb(0x2E, 0x9D, 0x4F);
pub const LIGHT_GREY: Color32 = Color32::from_rgb(0x9A, 0x9A, 0x9A);

/// Text that warns (overdue dates, field errors).
pub const DANGER: Color32 = LIGHT_RED;
/// The banner behind a save failure or a load error.
pub const BANNER_ERROR_BG: Color32 = Color32::from_rgb(0xFD, 0xEC, 0xEA);
pub const BANNER_WARN_BG: Color32 = Color32::from_rgb(0xFF, 0xF4, 0xD6);
/// 申请销号 waiting for the office (待审核).
pub const CLOSURE_PENDING: Color32 = Color32::from_rgb(0x7B, 0x4F, 0xC9);
/// A record of the change journal not saved yet.
pub const JOURNAL_UNSAVED: Color32 = Color32::from_rgb(0xC2, 0x5B, 0x00);
/// The banner with the plan's notes.
pub const BANNER_INFO_BG: Color32 = Color32::from_rgb(0xE8, 0xF1, 0xFC);
pub const MUTED: Color32 = Color32::from_rgb(0x6B, 0x6B, 0x6B);
pub const HIGHLIGHT_BG: Color32 = Color32::from_rgb(0xFF, 0xE5, 0x8F);

/// Row height of the ledger table.
pub const ROW_HEIGHT: f32 = 26.0;
/// Space between groups of controls.
pub const GAP: f32 = 8.0;
/// Default widths of the side panels.
pub const FILTER_PANEL_WIDTH: f32 = 230.0;
pub const DETAIL_PANEL_WIDTH: f32 = 420.0;
/// The narrowest the detail panel gets, and what it always leaves the ledger.
pub const DETAIL_PANEL_MIN_WIDTH: f32 = 320.0;
/// The ledger's least: 完成, 预警, 任务 (at its least), 牵头单位, 完成时限
/// and 序时 at their narrowest, with spacing (see `ledger::column_widths_fitting`).
pub const LEDGER_MIN_WIDTH: f32 = 410.0;
/// Body text size.
pub const BODY_SIZE: f32 = 14.0;

pub fn light_color(light: Light) -> Color32 {
    match light {
        Light::Red => LIGHT_RED,
        Light::Yellow => LIGHT_YELLOW,
        Light::Blue => LIGHT_BLUE,
        Light::Green => LIGHT_GREEN,
        Light::Grey => LIGHT_GREY,
    }
}

pub fn status_color(status: Status) -> Color32 {
    match status {
        Status::NotStarted => LIGHT_GREY,
        Status::InProgress => LIGHT_BLUE,
        Status::Done => LIGHT_GREEN,
        Status::Suspended => LIGHT_YELLOW,
        Status::ClosureRequested => CLOSURE_PENDING,
    }
}

/// The office look: light theme, a little larger text for Chinese.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        for (text_style, font) in style.text_styles.iter_mut() {
            font.size = match text_style {
                egui::TextStyle::Heading => 20.0,
                egui::TextStyle::Small => 11.0,
                egui::TextStyle::Monospace => 13.0,
                _ => BODY_SIZE,
            };
        }
        style.spacing.item_spacing = egui::vec2(GAP, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
}

/// The review of a report (从报告新建计划): highlights by kind, the draft
/// looked at, accepted cards, and what the extractor skipped.
pub const REVIEW_TARGET_BG: Color32 = Color32::from_rgb(0xCF, 0xE4, 0xFF);
pub const REVIEW_MILESTONE_BG: Color32 = Color32::from_rgb(0xD4, 0xF2, 0xD9);
pub const REVIEW_QUALITATIVE_BG: Color32 = Color32::from_rgb(0xEC, 0xE3, 0xF7);
pub const REVIEW_SELECTED: Color32 = Color32::from_rgb(0xC2, 0x5B, 0x00);
pub const REVIEW_ACCEPTED_BG: Color32 = Color32::from_rgb(0xF1, 0xF8, 0xF2);
pub const REVIEW_SKIPPED: Color32 = Color32::from_rgb(0xA0, 0xA0, 0xA0);
