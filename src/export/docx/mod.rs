//! Word documents in the official document format (GB/T 9704-2012): the
//! monthly 督查通报 ([`bulletin`]) and the 督办通知 per department
//! ([`notices`]).
//!
//! - `document.rs`: a document as blocks, its plain text (the window's
//!   preview) and the `.docx` package;
//! - `xml.rs`: the WordprocessingML elements, text always escaped;
//! - `styles.rs`: styles, fonts (named, with East-Asian slots and
//!   fallbacks), settings; `page.rs`: page size, margins, grid, footers;
//! - `bulletin.rs`, `notice.rs`: what the documents say;
//! - `output.rs`: several documents written into a folder, none over a file;
//! - `words.rs`: dates and ordinals as official documents write them.
//!
//! WordprocessingML is written directly (with the `zip` crate the workbook
//! writer already brings): the documents need two sections of different
//! orientation, odd and even footers with a PAGE field, repeated table
//! header rows and East-Asian font slots on every style, which is a few
//! hundred lines of XML.

mod bulletin;
mod document;
mod notice;
pub mod output;
mod page;
mod styles;
mod words;
mod xml;

pub use bulletin::{
    ANNEX_HEADERS, BulletinOptions, DEFAULT_REQUIREMENTS, bulletin, issue_used, next_issue_number,
    office, requirements, with_issue_recorded,
};
pub use document::{Annex, Block, Document};
pub use notice::{Notice, NoticeOptions, next_notice_number, notices, reference, with_sequence};
pub use page::{A4_LONG, A4_SHORT, BOTTOM, LEFT, LINE_PITCH, RIGHT, TOP};
pub use styles::{BODY_FONT, HEADING1_FONT, HEADING2_FONT, TITLE_FONT};
pub use words::chinese_date;
pub use xml::Cell;

use super::{ExportError, Snapshot};

/// Writes the 通报 of a snapshot with the default options (the next issue
/// number, the plan's office and requirements).
pub fn write(snapshot: &Snapshot, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    bulletin(snapshot, &BulletinOptions::for_snapshot(snapshot)).write(out)
}
