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
    // A line break or tab inside a cell (a title typed over two lines)
    // would break the columns: each cell is kept on one line.
    let rows: Vec<[String; N]> = rows
        .iter()
        .map(|r| r.each_ref().map(|c| one_line(c)))
        .collect();
    let rows = rows.as_slice();
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

/// `text` on one line: line breaks, tabs and other control characters
/// become spaces, runs of them one space.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for ch in text.trim().chars() {
        if ch.is_control() || ch == '\u{2028}' || ch == '\u{2029}' {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_with_line_breaks_keeps_the_columns() {
        let mut out = Vec::new();
        write_aligned(
            &mut out,
            &["ID", "任务", "牵头单位"],
            &[
                [
                    "1".into(),
                    "第一行\n第二行\r\n\t第三行".into(),
                    "工信局".into(),
                ],
                ["2".into(), "短".into(), "发改委".into()],
            ],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        let starts: Vec<usize> = text
            .lines()
            .skip(1)
            .map(|l| l.split("  ").filter(|s| !s.is_empty()).count())
            .collect();
        assert_eq!(starts, vec![3, 3], "{text}");
        assert!(text.contains("第一行 第二行 第三行"));
    }
}
