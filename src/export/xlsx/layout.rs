//! Widths and heights that fit Chinese text, and the print setup.

use rust_xlsxwriter::Worksheet;
use unicode_width::UnicodeWidthStr;

/// Excel's code of A4 paper.
const A4: u8 = 9;
/// The height of one line of the default font, in points.
const LINE_HEIGHT: f64 = 15.0;
/// Excel's tallest row, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The width of text in units of the default font's digit: a Chinese
/// character is about two digits wide (a little more in most CJK fonts).
pub fn text_width(text: &str) -> f64 {
    text.lines()
        .map(|l| l.width() as f64 * 1.05)
        .fold(0.0, f64::max)
}

/// A column width that fits `widest` (a text width) within `max`.
pub fn fit_width(widest: f64, max: f64) -> f64 {
    (widest + 1.5).min(max)
}

/// How many lines `text` takes in a wrapping column of `width`.
pub fn lines_in(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    text.lines()
        .map(|l| ((l.width() as f64 * 1.05) / room).ceil().max(1.0) as usize)
        .sum::<usize>()
        .max(1)
}

/// Sets a row as tall as its most wrapped cell. Spreadsheet programs do
/// not all grow rows for wrapped text on their own.
pub fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    lines: usize,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    if lines > 1 {
        let height = (lines as f64 * LINE_HEIGHT + 2.0).min(MAX_ROW_HEIGHT);
        sheet.set_row_height(row, height)?;
    }
    Ok(())
}

/// A4, fitted to the page width, page numbers in the footer.
pub fn print_setup(sheet: &mut Worksheet, landscape: bool) {
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.3, 0.3, 0.6, 0.6, 0.3, 0.3)
        .set_footer("&C第 &P 页，共 &N 页");
}

/// Text for a page header: cut to `max` characters, `&` doubled (it
/// starts a code there).
pub fn header_text(text: &str, max: usize) -> String {
    let mut cut: String = text.chars().take(max).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut.replace('&', "&&")
}
