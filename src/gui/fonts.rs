//! Chinese glyphs: egui ships none, so Noto Sans SC (OFL, `assets/fonts/`)
//! is built in as the fallback of both families. eframe's system-font
//! fallback stays on for anything Noto lacks.

const NOTO_SANS_SC: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.otf");

pub fn install(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "noto_sans_sc",
        egui::FontData::from_static(NOTO_SANS_SC),
        vec![
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
        ],
    ));
}
