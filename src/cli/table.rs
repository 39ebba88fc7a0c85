//! Plain-text and CSV output of `list`.

use std::io::Write;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use commitments::row::LedgerRow;

use crate::i18n::{Lang, label};

/// Rows under a header, in columns two spaces apart; CJK characters count
/// as two terminal columns.
pub fn write_aligned<const N: usize>(
    out: &mut dyn Write,
    header: &[&str; N],
    rows: &[[String; N]],
) -> std::io::Result<()> {
    let mut widths = header.map(|h| h.width());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |out: &mut dyn Write, cells: [&str; N]| -> std::io::Result<()> {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            text.push_str(cell);
            if i + 1 < N {
                text.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, *header)?;
    for row in rows {
        line(out, row.each_ref().map(String::as_str))?;
    }
    Ok(())
}

/// The ledger as an aligned table; CJK characters count as two columns.
pub fn write_table(
    out: &mut dyn Write,
    rows: &[LedgerRow],
    as_of: NaiveDate,
) -> std::io::Result<()> {
    let lang = Lang::Zh;
    let header = [
        "ID",
        "预警",
        "状态",
        "序时",
        "任务",
        "牵头单位",
        "完成时限",
        "进度",
    ];
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            [
                r.id.to_string(),
                label::light(lang, r.light).to_owned(),
                label::status(lang, r.status).to_owned(),
                label::pace(lang, r.pace).to_owned(),
                truncate(&r.title, 40),
                r.lead_department.clone().unwrap_or_default(),
                r.due.to_string(),
                progress_text(r),
            ]
        })
        .collect();
    write_aligned(out, &header, &cells)?;
    writeln!(out, "共 {} 项（截至 {as_of}）", rows.len())
}

fn progress_text(r: &LedgerRow) -> String {
    match (&r.current_text, &r.target_text, r.progress_percent) {
        (Some(cur), Some(target), Some(p)) => format!("{cur} / {target} ({p:.0}%)"),
        (None, Some(target), _) => format!("— / {target}"),
        (_, _, Some(p)) => format!("{p:.0}%"),
        _ => String::new(),
    }
}

/// `text` cut to `max_width` terminal columns (CJK counts two), with an ellipsis.
pub fn truncate(text: &str, max_width: usize) -> String {
    if text.width() <= max_width {
        return text.to_owned();
    }
    let mut out = String::new();
    for ch in text.chars() {
        if out.width() + 3 > max_width {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

/// The ledger as CSV with the JSON field names as header.
pub fn write_csv(out: &mut dyn Write, rows: &[LedgerRow]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "title",
        "section",
        "lead_department",
        "cooperating_departments",
        "owner",
        "status",
        "pace",
        "light",
        "start",
        "due",
        "done_on",
        "target",
        "current",
        "progress_percent",
        "source_quote",
    ])?;
    for r in rows {
        w.write_record([
            r.id.to_string(),
            r.title.clone(),
            r.section.clone(),
            r.lead_department.clone().unwrap_or_default(),
            r.cooperating_departments.join("、"),
            r.owner.clone(),
            r.status.key().to_owned(),
            r.pace.key().to_owned(),
            r.light.key().to_owned(),
            r.start.to_string(),
            r.due.to_string(),
            r.done_on.map(|d| d.to_string()).unwrap_or_default(),
            r.target_text.clone().unwrap_or_default(),
            r.current.map(|v| v.to_string()).unwrap_or_default(),
            r.progress_percent
                .map(|v| v.to_string())
                .unwrap_or_default(),
            r.source_quote.clone(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
