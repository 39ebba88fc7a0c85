//! Filling in a workbook the way another program would, without
//! rust_xlsxwriter: the `.xlsx` is unzipped, cells are written into the
//! sheet XML (numbers, inline strings) and it is zipped again. Used to play
//! the departments filling in their forms, and to tamper with them.

#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

/// A value to put in a cell.
#[derive(Debug, Clone)]
pub enum Cell<'a> {
    Num(f64),
    Text(&'a str),
}

/// `A1`-style reference of a 0-based row and column.
pub fn cell_ref(row: u32, col: u16) -> String {
    let mut col = u32::from(col) + 1;
    let mut letters = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        letters.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).unwrap(), row + 1)
}

/// Rewrites each XML part of the workbook through `edit(part_name, xml)`.
pub fn edit_parts(bytes: &[u8], mut edit: impl FnMut(&str, String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("zip entry");
        let name = file.name().expect("entry name").to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("read entry");
        drop(file);
        let data = if name.ends_with(".xml") {
            edit(&name, String::from_utf8(data).expect("utf-8 xml")).into_bytes()
        } else {
            data
        };
        out.start_file(name, options).expect("start entry");
        out.write_all(&data).expect("write entry");
    }
    out.finish().expect("finish zip").into_inner()
}

/// Sets cells of one sheet (`xl/worksheets/sheetN.xml`, N from 1); each
/// cell must exist in the sheet (the forms write every cell they have).
pub fn set_cells(bytes: &[u8], sheet: usize, cells: &[(u32, u16, Cell<'_>)]) -> Vec<u8> {
    let part = format!("xl/worksheets/sheet{sheet}.xml");
    edit_parts(bytes, |name, mut xml| {
        if name == part {
            for (row, col, value) in cells {
                xml = set_cell(&xml, &cell_ref(*row, *col), value);
            }
        }
        xml
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn set_cell(xml: &str, reference: &str, value: &Cell<'_>) -> String {
    let open = format!("<c r=\"{reference}\"");
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("cell {reference} not in the sheet"));
    let tag_end = start + xml[start..].find('>').expect("tag end");
    let self_closing = xml.as_bytes()[tag_end - 1] == b'/';
    let end = if self_closing {
        tag_end + 1
    } else {
        start + xml[start..].find("</c>").expect("cell end") + "</c>".len()
    };
    let tag = &xml[start..tag_end];
    let style = tag
        .split_whitespace()
        .find(|a| a.starts_with("s=\""))
        .map(|a| format!(" {}", a.trim_end_matches('/')))
        .unwrap_or_default();
    let cell = match value {
        Cell::Num(v) => format!("<c r=\"{reference}\"{style}><v>{v}</v></c>"),
        Cell::Text(t) => format!(
            "<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t>{}</t></is></c>",
            escape(t)
        ),
    };
    format!("{}{}{}", &xml[..start], cell, &xml[end..])
}
