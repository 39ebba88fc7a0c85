//! Strings added for what a new user hits (issue 13): the date picker, the
//! detail panel's summary, plan notes, counts and the dashboard's filter.
//! (key, 中文, English).

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("date.pick", "选择日期", "Pick a date"),
    ("date.previous_month", "上个月", "Previous month"),
    ("date.next_month", "下个月", "Next month"),
    ("date.day", "{date}", "{date}"),
    ("date.today", "今天", "Today"),
    ("date.cancel", "取消", "Cancel"),
    ("detail.progress", "完成进度 {p}", "Progress {p}"),
    (
        "output.not_a_folder",
        "{path} 不是文件夹：请选择一个文件夹",
        "{path} is not a folder: choose a folder",
    ),
    (
        "output.is_folder",
        "{path} 是一个文件夹：请填写文件名",
        "{path} is a folder: give a file name",
    ),
    (
        "output.would_overwrite",
        "不会写在 {path} 上（它是计划、备份或快照）：请换一个文件名",
        "{path} is a plan, a backup or a snapshot; it is never written over: choose another name",
    ),
    (
        "output.exists",
        "{path} 已存在：请换一个文件名，或先移走原文件",
        "{path} exists: choose another name, or move the file away first",
    ),
    (
        "output.locked",
        "{path} 正被其他程序使用：关闭后再试",
        "{path} is in use by another program: close it and try again",
    ),
    (
        "output.folder_not_writable",
        "文件夹 {folder} 不能写入（{why}）：请换一个文件夹",
        "The folder {folder} cannot be written ({why}): choose another folder",
    ),
    (
        "output.io",
        "无法写入 {path}：{why}",
        "Cannot write {path}: {why}",
    ),
    ("detail.expected", "序时进度 {p}", "Expected {p}"),
    ("detail.no_measure", "完成进度 —", "Progress —"),
    ("filters.pace", "序时", "Pace"),
    ("filters.cooperating_only", "仅配合", "Cooperating only"),
    ("filters.or", "、", ", "),
    ("filters.and", "；", "; "),
    (
        "dash.filtered",
        "筛选：{filter}（显示 {shown} / 共 {total} 项）",
        "Filter: {filter} (showing {shown} of {total})",
    ),
    ("cmd.plan_info", "计划信息…", "Plan information…"),
    ("notes.banner", "计划说明：", "About this plan:"),
    ("notes.dismiss", "知道了", "Got it"),
    ("plan_info.title", "计划信息", "Plan information"),
    ("plan_info.plan_title", "计划", "Plan"),
    ("plan_info.issuer", "发文单位", "Issuer"),
    ("plan_info.year", "年度", "Year"),
    ("plan_info.file", "文件", "File"),
    ("plan_info.counts", "规模", "Size"),
    (
        "plan_info.counts_value",
        "{n} 项任务，{d} 个单位",
        "{n} commitments, {d} departments",
    ),
    ("plan_info.report", "来源报告", "Source report"),
    ("plan_info.notes", "计划说明", "Notes"),
    ("plan_info.no_notes", "（无）", "(none)"),
    (
        "number.not_a_number",
        "不是有效数字，未保存。请填写数字，如 {example}",
        "Not a number, not saved. Type a number such as {example}",
    ),
    (
        "number.other_unit",
        "单位“{found}”与本项的单位“{unit}”不符，未保存",
        "The unit “{found}” is not this field's unit “{unit}”; not saved",
    ),
    (
        "number.too_large",
        "数值过大，未保存",
        "The number is too large; not saved",
    ),
];
