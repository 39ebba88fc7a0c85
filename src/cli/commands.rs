use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use commitments::model::{CommitmentId, Edit, Plan, ProgressEntry};
use commitments::query;
use commitments::row::LedgerRow;
use commitments::storage::output::Protected;
use commitments::storage::{self, PlanStore, paths};

use super::args::{Command, GenerateArgs, GenerateProfile, ListArgs, ListFormat, ProgressArgs};

/// What every command needs to find its plan.
pub struct Context {
    pub file: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    /// Who makes the changes (`--user`, COMMITMENTS_USER, the system account).
    pub user: String,
}

impl Context {
    /// The plan file: `--file`, or the default plan in the data folder
    /// (created from the shipped plan on first run).
    pub fn plan_path(&self) -> Result<PathBuf> {
        match &self.file {
            Some(f) => Ok(f.clone()),
            None => {
                let dir = paths::data_dir(self.data_dir.as_deref());
                Ok(paths::default_plan(&dir)?)
            }
        }
    }
}

pub fn dispatch(command: Command, ctx: &Context) -> Result<ExitCode> {
    match command {
        Command::List(args) => list(ctx, args),
        Command::Check => check(ctx),
        Command::Tick {
            id,
            on,
            change_date,
        } => super::dates::tick(ctx, id, on, change_date),
        Command::Untick { id } => super::dates::untick(ctx, id),
        Command::Progress(args) => progress(ctx, args),
        Command::Generate(args) => generate(args),
        Command::Export(args) => super::export::export(ctx, args),
        Command::Snapshot(args) => super::snapshots::snapshot(ctx, args),
        Command::Diff(args) => super::snapshots::diff(ctx, args),
        Command::Notices(args) => super::notices::notices(ctx, args),
        Command::Import(args) => super::import::import(ctx, args),
        Command::Returns(args) => super::returns::run(ctx, args),
        Command::Log(args) => super::journal::log(ctx, args),
        Command::ApplyClose(args) => super::journal::apply_close(ctx, args),
        Command::ConfirmClose { id } => super::journal::confirm_close(ctx, id),
        Command::RejectClose(args) => super::journal::reject_close(ctx, args),
        Command::RequestExtension(args) => super::journal::request_extension(ctx, args),
        Command::ApproveExtension { id } => super::journal::approve_extension(ctx, id),
        Command::RejectExtension(args) => super::journal::reject_extension(ctx, args),
        Command::Extract(args) => super::extract::extract(ctx, args),
        Command::ExtractEval(args) => super::extract::extract_eval(args),
    }
}

fn list(ctx: &Context, args: ListArgs) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let plan = storage::load(&path)?;
    let as_of = args.as_of.unwrap_or_else(commitments::today);
    let (filter, _) = super::filter::filter_of(&plan, args.filter)?;
    let rows = query::select(&plan, &filter, as_of);
    let rows = LedgerRow::all(&plan, &rows, as_of);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ListFormat::Csv => super::table::write_csv(&mut out, &rows)?,
        ListFormat::Table => super::table::write_table(&mut out, &rows, as_of)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn check(ctx: &Context) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    // Bytes that are not UTF-8 (a file cut inside a character) are a problem
    // of the file, like a parse error: listed with file:line:column, exit 1.
    let text = match storage::load::read_text(&path) {
        Ok(text) => text,
        Err(e @ storage::StorageError::NotUtf8 { .. }) => {
            println!("{e}");
            return Ok(ExitCode::from(super::EXIT_PROBLEMS));
        }
        Err(e) => return Err(e.into()),
    };
    let file = match storage::load::parse(&text, &path) {
        Ok(file) => file,
        Err(e) => {
            println!("{e}");
            return Ok(ExitCode::from(super::EXIT_PROBLEMS));
        }
    };
    let problems = storage::load::file_problems(&file);
    if problems.is_empty() {
        println!(
            "{}: ok, {} commitments, {} departments",
            path.display(),
            file.commitments.len(),
            file.departments.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        println!("{}: {p}", path.display());
    }
    eprintln!("{}: {} problem(s)", path.display(), problems.len());
    Ok(ExitCode::from(super::EXIT_PROBLEMS))
}

/// Opens the plan for writing, applies one edit and saves it safely.
pub(super) fn change(
    ctx: &Context,
    id: u32,
    make: impl FnOnce(&Plan, &std::path::Path) -> Result<Edit>,
    verb: &str,
    action: &str,
) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let (mut store, mut plan) = PlanStore::open(&path, false)?;
    super::journal::warn_journal(&store);
    let real = store.path().to_owned();
    let edit = make(&plan, &real).with_context(|| format!("{}", path.display()))?;
    commitments::journal::apply_and_record(&mut plan, vec![edit], &ctx.user, action)?;
    store.save(&plan)?;
    let c = &plan.commitments[&CommitmentId(id)];
    println!("{id} {verb}: {} [{}]", c.title, c.status.key());
    Ok(ExitCode::SUCCESS)
}

fn progress(ctx: &Context, args: ProgressArgs) -> Result<ExitCode> {
    // Checked against the plain number rule first (so that a bad value is
    // refused before the plan is opened), then against the target's unit.
    if let Some(v) = &args.value
        && let Err(e) = commitments::display::parse_number(v)
        && !e.contains("unit")
    {
        bail!("--value: {e}");
    }
    if args.value.is_none()
        && args.note.is_none()
        && args.problems.is_none()
        && args.next_steps.is_none()
        && args.evidence.is_empty()
    {
        bail!(
            "progress needs at least one of --value, --note, --problems, --next-steps, --evidence"
        );
    }
    let id = CommitmentId(args.id);
    let value_text = args.value;
    let evidence = args.evidence;
    let on = args.on;
    let mut entry = ProgressEntry {
        date: commitments::today(),
        value: None,
        progress: cleaned(args.note, true),
        problems: cleaned(args.problems, true),
        next_steps: cleaned(args.next_steps, true),
        reporter: cleaned(args.reporter, false),
        evidence: Vec::new(),
    };
    change(
        ctx,
        args.id,
        |plan, path| {
            entry.date = super::dates::checked(plan, on, "--on")?;
            // The commitment first: no file is copied for one that is not there.
            if !plan.commitments.contains_key(&id) {
                return Ok(plan.add_progress(id, entry)?);
            }
            for file in &evidence {
                entry
                    .evidence
                    .push(commitments::evidence::attach(path, file, entry.date)?);
            }
            if let Some(text) = &value_text {
                let unit = plan
                    .commitments
                    .get(&id)
                    .and_then(|c| c.kind.target())
                    .map(|t| t.unit.as_str())
                    .unwrap_or("");
                let v = commitments::display::parse_value(text, unit)
                    .map_err(anyhow::Error::msg)
                    .context("--value")?;
                entry.value = Some(v);
            }
            Ok(plan.add_progress(id, entry)?)
        },
        "progress recorded",
        "填报进展",
    )
}

/// The most commitments `generate` writes: about 250 MB of plan, half the
/// size a plan may have to be opened again.
pub const MAX_GENERATE: usize = 500_000;

fn generate(args: GenerateArgs) -> Result<ExitCode> {
    if args.count > MAX_GENERATE {
        bail!(
            "--count: expected at most {MAX_GENERATE} commitments (larger plans could not be opened), found {}",
            args.count
        );
    }
    // The output is a plan: never a backup or a snapshot, and a plan open
    // elsewhere is refused through its lock (exit 3), even with --force.
    let output = storage::store::real_path(&args.output);
    if let Some(what @ (Protected::Backup | Protected::Snapshot)) =
        storage::output::protected(&output)
    {
        bail!(
            "{}: is {}; a generated plan is never written over it: choose another file name",
            args.output.display(),
            what.describe()
        )
    }
    if output.is_dir() {
        bail!(
            "{}: is a folder; give the name of the plan file to write",
            args.output.display()
        );
    }
    if output.exists() && !args.force {
        bail!(
            "{}: exists; pass --force to overwrite it (it is kept in backups/)",
            args.output.display()
        );
    }
    let profile = match args.profile {
        GenerateProfile::Bare => commitments::generate::Profile::Bare,
        GenerateProfile::Realistic => commitments::generate::Profile::Realistic,
    };
    let plan = commitments::generate::generate(args.count, args.seed, profile);
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    let mut store = PlanStore::create(&output)?;
    let saved = store.save(&plan)?;
    println!(
        "{}: {} commitments, {} departments, {} bytes",
        saved.path.display(),
        plan.commitments.len(),
        plan.departments.len(),
        saved.bytes
    );
    Ok(ExitCode::SUCCESS)
}

/// A text argument as it is stored: control characters a shell or a
/// spreadsheet export may carry are dropped (see `model::text::clean`).
fn cleaned(arg: Option<String>, multiline: bool) -> String {
    let text = arg.unwrap_or_default();
    commitments::model::text::clean(&text, multiline).into_owned()
}
