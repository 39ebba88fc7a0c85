//! WordprocessingML by hand: the few elements the documents use, each
//! written from typed values. Text from the plan only ever reaches the file
//! through [`text_runs`], which escapes it and drops what XML cannot hold,
//! so a title holding `<w:r>`, `&` or `{ PAGE }` stays those characters.

use std::fmt::Write as _;

use super::page::{self, Geometry};
use super::styles::Style;

/// Escapes text for an XML element or attribute, dropping the characters
/// XML 1.0 cannot carry (control characters other than tab and line ends,
/// U+FFFE and U+FFFF).
pub fn escape(text: &str, out: &mut String) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// The runs of a piece of text: line breaks become `<w:br/>`, tabs
/// `<w:tab/>`; `rpr` is the run properties (may be empty).
pub fn text_runs(text: &str, rpr: &str, out: &mut String) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    out.push_str("<w:r>");
    if !rpr.is_empty() {
        let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
    }
    let mut first = true;
    for line in text.split('\n') {
        if !first {
            out.push_str("<w:br/>");
        }
        first = false;
        let mut first_piece = true;
        for piece in line.split('\t') {
            if !first_piece {
                out.push_str("<w:tab/>");
            }
            first_piece = false;
            if !piece.is_empty() {
                out.push_str("<w:t xml:space=\"preserve\">");
                escape(piece, out);
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r>");
}

/// A paragraph of one style holding `text`; `extra_ppr` is added to the
/// paragraph properties after the style (tabs, borders, a section break).
pub fn paragraph(style: Style, text: &str, extra_ppr: &str, out: &mut String) {
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>{extra_ppr}</w:pPr>",
        style.id()
    );
    if !text.is_empty() {
        text_runs(text, "", out);
    }
    out.push_str("</w:p>");
}

/// Section properties: page size, orientation, margins in twips, the two
/// footers (odd pages right, even pages left) and the document grid.
pub fn section_properties(g: &Geometry, out: &mut String) {
    let _ = write!(
        out,
        "<w:sectPr>\
<w:footerReference w:type=\"default\" r:id=\"{odd}\"/>\
<w:footerReference w:type=\"even\" r:id=\"{even}\"/>\
<w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
<w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" w:header=\"851\" w:footer=\"{footer}\" w:gutter=\"0\"/>\
<w:cols w:space=\"425\"/>{grid}</w:sectPr>",
        odd = page::FOOTER_ODD_ID,
        even = page::FOOTER_EVEN_ID,
        w = g.width,
        h = g.height,
        orient = if g.landscape {
            " w:orient=\"landscape\""
        } else {
            ""
        },
        top = g.top,
        right = g.right,
        bottom = g.bottom,
        left = g.left,
        footer = g.footer,
        grid = g.grid,
    );
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// Background as RGB (the lights).
    pub fill: Option<u32>,
    pub centred: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            fill: None,
            centred: false,
        }
    }

    pub fn centred(text: impl Into<String>) -> Cell {
        Cell {
            centred: true,
            ..Cell::text(text)
        }
    }
}

/// A table with a header row repeated on every page; rows never split
/// across pages.
pub fn table(headers: &[&str], widths: &[u32], rows: &[Vec<Cell>], out: &mut String) {
    let total: u32 = widths.iter().sum();
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
<w:tblBorders>{b}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>\
</w:tblPr><w:tblGrid>",
        b = ["top", "left", "bottom", "right", "insideH", "insideV"]
            .iter()
            .map(|side| format!(
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            ))
            .collect::<String>()
    );
    for w in widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (h, w) in headers.iter().zip(widths) {
        cell(
            &Cell {
                text: (*h).to_owned(),
                fill: Some(0xF2F2F2),
                centred: true,
            },
            *w,
            Style::TableHeader,
            out,
        );
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (c, w) in row.iter().zip(widths) {
            cell(c, *w, Style::TableText, out);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn cell(c: &Cell, width: u32, style: Style, out: &mut String) {
    let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if let Some(fill) = c.fill {
        let _ = write!(
            out,
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill:06X}\"/>"
        );
    }
    out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
    let jc = if c.centred {
        "<w:jc w:val=\"center\"/>"
    } else {
        ""
    };
    paragraph(style, &c.text, jc, out);
    out.push_str("</w:tc>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_stay_text() {
        let mut out = String::new();
        text_runs("<w:r>&{ PAGE }\u{1}\u{b}x\ty\nz", "", &mut out);
        assert!(out.contains("&lt;w:r&gt;&amp;{ PAGE }x"), "{out}");
        assert!(out.contains("<w:tab/>"));
        assert!(out.contains("<w:br/>"));
        assert!(!out.contains('\u{1}') && !out.contains('\u{b}'));
        assert!(!out.contains("fldSimple") && !out.contains("instrText"));
    }
}
