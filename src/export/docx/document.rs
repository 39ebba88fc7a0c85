//! A document as blocks (版头, title, headings, paragraphs, a landscape 附件
//! with its table), the same blocks giving the `.docx` package and the
//! plain text the window previews.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use chrono::NaiveDate;
use zip::write::SimpleFileOptions;

use super::page::{self, FOOTER_EVEN_ID, FOOTER_ODD_ID};
use super::styles::{self, NAMESPACES, RED, Style, XML_HEADER};
use super::xml::{self, Cell};
use crate::export::ExportError;

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of one style.
    Para(Style, String),
    /// The issuer on the left and the date on the right above a red rule
    /// (the 版头's separator line).
    IssuerLine { issuer: String, date: String },
    /// An empty line of body type.
    Blank,
}

/// The 附件: a label, a title and a table, on landscape pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Annex {
    pub label: String,
    pub title: String,
    pub headers: Vec<&'static str>,
    /// Column widths in twips, summing to the landscape text width.
    pub widths: Vec<u32>,
    pub rows: Vec<Vec<Cell>>,
}

/// A whole document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title in the file's properties.
    pub title: String,
    pub author: String,
    pub date: NaiveDate,
    pub body: Vec<Block>,
    pub annex: Option<Annex>,
}

impl Document {
    /// The text as it reads, one paragraph a line; the 附件 table one row a
    /// line with cells separated by " | ". For the window's preview.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in &self.body {
            match b {
                Block::Para(_, text) => out.push_str(text),
                Block::IssuerLine { issuer, date } => {
                    let _ = write!(out, "{issuer}    {date}");
                }
                Block::Blank => {}
            }
            out.push('\n');
        }
        if let Some(a) = &self.annex {
            let _ = write!(
                out,
                "\n{}\n{}\n{}\n",
                a.label,
                a.title,
                a.headers.join(" | ")
            );
            for row in &a.rows {
                let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                out.push_str(&cells.join(" | "));
                out.push('\n');
            }
        }
        out
    }

    /// `word/document.xml`.
    pub fn document_xml(&self) -> String {
        let rows = self.annex.as_ref().map_or(0, |a| a.rows.len());
        let mut out = String::with_capacity(4096 + self.body.len() * 300 + rows * 1500);
        out.push_str(XML_HEADER);
        let _ = write!(out, "<w:document {NAMESPACES}><w:body>");
        for b in &self.body {
            match b {
                Block::Para(style, text) => xml::paragraph(*style, text, "", &mut out),
                Block::Blank => xml::paragraph(Style::Plain, "", "", &mut out),
                Block::IssuerLine { issuer, date } => {
                    let ppr = format!(
                        "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"6\" w:color=\"{RED}\"/></w:pBdr>\
<w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs><w:ind w:left=\"320\" w:right=\"320\"/>",
                        page::TEXT_WIDTH - 320
                    );
                    xml::paragraph(Style::Plain, &format!("{issuer}\t{date}"), &ppr, &mut out);
                }
            }
        }
        if let Some(a) = &self.annex {
            // The portrait section ends with the paragraph that carries it.
            let mut sect = String::new();
            xml::section_properties(&page::portrait(), &mut sect);
            xml::paragraph(Style::Plain, "", &sect, &mut out);
            xml::paragraph(Style::Plain, &a.label, "", &mut out);
            xml::paragraph(Style::Title, &a.title, "", &mut out);
            xml::table(&a.headers, &a.widths, &a.rows, &mut out);
            xml::paragraph(Style::Plain, "", "", &mut out);
            xml::section_properties(&page::landscape(), &mut out);
        } else {
            xml::section_properties(&page::portrait(), &mut out);
        }
        out.push_str("</w:body></w:document>");
        out
    }

    /// The `.docx` package: every part, deflated, with fixed timestamps so
    /// that the same plan gives the same bytes.
    pub fn write(&self, out: &mut dyn Write) -> Result<(), ExportError> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        let parts: [(&str, String); 11] = [
            ("[Content_Types].xml", content_types()),
            ("_rels/.rels", package_rels()),
            ("docProps/core.xml", self.core_xml()),
            ("docProps/app.xml", app_xml()),
            ("word/_rels/document.xml.rels", document_rels()),
            ("word/document.xml", self.document_xml()),
            ("word/styles.xml", styles::styles_xml()),
            ("word/settings.xml", styles::settings_xml()),
            ("word/fontTable.xml", styles::font_table_xml()),
            ("word/footer1.xml", page::footer(true)),
            ("word/footer2.xml", page::footer(false)),
        ];
        for (name, text) in parts {
            zip.start_file(name, options).map_err(zip_error)?;
            zip.write_all(text.as_bytes())?;
        }
        let bytes = zip.finish().map_err(zip_error)?.into_inner();
        out.write_all(&bytes)?;
        Ok(())
    }

    /// The package as bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>, ExportError> {
        let mut bytes = Vec::new();
        self.write(&mut bytes)?;
        Ok(bytes)
    }

    fn core_xml(&self) -> String {
        let mut title = String::new();
        xml::escape(&self.title, &mut title);
        let mut author = String::new();
        xml::escape(&self.author, &mut author);
        format!(
            "{XML_HEADER}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><dc:language>zh-CN</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:modified></cp:coreProperties>",
            date = self.date
        )
    }
}

fn zip_error(e: zip::result::ZipError) -> ExportError {
    ExportError::Io(std::io::Error::other(e))
}

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "{XML_HEADER}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"{main}.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"{main}.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"{main}.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"{main}.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"{main}.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"{main}.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>"
    )
}

fn package_rels() -> String {
    format!(
        "{XML_HEADER}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    )
}

fn document_rels() -> String {
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    format!(
        "{XML_HEADER}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"{base}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"{base}/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFonts\" Type=\"{base}/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"{FOOTER_ODD_ID}\" Type=\"{base}/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"{FOOTER_EVEN_ID}\" Type=\"{base}/footer\" Target=\"footer2.xml\"/>\
</Relationships>"
    )
}

fn app_xml() -> String {
    format!(
        "{XML_HEADER}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>commitments</Application></Properties>"
    )
}
