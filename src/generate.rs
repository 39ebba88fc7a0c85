//! Synthetic plans for benchmarks and scale tests: realistic Chinese titles,
//! about 40 departments, progress logs. Deterministic for a given seed.

use chrono::{Days, NaiveDate};

use crate::model::{
    Commitment, CommitmentId, Comparator, Department, DeptId, Kind, Plan, ProgressEntry, Status,
    SubMilestone, Target,
};

/// How much each generated commitment carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Only what a Taskwarrior task carries: title, department, due date, status, one tag.
    Bare,
    /// A source quote, a target and a progress log of a few entries.
    #[default]
    Realistic,
}

const DEPARTMENTS: [(&str, &str, &str); 40] = [
    ("fgw", "市发展和改革委员会", "发改委"),
    ("gxj", "市工业和信息化局", "工信局"),
    ("swj", "市商务局", "商务局"),
    ("kjj", "市科学技术局", "科技局"),
    ("spj", "市行政审批服务管理局", "审批局"),
    ("tcj", "市投资促进局", "投促局"),
    ("czj", "市财政局", "财政局"),
    ("tjj", "市统计局", "统计局"),
    ("rsj", "市人力资源和社会保障局", "人社局"),
    ("scjgj", "市市场监督管理局", "市场监管局"),
    ("zjj", "市住房和城乡建设局", "住建局"),
    ("jtj", "市交通运输局", "交通局"),
    ("gtj", "市规划和自然资源局", "规划和自然资源局"),
    ("sthjj", "市生态环境局", "生态环境局"),
    ("nyncj", "市农业农村局", "农业农村局"),
    ("wlj", "市文化和旅游局", "文旅局"),
    ("jyj", "市教育局", "教育局"),
    ("wjw", "市卫生健康委员会", "卫健委"),
    ("mzj", "市民政局", "民政局"),
    ("ybj", "市医疗保障局", "医保局"),
    ("swuj", "市水务局", "水务局"),
    ("cgj", "市城市管理局", "城管局"),
    ("yjj", "市应急管理局", "应急局"),
    ("gaj", "市公安局", "公安局"),
    ("gzw", "市人民政府国有资产监督管理委员会", "国资委"),
    ("jrj", "市地方金融监督管理局", "金融局"),
    ("nyj", "市能源局", "能源局"),
    ("sjj", "市大数据发展局", "大数据局"),
    ("rcb", "市委人才工作领导小组办公室", "人才办"),
    ("tyjrj", "市退役军人事务局", "退役军人局"),
    ("tyj", "市体育局", "体育局"),
    ("xczxj", "市乡村振兴局", "乡村振兴局"),
    ("lyj", "市林业局", "林业局"),
    ("sfj", "市司法局", "司法局"),
    ("xfj", "市信访局", "信访局"),
    ("ggzy", "市公共资源交易中心", "交易中心"),
    ("rfb", "市人民防空办公室", "人防办"),
    ("dag", "市档案馆", "档案馆"),
    ("qxj", "市气象局", "气象局"),
    ("ylj", "市园林局", "园林局"),
];

const VERBS: [&str; 12] = [
    "推进", "建成", "新建", "改造", "培育", "引进", "打造", "完成", "实施", "新增", "落实", "提升",
];
const OBJECTS: [(&str, &str); 16] = [
    ("5G基站", "座"),
    ("专精特新企业", "户"),
    ("城市更新项目", "个"),
    ("老旧小区", "个"),
    ("高标准农田", "亩"),
    ("充电桩", "个"),
    ("城镇新增就业", "人"),
    ("签约项目投资额", "元"),
    ("重点工程", "项"),
    ("普惠性托育机构", "家"),
    ("公办幼儿园学位", "个"),
    ("城市道路", "公里"),
    ("口袋公园", "个"),
    ("污水管网", "公里"),
    ("科技型中小企业", "家"),
    ("技能人才", "人"),
];
const PLACES: [&str; 10] = [
    "小店区",
    "迎泽区",
    "杏花岭区",
    "尖草坪区",
    "万柏林区",
    "晋源区",
    "清徐县",
    "阳曲县",
    "娄烦县",
    "古交市",
];
const TAGS: [&str; 8] = [
    "民生",
    "产业",
    "交通",
    "数字经济",
    "生态",
    "改革",
    "开放",
    "安全",
];
const SECTIONS: [&str; 8] = [
    "一、坚持创新驱动，加快建设国家区域科技创新中心",
    "二、坚持项目为王，扩大有效投资",
    "三、坚持扩大内需，促进消费提质升级",
    "四、坚持改革开放，激发市场主体活力",
    "五、坚持城乡融合，推进以人为核心的新型城镇化",
    "六、坚持绿色发展，建设美丽太原",
    "七、坚持人民至上，持续增进民生福祉",
    "八、坚持统筹发展和安全，建设更高水平平安太原",
];

/// A plan of `count` commitments over about 40 departments.
pub fn generate(count: usize, seed: u64, profile: Profile) -> Plan {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut plan = Plan::new(format!("合成计划（{count}项）"), 2023);
    plan.issuer = "合成数据".to_owned();
    plan.notes = "由 commitments generate 生成，用于性能和规模测试。".to_owned();
    for (id, name, short) in DEPARTMENTS {
        plan.departments.insert(
            DeptId::new(id),
            Department {
                id: DeptId::new(id),
                name: name.to_owned(),
                short_name: short.to_owned(),
            },
        );
    }
    let year_start = plan.period_start();
    for n in 1..=count {
        let id = CommitmentId(n as u32);
        let c = match profile {
            Profile::Bare => bare(&mut rng, id, year_start),
            Profile::Realistic => realistic(&mut rng, id, year_start),
        };
        plan.commitments.insert(id, c);
    }
    plan
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn date(start: NaiveDate, day: u64) -> NaiveDate {
    start.checked_add_days(Days::new(day)).unwrap_or(start)
}

fn title(rng: &mut fastrand::Rng) -> (String, &'static str, &'static str) {
    let verb = pick(rng, &VERBS);
    let (object, unit) = *pick(rng, &OBJECTS);
    let place = pick(rng, &PLACES);
    (format!("{place}{verb}{object}"), object, unit)
}

fn bare(rng: &mut fastrand::Rng, id: CommitmentId, year_start: NaiveDate) -> Commitment {
    let (title, _, _) = title(rng);
    let mut c = Commitment::new(id, title, Kind::Qualitative);
    c.lead = Some(DeptId::new(pick(rng, &DEPARTMENTS).0));
    c.due = Some(date(year_start, rng.u64(60..365)));
    c.tags = vec![pick(rng, &TAGS).to_string()];
    c.status = match rng.u8(0..10) {
        0..=2 => Status::NotStarted,
        3..=7 => Status::InProgress,
        _ => Status::Done,
    };
    if c.status == Status::Done {
        c.done_on = c.due;
    }
    c
}

fn realistic(rng: &mut fastrand::Rng, id: CommitmentId, year_start: NaiveDate) -> Commitment {
    let (title, object, unit) = title(rng);
    let amount = match unit {
        "元" => rng.u64(1..200) as f64 * 1e8,
        "人" => rng.u64(1..20) as f64 * 1e4,
        "亩" => rng.u64(1..50) as f64 * 1e3,
        _ => rng.u64(3..500) as f64,
    };
    let kind = match rng.u8(0..10) {
        0..=5 => Kind::Quantitative(Target {
            metric: object.to_owned(),
            comparator: if rng.bool() {
                Comparator::AtLeast
            } else {
                Comparator::Exact
            },
            low: amount,
            high: amount,
            unit: unit.to_owned(),
            cumulative: true,
            baseline: None,
            baseline_date: None,
            better: None,
        }),
        6..=7 => Kind::Milestone {
            sub_milestones: (1..=3)
                .map(|q| SubMilestone {
                    title: format!("第{q}阶段节点"),
                    due: date(year_start, 90 * q),
                    done_on: rng.bool().then(|| date(year_start, 90 * q - 5)),
                })
                .collect(),
        },
        _ => Kind::Qualitative,
    };
    let quantitative = matches!(kind, Kind::Quantitative(_));
    let mut c = Commitment::new(id, title.clone(), kind);
    c.section = pick(rng, &SECTIONS).to_string();
    c.source_quote = format!(
        "年内{title}{}，确保按期完成。",
        crate::display::report_style(amount, unit)
    );
    let lead = pick(rng, &DEPARTMENTS).0;
    c.lead = Some(DeptId::new(lead));
    for _ in 0..rng.usize(0..3) {
        let d = pick(rng, &DEPARTMENTS).0;
        if d != lead && !c.cooperating.iter().any(|x| x.0 == d) {
            c.cooperating.push(DeptId::new(d));
        }
    }
    c.due = Some(date(year_start, rng.u64(120..365)));
    c.tags = vec![pick(rng, &TAGS).to_string()];
    let entries = rng.usize(0..5);
    for k in 0..entries {
        let month_day = 30 * (k as u64 + 1) + rng.u64(0..10);
        c.add_progress(ProgressEntry {
            date: date(year_start, month_day),
            value: quantitative.then(|| (amount * (k as f64 + 1.0) / 6.0).round()),
            progress: format!("已完成第{}批次工作，整体进展顺利。", k + 1),
            problems: if rng.u8(0..4) == 0 {
                "要素保障存在缺口。".to_owned()
            } else {
                String::new()
            },
            next_steps: "加快推进，确保按期完成。".to_owned(),
            reporter: "联络员".to_owned(),
            evidence: Vec::new(),
        });
    }
    if rng.u8(0..8) == 0 {
        let on = c.due.unwrap_or(year_start);
        c.change_status(Status::Done, on, "");
    }
    c
}
