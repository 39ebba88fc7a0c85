//! The `commitments` binary: the desktop window when run without a
//! subcommand, the headless CLI otherwise. Both sit on the same library.

mod cli;
mod gui;
mod i18n;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match args.command {
        None => match gui::run(args.file, args.data_dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
        Some(command) => cli::run(command, args.file, args.data_dir),
    }
}
