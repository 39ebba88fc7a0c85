//! The detail table as CSV: UTF-8 with a byte-order mark, so that Excel and
//! WPS open the Chinese text correctly; the header first, one row per
//! commitment; formula-like text quoted with a leading `'`.

use std::io::Write;

use super::columns::{self, DETAIL, Value};
use super::{ExportError, Snapshot, cells, labels};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn write(snapshot: &Snapshot, out: &mut dyn Write) -> Result<(), ExportError> {
    out.write_all(BOM)?;
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(columns::headers())?;
    for row in &snapshot.rows {
        w.write_record(DETAIL.iter().map(|c| cell((c.cell)(row))))?;
    }
    w.flush()?;
    Ok(())
}

fn cell(value: Value) -> String {
    match value {
        Value::Text(t) => cells::csv_text(&t).into_owned(),
        Value::Number(n) | Value::Quantity(n, _) => format!("{}", columns::clean_float(n)),
        Value::Percent(p) => labels::percent(p),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Light(l) => labels::light(l).to_owned(),
        Value::Empty => String::new(),
    }
}
