//! Reading a report file into text: `.txt` in UTF-8 (with or without a
//! BOM) or GB18030, `.md`, `.docx` (the paragraphs of `word/document.xml`).
//! Anything else is refused with one line saying what the file is and what
//! was expected: empty, binary, PDF, image, another encoding, too large, a
//! folder.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::Event;

/// The largest report read, in bytes.
pub const MAX_REPORT_BYTES: u64 = 20 * 1024 * 1024;

/// Why a report file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: expected text in UTF-8 or GB18030 (a .txt report), found bytes that are neither at byte {at}"
    )]
    NotText { path: PathBuf, at: usize },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: is a folder; expected a report file (.txt, .docx, .md)")]
    Folder { path: PathBuf },
    #[error("{path}: the file is larger than {limit} MB; a report is a text of well under that")]
    TooLarge { path: PathBuf, limit: u64 },
    #[error(
        "{path}: this is {what}, not a report text; expected .txt (UTF-8 or GB18030), .docx or .md{hint}"
    )]
    WrongKind {
        path: PathBuf,
        what: &'static str,
        hint: &'static str,
    },
    #[error("{path}: the Word document is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },
}

/// The text of the report at `path`.
pub fn read_report(path: &Path) -> Result<String, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::Folder {
            path: path.to_owned(),
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    read_limited(file, path)
}

/// Reads at most [`MAX_REPORT_BYTES`] from `reader` (a file or standard
/// input) and decodes it; `name` names it in errors.
pub fn read_limited(reader: impl Read, name: &Path) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_REPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: name.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(ReadError::TooLarge {
            path: name.to_owned(),
            limit: MAX_REPORT_BYTES / (1024 * 1024),
        });
    }
    decode_report(&bytes, name)
}

/// What a file's first bytes say it is, when it is not text.
fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"%PDF") {
        return Some(("a PDF", " (copy its text into a .txt file)"));
    }
    if starts(b"\x89PNG")
        || starts(b"\xFF\xD8\xFF")
        || starts(b"GIF8")
        || starts(b"BM")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
    {
        return Some(("an image", " (a scanned page needs OCR first)"));
    }
    if starts(b"\xD0\xCF\x11\xE0") {
        return Some((
            "an old Word (.doc) or Excel (.xls) file",
            " (save it as .docx or .txt)",
        ));
    }
    if starts(b"\xFF\xFE") || starts(b"\xFE\xFF") {
        return Some(("UTF-16 text", " (save it as UTF-8)"));
    }
    None
}

/// Decodes the bytes of a report named `name` (its extension chooses
/// .docx; .md and .txt are text).
pub fn decode_report(bytes: &[u8], name: &Path) -> Result<String, ReadError> {
    let path = name.to_owned();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { path });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return docx_text(bytes, name);
    }
    if let Some((what, hint)) = sniff(bytes) {
        return Err(ReadError::WrongKind { path, what, hint });
    }
    let text = decode_text(bytes).map_err(|at| {
        if looks_binary(bytes) {
            ReadError::WrongKind {
                path: name.to_owned(),
                what: "a binary file",
                hint: "",
            }
        } else {
            ReadError::NotText {
                path: name.to_owned(),
                at,
            }
        }
    })?;
    let is_md = name
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let text = if is_md { markdown_text(&text) } else { text };
    if text.trim().is_empty() {
        return Err(ReadError::Empty { path });
    }
    Ok(text)
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let controls = sample
        .iter()
        .filter(|b| **b < 0x09 || (0x0E..0x20).contains(*b) && **b != 0x1B)
        .count();
    sample.contains(&0) || controls * 20 > sample.len()
}

/// UTF-8 (BOM dropped), else GB18030 when it decodes cleanly into mostly
/// Chinese; else the byte where UTF-8 failed.
fn decode_text(bytes: &[u8]) -> Result<String, usize> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(bytes.iter().position(|b| *b == 0).unwrap_or(0));
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(s.to_owned()),
        Err(e) => e.valid_up_to(),
    };
    let decoded = encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(utf8_error)?;
    let non_ascii: Vec<char> = decoded.chars().filter(|c| !c.is_ascii()).collect();
    let chinese = non_ascii
        .iter()
        .filter(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(*c)
                || ('\u{3000}'..='\u{303f}').contains(*c)
                || ('\u{ff00}'..='\u{ffef}').contains(*c)
                || ('\u{2000}'..='\u{206f}').contains(*c)
        })
        .count();
    if non_ascii.is_empty() || chinese * 10 < non_ascii.len() * 9 {
        return Err(utf8_error);
    }
    Ok(decoded.into_owned())
}

/// Markdown as plain paragraphs: heading marks, emphasis and list bullets
/// dropped, one paragraph a line.
fn markdown_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.lines() {
        let l = line.trim_start();
        let l = l.trim_start_matches('#').trim_start();
        let l = l
            .strip_prefix("- ")
            .or_else(|| l.strip_prefix("* "))
            .or_else(|| l.strip_prefix("> "))
            .unwrap_or(l);
        out.push_str(&l.replace("**", "").replace("__", ""));
        out.push('\n');
    }
    out
}

/// The paragraphs of a .docx, one a line.
fn docx_text(bytes: &[u8], name: &Path) -> Result<String, ReadError> {
    let damaged = |detail: String| ReadError::Damaged {
        path: name.to_owned(),
        detail,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    let mut entry = match zip.by_name("word/document.xml") {
        Ok(e) => e,
        Err(_) => {
            return Err(ReadError::WrongKind {
                path: name.to_owned(),
                what: "a ZIP archive without word/document.xml (an .xlsx or other package)",
                hint: "",
            });
        }
    };
    let mut xml = String::new();
    (&mut entry)
        .take(8 * MAX_REPORT_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| damaged(format!("word/document.xml: {e}")))?;
    let mut reader = Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            damaged(format!(
                "word/document.xml at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:br" | "w:cr" => out.push('\n'),
                "w:tab" => out.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let s = crate::import::docx::entity_text(&r);
                out.push_str(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if out.trim().is_empty() {
        return Err(ReadError::Empty {
            path: name.to_owned(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], name: &str) -> Result<String, ReadError> {
        decode_report(bytes, Path::new(name))
    }

    #[test]
    fn encodings() {
        let text = "2025年政府工作报告\n城镇新增就业8万人以上。\n";
        assert_eq!(decode(text.as_bytes(), "a.txt").unwrap(), text);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom, "a.txt").unwrap(), text);
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode(&gb, "a.txt").unwrap(), text);
        let latin1: &[u8] = b"caf\xe9 cr\xe8me br\xfbl\xe9e";
        assert!(matches!(
            decode(latin1, "a.txt"),
            Err(ReadError::NotText { .. })
        ));
    }

    #[test]
    fn refusals_say_what_the_file_is() {
        assert!(matches!(decode(b"", "a.txt"), Err(ReadError::Empty { .. })));
        assert!(matches!(
            decode(b" \n\n", "a.txt"),
            Err(ReadError::Empty { .. })
        ));
        let e = decode(b"%PDF-1.7\n...", "a.pdf").unwrap_err();
        assert!(e.to_string().contains("a PDF"), "{e}");
        let e = decode(b"\x89PNG\r\n\x1a\n\0\0", "a.png").unwrap_err();
        assert!(e.to_string().contains("image"), "{e}");
        let e = decode(&[0u8, 1, 2, 3, 200, 201, 0, 9], "a.bin").unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
        let big = vec![b'a'; (MAX_REPORT_BYTES + 10) as usize];
        let e = read_limited(big.as_slice(), Path::new("big.txt")).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }));
        let dir = std::env::temp_dir();
        assert!(matches!(read_report(&dir), Err(ReadError::Folder { .. })));
    }

    #[test]
    fn markdown_and_docx() {
        let md = "# 2025年政府工作报告\n\n**新增就业**8万人。\n";
        assert_eq!(
            decode(md.as_bytes(), "r.md").unwrap(),
            "2025年政府工作报告\n\n新增就业8万人。\n"
        );
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            std::io::Write::write_all(
                &mut z,
                "<w:document><w:body><w:p><w:r><w:t>一、主要目标</w:t></w:r></w:p><w:p><w:r><w:t>新增就业8万人</w:t></w:r><w:r><w:t>以上。</w:t></w:r></w:p></w:body></w:document>".as_bytes(),
            )
            .unwrap();
            z.finish().unwrap();
        }
        let text = decode(buf.get_ref(), "r.docx").unwrap();
        assert_eq!(text, "一、主要目标\n新增就业8万人以上。\n");
        let e = decode(b"PK\x03\x04garbage", "r.docx").unwrap_err();
        assert!(matches!(e, ReadError::Damaged { .. }), "{e}");
    }
}
