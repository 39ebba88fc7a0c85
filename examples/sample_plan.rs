use chrono::NaiveDate;
use commitments::model::*;
fn main() {
    let mut p = Plan::new("2023年太原市政府工作报告重点任务", 2023);
    p.departments.insert(
        DeptId::new("gxj"),
        Department {
            id: DeptId::new("gxj"),
            name: "市工业和信息化局".into(),
            short_name: "工信局".into(),
        },
    );
    let mut c = Commitment::new(
        CommitmentId(1),
        "5G基站达到1.4万座以上",
        Kind::Quantitative(Target {
            metric: "5G基站数量".into(),
            comparator: Comparator::AtLeast,
            low: 14000.0,
            high: 14000.0,
            unit: "座".into(),
            cumulative: true,
            baseline: Some(9000.0),
            baseline_date: NaiveDate::from_ymd_opt(2022, 12, 31),
        }),
    );
    c.lead = Some(DeptId::new("gxj"));
    c.due = NaiveDate::from_ymd_opt(2023, 12, 31);
    c.section = "二、...".into();
    c.source_quote = "年内5G基站达到1.4万座以上".into();
    c.tags = vec!["数字经济".into()];
    p.commitments.insert(c.id, c);
    let mut m = Commitment::new(
        CommitmentId(2),
        "西北二环高速竣工",
        Kind::Milestone {
            sub_milestones: vec![SubMilestone {
                title: "主体完工".into(),
                due: NaiveDate::from_ymd_opt(2023, 9, 30).unwrap(),
                done_on: None,
            }],
        },
    );
    m.cooperating = vec![DeptId::new("gxj")];
    p.commitments.insert(m.id, m);
    p.commitments.insert(
        CommitmentId(3),
        Commitment::new(CommitmentId(3), "深化改革", Kind::Qualitative),
    );
    print!("{}", commitments::storage::format::to_ron(&p).unwrap());
}
