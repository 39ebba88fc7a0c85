//! The headless CLI: a contract for scripts. Flags, JSON fields and exit
//! codes are kept stable; new ones are added, none renamed.

mod args;
mod commands;
mod export;
mod extract;
mod filter;
mod import;
mod notices;
mod returns;
mod snapshots;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

pub use args::{Cli, Command};

/// Exit code of `check` when the plan has problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code of any command that failed (bad input, unreadable file, lock held).
pub const EXIT_ERROR: u8 = 2;

/// Runs one subcommand; errors become one line on stderr and a non-zero exit code.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|e| {
                matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

pub fn run(command: Command, file: Option<PathBuf>, data_dir: Option<PathBuf>) -> ExitCode {
    let ctx = commands::Context { file, data_dir };
    match commands::dispatch(command, &ctx) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS, // `list | head`
        Err(e) => {
            // One line: the chain of context, outermost first.
            let line = format!("{e:#}").replace('\n', " ");
            eprintln!("error: {line}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
