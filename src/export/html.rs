//! The report as one self-contained HTML page that prints on A4: no script,
//! no external resource, fonts from the system. Every text is escaped.

use std::io::Write;

use super::report::{self, Block, Cell, Table};
use super::{ExportError, Snapshot, labels};
use crate::pace::Light;

pub fn write(snapshot: &Snapshot, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut html = String::with_capacity(64 * 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!(
        "<title>{}</title>\n<style>\n{}{}</style>\n</head>\n<body>\n",
        escape(&format!("{}推进情况月报", snapshot.plan_title)),
        CSS,
        light_css()
    ));
    for block in report::layout(snapshot) {
        block_html(&mut html, &block);
    }
    html.push_str("</body>\n</html>\n");
    out.write_all(html.as_bytes())?;
    Ok(())
}

/// Escapes text for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

fn block_html(html: &mut String, block: &Block) {
    match block {
        Block::Title { title, subtitle } => {
            html.push_str(&format!(
                "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>\n",
                escape(title),
                escape(subtitle)
            ));
        }
        Block::Meta(lines) => {
            html.push_str("<dl class=\"meta\">\n");
            for (label, value) in lines {
                html.push_str(&format!(
                    "<div><dt>{}</dt><dd>{}</dd></div>\n",
                    escape(label),
                    escape(value)
                ));
            }
            html.push_str("</dl>\n");
        }
        Block::Heading(text) => html.push_str(&format!("<h2>{}</h2>\n", escape(text))),
        Block::Subheading(text) => html.push_str(&format!("<h3>{}</h3>\n", escape(text))),
        Block::Paragraph(text) => html.push_str(&format!("<p>{}</p>\n", escape(text))),
        Block::Note(text) => html.push_str(&format!("<p class=\"note\">{}</p>\n", escape(text))),
        Block::Table(table) => table_html(html, table),
        Block::Group(blocks) => {
            html.push_str("<section class=\"group\">\n");
            for b in blocks {
                block_html(html, b);
            }
            html.push_str("</section>\n");
        }
    }
}

fn table_html(html: &mut String, table: &Table) {
    html.push_str(if table.counts {
        "<table class=\"counts\">\n<colgroup>"
    } else {
        "<table>\n<colgroup>"
    });
    for (_, width) in &table.columns {
        html.push_str(&format!("<col style=\"width:{width}%\">"));
    }
    html.push_str("</colgroup>\n<thead><tr>");
    for (header, _) in &table.columns {
        html.push_str(&format!("<th>{}</th>", escape(header)));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        html.push_str("<tr>");
        for cell in row {
            cell_html(html, cell);
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
}

fn cell_html(html: &mut String, cell: &Cell) {
    let mut classes = Vec::new();
    if cell.numeric {
        classes.push("num".to_owned());
    }
    if cell.nowrap {
        classes.push("nowrap".to_owned());
    }
    if let Some(l) = cell.light {
        classes.push(format!("light-{}", l.key()));
    }
    if classes.is_empty() {
        html.push_str("<td>");
    } else {
        html.push_str(&format!("<td class=\"{}\">", classes.join(" ")));
    }
    html.push_str(&escape(&cell.text).replace('\n', "<br>"));
    html.push_str("</td>");
}

/// One class per light, in the colours of the workbook.
fn light_css() -> String {
    Light::ALL
        .iter()
        .map(|l| {
            let (fill, ink) = labels::light_colours(*l);
            format!(
                "td.light-{} {{ background: #{fill:06X}; color: #{ink:06X}; text-align: center; }}\n",
                l.key()
            )
        })
        .collect()
}

const CSS: &str = r#"@page { size: A4; margin: 16mm 14mm 16mm 14mm;
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 8pt; color: #555; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif;
  font-size: 10.5pt; line-height: 1.5; color: #111; margin: 0 auto; max-width: 182mm; }
@media screen { body { padding: 12mm 8mm; } }
header { text-align: center; margin-bottom: 4mm; }
h1 { font-size: 18pt; margin: 0 0 1mm; line-height: 1.3; overflow-wrap: anywhere; }
.subtitle { font-size: 13pt; margin: 0; }
dl.meta { margin: 0 0 5mm; padding: 2mm 3mm; border: 0.6pt solid #999; }
dl.meta div { display: flex; gap: 2mm; }
dl.meta dt { font-weight: bold; white-space: nowrap; min-width: 5em; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.2pt solid #333;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
p.note { font-size: 8.5pt; color: #444; margin-top: 6mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9pt; line-height: 1.4;
  margin: 1mm 0 4mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #888; padding: 0.8mm 1.2mm; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; word-break: break-word; }
th { background: #DDEBF7; font-weight: bold; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; overflow-wrap: normal; word-break: normal; }
table.counts td { text-align: center; font-size: 10.5pt; }
section.group { break-inside: auto; }
"#;
