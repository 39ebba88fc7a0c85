//! Checks the plan shipped in `assets/plans/taiyuan-2023.ron` against the
//! report it was taken from.

use std::collections::HashSet;

use chrono::NaiveDate;
use commitments::model::{Commitment, Comparator, Kind};
use commitments::storage::format::PlanFile;

const PLAN: &str = include_str!("../assets/plans/taiyuan-2023.ron");
const REPORT: &str = include_str!("../assets/reports/taiyuan-2023.txt");

fn plan() -> PlanFile {
    ron::from_str::<PlanFile>(PLAN).expect("the shipped plan parses")
}

/// All whitespace removed: page breaks split words in the report text.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whitespace removed and curly quotes made straight, for matching the
/// fragments below (written with "") against the report (which uses “”).
fn normalize(s: &str) -> String {
    squeeze(s)
        .chars()
        .map(|c| match c {
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

fn end_of_year() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()
}

/// The one commitment whose quote holds `fragment`.
fn find<'a>(plan: &'a PlanFile, fragment: &str) -> &'a Commitment {
    let fragment = normalize(fragment);
    let found: Vec<&Commitment> = plan
        .commitments
        .iter()
        .filter(|c| normalize(&c.source_quote).contains(&fragment))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one commitment quoting {fragment:?}, found ids {:?}",
        found.iter().map(|c| c.id.0).collect::<Vec<_>>()
    );
    found[0]
}

#[test]
fn parses_and_is_consistent() {
    let plan = plan();
    assert_eq!(plan.format_version, commitments::model::FORMAT_VERSION);
    assert_eq!(plan.year, 2023);
    assert!(
        plan.commitments.len() >= 45,
        "only {} commitments",
        plan.commitments.len()
    );

    let mut ids = HashSet::new();
    for c in &plan.commitments {
        assert!(ids.insert(c.id), "duplicate commitment id {}", c.id);
    }
    let mut dept_ids = HashSet::new();
    for d in &plan.departments {
        assert!(
            dept_ids.insert(d.id.clone()),
            "duplicate department id {}",
            d.id
        );
        assert!(
            !d.name.is_empty() && !d.short_name.is_empty(),
            "department {}",
            d.id
        );
    }

    for c in &plan.commitments {
        assert!(
            !c.title.trim().is_empty(),
            "commitment {} has no title",
            c.id
        );
        assert!(
            !c.section.trim().is_empty(),
            "commitment {} has no section",
            c.id
        );
        assert!(
            !c.source_quote.trim().is_empty(),
            "commitment {} has no source quote",
            c.id
        );
        if let Some(lead) = &c.lead {
            assert!(
                dept_ids.contains(lead),
                "commitment {}: lead {lead} not in the registry",
                c.id
            );
            assert!(
                !c.cooperating.contains(lead),
                "commitment {}: lead {lead} also cooperates",
                c.id
            );
        }
        for d in &c.cooperating {
            assert!(
                dept_ids.contains(d),
                "commitment {}: cooperating {d} not in the registry",
                c.id
            );
        }
    }
}

#[test]
fn quotes_and_sections_are_verbatim() {
    let plan = plan();
    let report = squeeze(REPORT);
    let mut bad = Vec::new();
    for c in &plan.commitments {
        if !report.contains(&squeeze(&c.source_quote)) {
            bad.push(format!(
                "id {}: quote not in the report: {}",
                c.id, c.source_quote
            ));
        }
        if !report.contains(&squeeze(&c.section)) {
            bad.push(format!(
                "id {}: section not in the report: {}",
                c.id, c.section
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn required_targets_have_their_values() {
    use Comparator::*;
    let rows: &[(&str, &[Comparator], f64, f64, &str)] = &[
        ("地区生产总值增长6.5%左右", &[Approx], 6.5, 6.5, "%"),
        ("固定资产投资增长8%", &[Exact, AtLeast], 8.0, 8.0, "%"),
        (
            "社会消费品零售总额增长7.5%",
            &[Exact, AtLeast],
            7.5,
            7.5,
            "%",
        ),
        ("一般公共预算收入增长5%", &[Exact, AtLeast], 5.0, 5.0, "%"),
        (
            "城镇新增就业人数8万人",
            &[Exact, AtLeast],
            80000.0,
            80000.0,
            "人",
        ),
        (
            "居民消费价格指数涨幅控制在3%左右",
            &[Approx, AtMost],
            3.0,
            3.0,
            "%",
        ),
        (
            "年内打造国家级\"小巨人\"企业5户",
            &[Exact, AtLeast],
            5.0,
            5.0,
            "户",
        ),
        (
            "\"专精特新\"中小企业100户",
            &[Exact, AtLeast],
            100.0,
            100.0,
            "户",
        ),
        (
            "食醋全系列产量突破100万吨",
            &[AtLeast],
            1_000_000.0,
            1_000_000.0,
            "吨",
        ),
        (
            "年内5G基站达到1.4万座以上",
            &[AtLeast],
            14_000.0,
            14_000.0,
            "座",
        ),
        ("年内评定市级电商直播基地3-5家", &[Range], 3.0, 5.0, "家"),
        (
            "组织100家科技领军培育企业",
            &[Exact, AtLeast],
            100.0,
            100.0,
            "家",
        ),
        (
            "开展100项关键核心技术攻关",
            &[Exact, AtLeast],
            100.0,
            100.0,
            "项",
        ),
        (
            "设立20亿元国家科技成果转化引导基金太原子基金",
            &[Exact, AtLeast],
            2_000_000_000.0,
            2_000_000_000.0,
            "元",
        ),
        (
            "年内97%以上政务服务事项实现可全程网办",
            &[AtLeast],
            97.0,
            97.0,
            "%",
        ),
        (
            "年度签约项目计划投资额达到1000亿元以上",
            &[AtLeast],
            100_000_000_000.0,
            100_000_000_000.0,
            "元",
        ),
    ];
    let plan = plan();
    for &(fragment, allowed, low, high, unit) in rows {
        let c = find(&plan, fragment);
        let Kind::Quantitative(t) = &c.kind else {
            panic!("id {} ({fragment}) is not quantitative", c.id);
        };
        assert!(
            allowed.contains(&t.comparator),
            "id {} ({fragment}): comparator {:?} not in {allowed:?}",
            c.id,
            t.comparator
        );
        assert_eq!(t.low, low, "id {} ({fragment}): low", c.id);
        if t.comparator == Range {
            assert_eq!(t.high, high, "id {} ({fragment}): high", c.id);
        }
        assert_eq!(t.unit, unit, "id {} ({fragment}): unit", c.id);
    }
}

#[test]
fn required_milestones_exist() {
    // (fragment, whether the report dates it to the end of the year)
    let rows = [
        ("太原西北二环高速年底前竣工", true),
        ("年内实质性启动火工区搬迁改造", true),
        ("推动太原铁路枢纽西环线开工建设", false),
        ("推动市级人才公寓建成投用", false),
        ("推动与腾讯公司合作项目落地", false),
    ];
    let plan = plan();
    for (fragment, end_of_year_due) in rows {
        let c = find(&plan, fragment);
        assert!(
            matches!(c.kind, Kind::Milestone { .. }),
            "id {} ({fragment}) is not a milestone",
            c.id
        );
        if end_of_year_due {
            assert_eq!(c.due, Some(end_of_year()), "id {} ({fragment}): due", c.id);
        }
    }
}

#[test]
fn assignments_are_marked_as_draft_and_owners_are_blank() {
    let plan = plan();
    assert!(plan.notes.contains("草拟"), "notes: {}", plan.notes);
    for c in &plan.commitments {
        assert!(c.owner.is_empty(), "id {} has owner {:?}", c.id, c.owner);
    }
}
