//! The styles and fonts of the documents. Fonts are named, never embedded
//! (office machines have them); every run names its East-Asian font in
//! `w:eastAsia` with `w:hint="eastAsia"`, which is what Word and WPS read
//! for Chinese text, and the font table gives each a fallback (`w:altName`).

use std::fmt::Write as _;

use super::page::LINE_PITCH;

pub const XML_HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
pub const NAMESPACES: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// 标题: 2号 方正小标宋简体.
pub const TITLE_FONT: &str = "方正小标宋简体";
/// 正文: 3号 仿宋_GB2312.
pub const BODY_FONT: &str = "仿宋_GB2312";
/// 一级标题: 黑体.
pub const HEADING1_FONT: &str = "黑体";
/// 二级标题: 楷体_GB2312.
pub const HEADING2_FONT: &str = "楷体_GB2312";
/// 页码: 宋体.
pub const PAGE_NUMBER_FONT: &str = "宋体";

/// Each font named in the documents and the font a machine without it uses.
pub const FONTS: [(&str, &str); 5] = [
    (TITLE_FONT, "黑体"),
    (BODY_FONT, "仿宋"),
    (HEADING1_FONT, "SimHei"),
    (HEADING2_FONT, "楷体"),
    (PAGE_NUMBER_FONT, "SimSun"),
];

/// 3号, 2号, 4号 and 五号 in half-points.
pub const SIZE_3: u32 = 32;
pub const SIZE_2: u32 = 44;
pub const SIZE_4: u32 = 28;
pub const SIZE_5: u32 = 21;
/// The 版头 (督查通报 in red): 小初 and a bit.
pub const SIZE_MASTHEAD: u32 = 80;
/// 版头 red.
pub const RED: &str = "E60012";

/// The paragraph styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// 正文: indented two characters, justified.
    Body,
    /// 正文 without the indent (the addressee line, 附件 label).
    Plain,
    /// The red 版头.
    Masthead,
    /// Centred 正文 (第N期, the document number).
    Centred,
    Title,
    Heading1,
    Heading2,
    /// The issuer and date at the end, right-aligned, four characters in.
    Signature,
    TableHeader,
    TableText,
    Footer,
}

impl Style {
    pub const ALL: [Style; 11] = [
        Style::Body,
        Style::Plain,
        Style::Masthead,
        Style::Centred,
        Style::Title,
        Style::Heading1,
        Style::Heading2,
        Style::Signature,
        Style::TableHeader,
        Style::TableText,
        Style::Footer,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Style::Body => "Normal",
            Style::Plain => "Plain",
            Style::Masthead => "Masthead",
            Style::Centred => "Centred",
            Style::Title => "Title",
            Style::Heading1 => "Heading1",
            Style::Heading2 => "Heading2",
            Style::Signature => "Signature",
            Style::TableHeader => "TableHeader",
            Style::TableText => "TableText",
            Style::Footer => "Footer",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Style::Body => "Normal",
            Style::Plain => "正文无缩进",
            Style::Masthead => "版头",
            Style::Centred => "正文居中",
            Style::Title => "Title",
            Style::Heading1 => "heading 1",
            Style::Heading2 => "heading 2",
            Style::Signature => "落款",
            Style::TableHeader => "表头",
            Style::TableText => "表格文字",
            Style::Footer => "footer",
        }
    }

    /// (font, size in half-points, bold, colour)
    fn run(self) -> (&'static str, u32, bool, Option<&'static str>) {
        match self {
            Style::Masthead => (TITLE_FONT, SIZE_MASTHEAD, false, Some(RED)),
            Style::Title => (TITLE_FONT, SIZE_2, false, None),
            Style::Heading1 => (HEADING1_FONT, SIZE_3, false, None),
            Style::Heading2 => (HEADING2_FONT, SIZE_3, false, None),
            Style::TableHeader => (HEADING1_FONT, SIZE_5, false, None),
            Style::TableText => (BODY_FONT, SIZE_5, false, None),
            Style::Footer => (PAGE_NUMBER_FONT, SIZE_4, false, None),
            Style::Body | Style::Plain | Style::Centred | Style::Signature => {
                (BODY_FONT, SIZE_3, false, None)
            }
        }
    }

    fn paragraph(self) -> String {
        // Every style is based on the body's, whose first line is indented
        // two characters: the others say they are not, or a table cell, a
        // title or a page number starts two characters in (as it did in
        // LibreOffice and Word: 序号 and 53.7% broke over two lines).
        const NO_INDENT: &str = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
        let exact = format!(
            "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/>"
        );
        match self {
            Style::Body => format!(
                "{exact}<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>"
            ),
            Style::Plain => format!("{exact}{NO_INDENT}<w:jc w:val=\"both\"/>"),
            Style::Masthead => format!(
                "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"1200\" w:lineRule=\"exact\"/>{NO_INDENT}<w:jc w:val=\"center\"/>"
            ),
            Style::Centred => format!("{exact}{NO_INDENT}<w:jc w:val=\"center\"/>"),
            Style::Title => format!(
                "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>{NO_INDENT}<w:jc w:val=\"center\"/>",
                LINE_PITCH + 120
            ),
            Style::Heading1 | Style::Heading2 => format!(
                "<w:keepNext/>{exact}<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"{}\"/>",
                if self == Style::Heading1 { 0 } else { 1 }
            ),
            Style::Signature => format!(
                "{exact}<w:ind w:right=\"1280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>"
            ),
            Style::TableHeader => format!(
                "<w:keepNext/><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"280\" w:lineRule=\"atLeast\"/>{NO_INDENT}<w:jc w:val=\"center\"/>"
            ),
            Style::TableText => format!(
                "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"280\" w:lineRule=\"atLeast\"/>{NO_INDENT}<w:jc w:val=\"left\"/>"
            ),
            Style::Footer => format!(
                "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\"/>{NO_INDENT}"
            ),
        }
    }
}

/// The run properties that name a font in every slot Word and WPS read.
pub fn fonts(font: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" w:cs=\"{font}\" w:hint=\"eastAsia\"/>"
    )
}

fn run_properties(font: &str, size: u32, bold: bool, colour: Option<&str>) -> String {
    let mut out = fonts(font);
    if bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if let Some(c) = colour {
        let _ = write!(out, "<w:color w:val=\"{c}\"/>");
    }
    let _ = write!(out, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
    out
}

/// `word/styles.xml`.
pub fn styles_xml() -> String {
    let mut out = String::from(XML_HEADER);
    let _ = write!(
        out,
        "<w:styles {NAMESPACES}><w:docDefaults><w:rPrDefault><w:rPr>{}\
<w:spacing w:val=\"{}\"/><w:kern w:val=\"2\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        run_properties(BODY_FONT, SIZE_3, false, None),
        super::page::CHAR_SPACING
    );
    for style in Style::ALL {
        let (font, size, bold, colour) = style.run();
        let default = if style == Style::Body {
            " w:default=\"1\""
        } else {
            ""
        };
        let based = if style == Style::Body {
            String::new()
        } else {
            "<w:basedOn w:val=\"Normal\"/>".to_owned()
        };
        let _ = write!(
            out,
            "<w:style w:type=\"paragraph\"{default} w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{based}<w:qFormat/>\
<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>",
            id = style.id(),
            name = style.name(),
            ppr = style.paragraph(),
            rpr = run_properties(font, size, bold, colour),
        );
    }
    out.push_str("</w:styles>");
    out
}

/// `word/fontTable.xml`: each font with its fallback and the GB 2312 charset.
pub fn font_table_xml() -> String {
    let mut out = String::from(XML_HEADER);
    let _ = write!(out, "<w:fonts {NAMESPACES}>");
    for (font, alt) in FONTS {
        let _ = write!(
            out,
            "<w:font w:name=\"{font}\"><w:altName w:val=\"{alt}\"/><w:charset w:val=\"86\"/>\
<w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>"
        );
    }
    out.push_str("</w:fonts>");
    out
}

/// `word/settings.xml`: different footers on odd and even pages (the page
/// number on the outside edge), Chinese line breaking.
pub fn settings_xml() -> String {
    format!(
        "{XML_HEADER}<w:settings {NAMESPACES}><w:evenAndOddHeaders/><w:defaultTabStop w:val=\"640\"/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/>\
<w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/>\
<w:useFELayout/></w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>"
    )
}
