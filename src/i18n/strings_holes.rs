//! The strings of the plan-safety work (recovery list, read-only file, cut
//! files, refused saves): (key, 中文, English).

pub const STRINGS: &[(&str, &str, &str)] = &[
    (
        "load.other_backups",
        "其他备份（按时间从新到旧，点击文件名可恢复为新文件）：",
        "Other backups (newest first; click a name to recover it into a new file):",
    ),
    (
        "load.why.truncated",
        "检测到文件不完整/被截断（第 {line} 行）：文件似乎在写入时被中断。可从备份恢复。",
        "The file seems cut short (line {line}): it was probably interrupted while being written. Recover from a backup.",
    ),
    (
        "load.why.not_regular",
        "这不是普通文件（管道、设备或套接字），不能作为计划打开。",
        "This is not a regular file (a pipe, device or socket): it cannot be opened as a plan.",
    ),
    (
        "banner.file_read_only",
        "此计划文件被设为只读，当前为只读模式，不能修改。可用“另存为”保存副本后继续修改。",
        "This plan file is marked read-only: it is open read-only. Use Save as to keep working on a copy.",
    ),
    (
        "save.why.would_not_load",
        "计划中有保存后将无法打开的内容（见下方说明），已拒绝保存，磁盘上的文件未改动；请撤销或改正",
        "the plan holds something that would make it unopenable (see below); the save was refused and the file on disk is unchanged; undo or correct it",
    ),
];
