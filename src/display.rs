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

/// Parses a number as people type it: `14000`, `1.4万`, `1,000亿`, `97%`.
/// Returns the value in the base unit, or a message saying what was expected.
pub fn parse_number(text: &str) -> Result<f64, String> {
    let t = text.trim().replace([',', '，', ' '], "");
    if t.is_empty() {
        return Err("expected a number, found nothing".to_owned());
    }
    let t = t.strip_suffix('%').unwrap_or(&t);
    let (digits, factor) = if let Some(d) = t.strip_suffix('亿') {
        (d, 1e8)
    } else if let Some(d) = t.strip_suffix('万') {
        (d, 1e4)
    } else {
        (t, 1.0)
    };
    match digits.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v * factor),
        _ => Err(format!(
            "expected a number such as 14000 or 1.4万, found '{}'",
            text.trim()
        )),
    }
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
}
