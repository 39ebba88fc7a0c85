//! The page as GB/T 9704-2012 sets it, in twips (1/1440 inch; 1 mm ≈ 56.7):
//! A4 portrait, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm,
//! 22 lines of 28 characters of 3号 (16 pt) type; page numbers "— 1 —" in
//! 4号 宋体 at the foot, odd pages on the right and even pages on the left.
//! The 附件 table is set on A4 landscape.

use std::fmt::Write as _;

use super::styles::{self, Style};

/// The relationship ids of the footers in `document.xml.rels`.
pub const FOOTER_ODD_ID: &str = "rIdFooterOdd";
pub const FOOTER_EVEN_ID: &str = "rIdFooterEven";

/// Millimetres to twips, rounded.
pub const fn mm(mm10: u32) -> u32 {
    // mm10 is tenths of a millimetre: 1 mm = 1440 / 25.4 twips.
    (mm10 * 1440 * 10 + 1270) / 2540
}

/// A4 in twips.
pub const A4_SHORT: u32 = 11906;
pub const A4_LONG: u32 = 16838;

/// The text width of a portrait page: 210 - 28 - 26 = 156 mm.
pub const TEXT_WIDTH: u32 = A4_SHORT - LEFT - RIGHT;
pub const TOP: u32 = mm(370);
pub const BOTTOM: u32 = mm(350);
pub const LEFT: u32 = mm(280);
pub const RIGHT: u32 = mm(260);

/// 22 lines in the 225 mm of text height.
pub const LINE_PITCH: u32 = (A4_LONG - TOP - BOTTOM) / 22;
/// 28 characters in 156 mm: 16 pt type is a little too wide (28 × 16 pt =
/// 448 pt > 442 pt), so every character is drawn this much closer, in
/// twentieths of a point (the `<w:spacing>` of the default run). A
/// character grid (`linesAndChars` with `charSpace`) would say the same to
/// Word, but LibreOffice lays such a grid out with wide gaps between
/// characters (17 a line), so the grid is lines only.
pub const CHAR_SPACING: i32 = (TEXT_WIDTH as i32 - 28 * 16 * 20).div_euclid(28);

/// One section's page.
#[derive(Debug, Clone)]
pub struct Geometry {
    pub width: u32,
    pub height: u32,
    pub landscape: bool,
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
    pub footer: u32,
    /// The `<w:docGrid>` element.
    pub grid: String,
}

/// The body's page: A4 portrait, the standard's margins and grid.
pub fn portrait() -> Geometry {
    Geometry {
        width: A4_SHORT,
        height: A4_LONG,
        landscape: false,
        top: TOP,
        bottom: BOTTOM,
        left: LEFT,
        right: RIGHT,
        // The page number sits about 7 mm below the text.
        footer: mm(230),
        grid: format!("<w:docGrid w:type=\"lines\" w:linePitch=\"{LINE_PITCH}\"/>"),
    }
}

/// The 附件's page: A4 landscape, the portrait margins turned with the page.
pub fn landscape() -> Geometry {
    Geometry {
        width: A4_LONG,
        height: A4_SHORT,
        landscape: true,
        top: LEFT,
        bottom: RIGHT,
        left: TOP,
        right: BOTTOM,
        footer: mm(150),
        grid: "<w:docGrid w:linePitch=\"312\"/>".to_owned(),
    }
}

/// The text width of the landscape page.
#[cfg(test)]
pub const LANDSCAPE_TEXT_WIDTH: u32 = A4_LONG - TOP - BOTTOM;

/// A footer holding "— PAGE —", on the right (odd pages) or left (even),
/// one character in from the edge of the text.
pub fn footer(odd: bool) -> String {
    let mut out = String::new();
    out.push_str(styles::XML_HEADER);
    let _ = write!(
        out,
        "<w:ftr {ns}><w:p><w:pPr><w:pStyle w:val=\"{style}\"/><w:jc w:val=\"{jc}\"/><w:ind w:{side}=\"280\"/></w:pPr>\
<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>\
<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r><w:t>1</w:t></w:r>\
<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>",
        ns = styles::NAMESPACES,
        style = Style::Footer.id(),
        jc = if odd { "right" } else { "left" },
        side = if odd { "right" } else { "left" },
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_and_grid_are_the_standards() {
        assert_eq!(TOP, 2098);
        assert_eq!(BOTTOM, 1984);
        assert_eq!(LEFT, 1587);
        assert_eq!(RIGHT, 1474);
        assert_eq!(TEXT_WIDTH, 8845);
        assert_eq!(LINE_PITCH, 579);
        // 28 characters of 15.75 pt fit in the text width; 16 pt would not.
        assert_eq!(CHAR_SPACING, -5);
        assert!(28 * (16 * 20 + CHAR_SPACING) <= TEXT_WIDTH as i32);
    }
}
