//! The extractor on the cases the issue spells out.

use super::*;
use crate::model::Comparator;

fn targets(text: &str) -> Vec<(String, Comparator, f64, f64, String)> {
    extract(text, &ExtractOptions { year: Some(2025) })
        .drafts
        .into_iter()
        .filter_map(|d| match d.kind {
            Kind::Quantitative(t) => Some((d.quote, t.comparator, t.low, t.high, t.unit)),
            _ => None,
        })
        .collect()
}

#[test]
fn one_commitment_per_value() {
    let t = targets("今年主要预期目标是：城镇新增就业8万人以上、城镇调查失业率5.5%左右。");
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(
        (t[0].1, t[0].2, t[0].4.as_str()),
        (Comparator::AtLeast, 80000.0, "人")
    );
    assert_eq!((t[1].1, t[1].2), (Comparator::Approx, 5.5));
    let t = targets("城乡居民人均可支配收入分别增长6%和5%左右。");
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].0, t[1].0);
    assert_eq!(t[0].1, Comparator::Approx);
    let t = targets("地区生产总值增长7%以上、力争达到8%。");
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!((t[0].1, t[1].1), (Comparator::AtLeast, Comparator::Exact));
}

#[test]
fn numbers_as_reports_write_them() {
    let t = targets(
        "年内新建5G基站1.4万座以上，完成投资1000亿元，培育3-5家链主企业，新增2.1万余户，推介项目总投资不低于2000亿元。",
    );
    let v: Vec<(Comparator, f64, f64)> = t.iter().map(|x| (x.1, x.2, x.3)).collect();
    assert_eq!(
        v,
        vec![
            (Comparator::AtLeast, 14000.0, 14000.0),
            (Comparator::Exact, 1e11, 1e11),
            (Comparator::Range, 3.0, 5.0),
            (Comparator::AtLeast, 21000.0, 21000.0),
            (Comparator::AtLeast, 2e11, 2e11),
        ]
    );
}

#[test]
fn past_results_names_and_thresholds_are_left_out() {
    let text = "一、2024年工作回顾\n全市地区生产总值增长5.2%，新增就业8.1万人。\n二、2025年工作安排\n\
                深入实施“十四五”规划，围绕28条重点产业链，支持营收1亿元以上企业，发挥10亿元专项资金作用，\
                为65岁及以上老人服务，地铁8号线开通。比上年增长5%。新增就业8万人。\n";
    let e = extract(text, &ExtractOptions { year: None });
    assert_eq!(e.year, 2025);
    let quotes: Vec<&str> = e
        .drafts
        .iter()
        .filter(|d| matches!(d.kind, Kind::Quantitative(_)))
        .map(|d| d.quote.as_str())
        .collect();
    assert_eq!(quotes, vec!["新增就业8万人"]);
    assert!(e.skipped.iter().any(|s| s.reason == SkipReason::Past));
}

#[test]
fn deadlines_and_milestones() {
    let e = extract(
        "西北二环高速年底前竣工，6月底前出台实施方案。",
        &ExtractOptions { year: Some(2025) },
    );
    assert_eq!(e.drafts.len(), 2);
    assert!(matches!(e.drafts[0].kind, Kind::Milestone { .. }));
    assert_eq!(e.drafts[0].deadline_text, "年底前");
    assert_eq!(
        e.drafts[1].due,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
    );
    assert!(
        extract("深化改革，扩大开放。", &ExtractOptions { year: Some(2025) })
            .drafts
            .is_empty()
    );
}
