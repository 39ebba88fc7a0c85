//! Fixtures shared by the integration tests.

#![allow(dead_code)]

#[cfg(target_os = "linux")]
pub mod unprivileged;

pub mod fill_xlsx;

pub mod cli;

use commitments::model::{
    Commitment, CommitmentId, Comparator, Department, DeptId, Kind, Plan, Target,
};

/// A valid plan with one department (工信局) leading one quantitative
/// commitment (#1, 5G基站 ≥1.4万座).
pub fn five_g_plan(title: &str) -> Plan {
    let mut plan = Plan::new(title, 2023);
    plan.departments.insert(
        DeptId::new("gxj"),
        Department {
            id: DeptId::new("gxj"),
            name: "市工业和信息化局".to_owned(),
            short_name: "工信局".to_owned(),
        },
    );
    let mut c = Commitment::new(
        CommitmentId(1),
        "新建5G基站",
        Kind::Quantitative(Target {
            metric: "5G基站".to_owned(),
            comparator: Comparator::AtLeast,
            low: 14_000.0,
            high: 14_000.0,
            unit: "座".to_owned(),
            cumulative: true,
            baseline: None,
            baseline_date: None,
            better: None,
        }),
    );
    c.lead = Some(DeptId::new("gxj"));
    plan.commitments.insert(c.id, c);
    plan
}
