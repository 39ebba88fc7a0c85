//! Tables of a Word document (.docx): `word/document.xml` walked for
//! `w:tbl/w:tr/w:tc`. A cell spanning columns (`w:gridSpan`) gives its text
//! to each column it covers; a cell continuing a vertical merge
//! (`w:vMerge` without `restart`) takes the text of the cell above. Tables
//! nested in a cell are read as that cell's text. Each top-level table is a
//! "sheet" named 表格1, 表格2, …; the one with the most rows is the default.

use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::ImportError;
use super::table::{Table, clean_cell};

/// A cell as written: its text, how many grid columns it spans, and whether
/// it continues the vertical merge above it.
#[derive(Debug, Default)]
struct RawCell {
    text: String,
    span: usize,
    continues: bool,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.to_string())
}

/// The top-level tables of a document.xml, each as rows of raw cells.
fn tables_of(xml: &str) -> Result<Vec<Vec<Vec<RawCell>>>, String> {
    let mut reader = Reader::from_str(xml);
    let mut tables: Vec<Vec<Vec<RawCell>>> = Vec::new();
    let mut depth = 0usize; // table nesting
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "word/document.xml at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => {
                    depth += 1;
                    if depth == 1 {
                        tables.push(Vec::new());
                    }
                }
                "w:tr" if depth == 1 => {
                    if let Some(t) = tables.last_mut() {
                        t.push(Vec::new());
                    }
                }
                "w:tc" if depth == 1 => {
                    if let Some(r) = tables.last_mut().and_then(|t| t.last_mut()) {
                        r.push(RawCell {
                            span: 1,
                            ..RawCell::default()
                        });
                    }
                }
                "w:t" => in_text = true,
                "w:vMerge" | "w:gridSpan" => cell_property(&mut tables, &e, depth),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:vMerge" | "w:gridSpan" => cell_property(&mut tables, &e, depth),
                "w:br" | "w:cr" => push_text(&mut tables, depth, "\n"),
                "w:tab" => push_text(&mut tables, depth, " "),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:tbl" => depth = depth.saturating_sub(1),
                "w:t" => in_text = false,
                "w:p" => push_text(&mut tables, depth, "\n"),
                _ => {}
            },
            Event::Text(t) if in_text => push_text(&mut tables, depth, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let s = entity_text(&r);
                push_text(&mut tables, depth, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tables)
}

fn push_text(tables: &mut [Vec<Vec<RawCell>>], depth: usize, s: &str) {
    if depth == 0 {
        return;
    }
    if let Some(c) = tables
        .last_mut()
        .and_then(|t| t.last_mut())
        .and_then(|r| r.last_mut())
    {
        c.text.push_str(s);
    }
}

fn cell_property(tables: &mut [Vec<Vec<RawCell>>], e: &BytesStart<'_>, depth: usize) {
    if depth != 1 {
        return;
    }
    let Some(c) = tables
        .last_mut()
        .and_then(|t| t.last_mut())
        .and_then(|r| r.last_mut())
    else {
        return;
    };
    let val = attr(e, "w:val");
    match e.name().as_ref() {
        "w:gridSpan" => {
            c.span = val.and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
        }
        _ => c.continues = val.as_deref() != Some("restart"),
    }
}

/// Lays raw rows on the grid: spans fill across, merges continue down.
fn grid(rows: Vec<Vec<RawCell>>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for raw in rows {
        let mut row = Vec::new();
        for cell in raw {
            let col = row.len();
            let text = if cell.continues {
                out.last()
                    .and_then(|above: &Vec<String>| above.get(col))
                    .cloned()
                    .unwrap_or_default()
            } else {
                clean_cell(&cell.text)
            };
            for _ in 0..cell.span {
                row.push(text.clone());
            }
        }
        out.push(row);
    }
    out
}

pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::io(path, e))?;
    let damaged = |message: String| ImportError::Damaged {
        path: path.to_owned(),
        kind: "Word (.docx)",
        message,
    };
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::Password {
            path: path.to_owned(),
        });
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| damaged(format!("word/document.xml: {e}")))?
        .read_to_string(&mut xml)
        .map_err(|e| damaged(format!("word/document.xml: {e}")))?;
    let tables = tables_of(&xml).map_err(damaged)?;
    if tables.is_empty() {
        return Err(ImportError::NoTable {
            path: path.to_owned(),
        });
    }
    let names: Vec<String> = (1..=tables.len()).map(|i| format!("表格{i}")).collect();
    let index = match sheet {
        Some(wanted) => names
            .iter()
            .position(|n| n == wanted.trim())
            .ok_or_else(|| ImportError::NoSuchSheet {
                path: path.to_owned(),
                name: wanted.to_owned(),
                available: names.clone(),
            })?,
        None => (0..tables.len())
            .max_by_key(|&i| (tables[i].len(), std::cmp::Reverse(i)))
            .unwrap_or(0),
    };
    let rows = grid(tables.into_iter().nth(index).unwrap_or_default());
    if rows.iter().all(|r| r.iter().all(String::is_empty)) {
        return Err(ImportError::EmptySheet {
            path: path.to_owned(),
            sheet: names[index].clone(),
        });
    }
    Ok(Table {
        file: path.to_owned(),
        sheet: names[index].clone(),
        sheets: names,
        rows,
        first_row: 1,
        row_numbers: Vec::new(),
        merges_known: true,
    })
}

/// The text of an entity or character reference in a Word part (&amp;,
/// &#x4E2D;); an unknown entity gives nothing. Shared with the report
/// reader (`extract::read`).
pub(crate) fn entity_text(r: &BytesRef<'_>) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => match r.xml10_content().as_ref() {
            "amp" => "&".to_owned(),
            "lt" => "<".to_owned(),
            "gt" => ">".to_owned(),
            "quot" => "\"".to_owned(),
            "apos" => "'".to_owned(),
            _ => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_vertical_merges_are_laid_out() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>标题</w:t></w:r></w:p>
        <w:tbl>
          <w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>重点任务</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>一、稳增长</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p><w:p><w:r><w:t>续</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>市工信局</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>任务二</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
        </w:tbl></w:body></w:document>"#;
        let tables = tables_of(xml).unwrap();
        assert_eq!(tables.len(), 1);
        let rows = grid(tables.into_iter().next().unwrap());
        assert_eq!(rows[1], vec!["一、稳增长"; 3]);
        assert_eq!(rows[2][1], "A&B\n续");
        assert_eq!(rows[3][2], "市工信局");
    }
}
