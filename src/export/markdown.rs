//! The report as Markdown (GitHub tables), for pasting into documents and
//! chats. Text is escaped so that markup in a title comes out as text.

use std::io::Write;

use super::report::{self, Block, Cell, Table};
use super::{ExportError, Snapshot};

pub fn write(snapshot: &Snapshot, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut md = String::with_capacity(32 * 1024);
    for block in report::layout(snapshot) {
        block_md(&mut md, &block);
    }
    out.write_all(md.as_bytes())?;
    Ok(())
}

/// Escapes Markdown's punctuation with backslashes and folds line breaks,
/// so that the text shows as typed and stays on its line (or table cell).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn block_md(md: &mut String, block: &Block) {
    match block {
        Block::Title { title, subtitle } => {
            md.push_str(&format!(
                "# {}\n\n**{}**\n\n",
                escape(title),
                escape(subtitle)
            ));
        }
        Block::Meta(lines) => {
            for (label, value) in lines {
                md.push_str(&format!("- {}：{}\n", label, escape(value)));
            }
            md.push('\n');
        }
        Block::Heading(text) => md.push_str(&format!("## {}\n\n", escape(text))),
        Block::Subheading(text) => md.push_str(&format!("### {}\n\n", escape(text))),
        Block::Paragraph(text) => md.push_str(&format!("{}\n\n", escape(text))),
        Block::Note(text) => md.push_str(&format!("> {}\n\n", escape(text))),
        Block::Table(table) => table_md(md, table),
        Block::Group(blocks) => {
            for b in blocks {
                block_md(md, b);
            }
        }
    }
}

fn table_md(md: &mut String, table: &Table) {
    let headers: Vec<&str> = table.columns.iter().map(|(h, _)| *h).collect();
    md.push_str(&format!("| {} |\n", headers.join(" | ")));
    let rules: Vec<&str> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let numeric = table
                .rows
                .first()
                .is_some_and(|r| r.get(i).is_some_and(|c| c.numeric));
            if numeric { "---:" } else { "---" }
        })
        .collect();
    md.push_str(&format!("| {} |\n", rules.join(" | ")));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(cell_md).collect();
        md.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    md.push('\n');
}

/// A light is written as its word (红灯, 黄灯, …): emoji come out blank
/// without an emoji font and are out of place in an official document.
fn cell_md(cell: &Cell) -> String {
    escape(&cell.text)
}
