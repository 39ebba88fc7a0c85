//! Text as people type and paste it: from WPS, Excel or a web page it can
//! carry carriage returns, tabs and invisible control characters. Fields
//! keep what a reader can see; the rest is dropped where text enters.

use std::borrow::Cow;

/// `text` with Windows and old-Mac line ends made `\n`, control characters
/// dropped, and, for one-line fields, line breaks and tabs made spaces.
/// Format characters (right-to-left marks, joiners) are kept.
pub fn clean(text: &str, multiline: bool) -> Cow<'_, str> {
    let needs = text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(if multiline { '\n' } else { ' ' });
            }
            '\n' | '\t' if !multiline => out.push(' '),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_reader_cannot_see_is_dropped() {
        assert_eq!(clean("新建5G基站", false), "新建5G基站");
        assert!(matches!(clean("第一行\n第二行", true), Cow::Borrowed(_)));
        assert_eq!(
            clean("第一行\r\n第二行\r第三行", true),
            "第一行\n第二行\n第三行"
        );
        assert_eq!(clean("标题\r\n续\t完", false), "标题 续 完");
        assert_eq!(clean("响\u{7}铃\u{0}\u{85}", false), "响铃");
        assert_eq!(
            clean("\u{200F}مرحبا\u{200D}", false),
            "\u{200F}مرحبا\u{200D}"
        );
    }
}
