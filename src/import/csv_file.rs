//! CSV as offices save it: UTF-8 with or without a byte-order mark, or
//! GB18030 (what WPS and Excel on a Chinese Windows write as "CSV"). The
//! encoding is detected: valid UTF-8 is read as UTF-8, anything else as
//! GB18030 (a superset of GBK and GB2312). Commas, tabs or semicolons are
//! accepted as the delimiter, whichever the header row uses most.

use std::path::Path;

use super::ImportError;
use super::table::{Table, clean_cell};

/// The encoding a CSV was read in, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

/// Decodes bytes as UTF-8 (with or without BOM) or GB18030.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), Encoding::Gb18030)
        }
    }
}

fn delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| sample.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

pub fn read(path: &Path) -> Result<Table, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::io(path, e))?;
    let (text, _) = decode(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Records may span lines (a quoted cell with a line break): keep each
    // record's first line so that errors point where the office looks.
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Damaged {
            path: path.to_owned(),
            kind: "CSV",
            message: e.to_string(),
        })?;
        // After a CRLF the record starts at the LF the reader had not consumed.
        let mut byte = record.position().map_or(0, |p| p.byte() as usize);
        if text.as_bytes().get(byte) == Some(&b'\n') {
            byte += 1;
        }
        let line = text.as_bytes()[..byte.min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        lines.push(line);
        rows.push(record.iter().map(clean_cell).collect::<Vec<_>>());
    }
    while rows
        .last()
        .is_some_and(|r: &Vec<String>| r.iter().all(String::is_empty))
    {
        rows.pop();
    }
    if rows.iter().all(|r| r.iter().all(String::is_empty)) {
        return Err(ImportError::EmptySheet {
            path: path.to_owned(),
            sheet: String::new(),
        });
    }
    Ok(Table {
        file: path.to_owned(),
        sheet: String::new(),
        sheets: Vec::new(),
        rows,
        first_row: 1,
        row_numbers: lines,
        merges_known: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let text = "序号,重点任务,牵头单位\n1,新建5G基站,市工信局\n";
        assert_eq!(decode(text.as_bytes()), (text.to_owned(), Encoding::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom), (text.to_owned(), Encoding::Utf8Bom));
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        assert!(std::str::from_utf8(&gb).is_err());
        assert_eq!(decode(&gb), (text.to_owned(), Encoding::Gb18030));
    }

    #[test]
    fn delimiters_are_guessed() {
        assert_eq!(delimiter("a\tb\tc\n1\t2\t3"), b'\t');
        assert_eq!(delimiter("a,b,c"), b',');
    }
}
