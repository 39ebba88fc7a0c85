//! Numbers the way the report writes them (1.4万座, 1000亿元) and in full (14,000座).

/// A value in the report's style: 万 and 亿 for large counts, trailing zeros trimmed.
pub fn report_style(value: f64, unit: &str) -> String {
    if !value.is_finite() {
        return format!("{value}{unit}");
    }
    let abs = value.abs();
    let (scaled, suffix) = if unit == "%" {
        (value, "")
    } else if abs >= 1e8 {
        (value / 1e8, "亿")
    } else if abs >= 1e4 {
        (value / 1e4, "万")
    } else {
        (value, "")
    };
    format!("{}{suffix}{unit}", trim_number(scaled, 2))
}

/// A value in full, with thousands separators: 100,000,000,000元.
pub fn full_style(value: f64, unit: &str) -> String {
    if !value.is_finite() {
        return format!("{value}{unit}");
    }
    let text = trim_number(value, 4);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}{unit}"),
        None => format!("{sign}{grouped}{unit}"),
    }
}

/// A number with at most `decimals` decimals, trailing zeros trimmed.
pub fn trim_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    if text == "-0" { "0".to_owned() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_style_matches_the_report() {
        assert_eq!(report_style(14000.0, "座"), "1.4万座");
        assert_eq!(report_style(100_000_000_000.0, "元"), "1000亿元");
        assert_eq!(report_style(2_000_000_000.0, "元"), "20亿元");
        assert_eq!(report_style(80000.0, "人"), "8万人");
        assert_eq!(report_style(1_000_000.0, "吨"), "100万吨");
        assert_eq!(report_style(97.0, "%"), "97%");
        assert_eq!(report_style(6.5, "%"), "6.5%");
        assert_eq!(report_style(5.0, "户"), "5户");
    }

    #[test]
    fn full_style_groups_thousands() {
        assert_eq!(full_style(14000.0, "座"), "14,000座");
        assert_eq!(full_style(100_000_000_000.0, "元"), "100,000,000,000元");
        assert_eq!(full_style(-1234.5, ""), "-1,234.5");
        assert_eq!(full_style(999.0, "家"), "999家");
    }
}

/// The largest magnitude a value may have once 万/亿/万亿 are applied: a
/// plan's figures are counts, money and percentages, far below it, and
/// anything above it (`1e307亿`) is a typing accident, not a target.
pub const MAX_VALUE: f64 = 1e15;

/// Parses a number as people type it: `14000`, `1.4万`, `1,000亿`, `2万亿`, `97%`.
/// Returns the value in the base unit, finite and within ±[`MAX_VALUE`],
/// or a message saying what was expected.
pub fn parse_number(text: &str) -> Result<f64, String> {
    parse_value(text, "")
}

/// Like [`parse_number`], also accepting the unit of the target after the
/// number (`1.3万座` for a target in 座); another unit is an error naming
/// the expected one.
pub fn parse_value(text: &str, unit: &str) -> Result<f64, String> {
    let t = text.trim().replace([',', '，', ' '], "");
    if t.is_empty() {
        return Err("expected a number, found nothing".to_owned());
    }
    let unit = unit.trim();
    let t = match t.strip_suffix(unit) {
        Some(rest) if !unit.is_empty() && !rest.is_empty() => rest.to_owned(),
        _ => t,
    };
    let t = t.strip_suffix('%').unwrap_or(&t);
    // A unit that is not the target's: the trailing run of letters that
    // are neither digits nor 万/亿 (ASCII words such as `inf` stay numbers,
    // and fail as such below).
    let number_end = t
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '.' | '万' | '亿' | '%'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let suffix = &t[number_end..];
    if !suffix.is_empty() && number_end > 0 {
        return Err(if unit.is_empty() {
            format!(
                "expected a number such as 14000 or 1.4万, found the unit '{suffix}' in '{}'",
                text.trim()
            )
        } else {
            format!(
                "expected the target's unit {unit} (or none), found '{suffix}' in '{}'",
                text.trim()
            )
        });
    }
    let (digits, factor) = if let Some(d) = t.strip_suffix("万亿") {
        (d, 1e12)
    } else if let Some(d) = t.strip_suffix('亿') {
        (d, 1e8)
    } else if let Some(d) = t.strip_suffix('万') {
        (d, 1e4)
    } else {
        (t, 1.0)
    };
    let not_a_number = || {
        format!(
            "expected a number such as 14000 or 1.4万, found '{}'",
            text.trim()
        )
    };
    if digits.contains(['万', '亿']) {
        return Err(not_a_number());
    }
    let v = digits.parse::<f64>().map_err(|_| not_a_number())?;
    let v = v * factor;
    if !v.is_finite() || v.abs() > MAX_VALUE {
        return Err(format!(
            "expected a number between -1000万亿 and 1000万亿 (±1e15), found '{}'",
            text.trim()
        ));
    }
    // `-0` is typed as 0.
    Ok(if v == 0.0 { 0.0 } else { v })
}

#[cfg(test)]
mod parse_tests {
    use super::parse_number;

    #[test]
    fn parses_report_numbers() {
        assert_eq!(parse_number("1.4万"), Ok(14000.0));
        assert_eq!(parse_number("1,000亿"), Ok(100_000_000_000.0));
        assert_eq!(parse_number(" 97% "), Ok(97.0));
        assert!(parse_number("abc").is_err());
        assert!(parse_number("inf").is_err());
        assert!(parse_number("").is_err());
    }

    #[test]
    fn huge_values_are_refused_after_scaling() {
        for text in ["1e307亿", "1e308万", "1e300", "2e15", "1e8亿", "-1e12万"] {
            let e = parse_number(text).unwrap_err();
            assert!(e.contains("1e15"), "{text}: {e}");
        }
        assert_eq!(parse_number("1000万亿"), Ok(1e15));
        assert_eq!(parse_number("2万亿"), Ok(2e12));
        assert!(parse_number("1万万").is_err());
        assert!(parse_number("nan").is_err());
        assert!(parse_number("-inf").is_err());
    }

    #[test]
    fn the_target_unit_may_follow_the_number() {
        use super::parse_value;
        assert_eq!(parse_value("1.3万座", "座"), Ok(13000.0));
        assert_eq!(parse_value("1.3万", "座"), Ok(13000.0));
        assert_eq!(parse_value("97%", "%"), Ok(97.0));
        assert_eq!(parse_value("1000亿元", "元"), Ok(1e11));
        let e = parse_value("1.3万个", "座").unwrap_err();
        assert!(e.contains("座") && e.contains("个"), "{e}");
        let e = parse_number("5户").unwrap_err();
        assert!(e.contains("户"), "{e}");
        assert!(parse_value("座", "座").is_err());
    }
}
