//! Running an external extractor command on articles.
//!
//! # The extractor protocol
//!
//! The command (`argv`, run without a shell) gets one article's text, exactly
//! as stored (UTF-8, no byte order mark), on standard input, and prints JSON
//! Lines on standard output. Each line is either
//!
//! - one span: `{"start": 0, "end": 6, "label": "country", "score": 0.9,
//!   "text": "Tehran"}` (`score` and `text` optional), or
//! - a whole spaCy/Prodigy record: `{"text": "…", "spans": [ … ]}`, whose
//!   `text`, if given, must be the article's text.
//!
//! Offsets are code points (Python `str` indices), start inclusive, end
//! exclusive. A given `text` must be the article's text at the offsets; a
//! given `score` must lie in `0..=1`. Blank lines are ignored. The command
//! must exit with status 0 within the timeout, or it is killed; what it
//! writes on standard error is shown when it fails. Labels are taken as
//! printed.

use std::io::{Read, Write as _};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt as _;

use super::Suggestion;
use crate::formats::JsonSpan;
use crate::model::Document;
use crate::settings::ExtractorConfig;

/// How often a running command checks for cancellation.
const POLL: Duration = Duration::from_millis(50);

/// The longest a run may take, whatever the timeout says (a year).
const LONGEST_WAIT: Duration = Duration::from_secs(365 * 24 * 3600);

/// How much of standard error an [`ExtractorError::Exit`] keeps.
const STDERR_TAIL_CHARS: usize = 2000;

/// An external extractor command, ready to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractorCommand {
    /// The program and its arguments (run without a shell).
    pub argv: Vec<String>,
    /// How long one article may take before the command is killed.
    pub timeout: Duration,
    /// The origin name of its suggestions.
    pub name: String,
}

impl From<&ExtractorConfig> for ExtractorCommand {
    fn from(config: &ExtractorConfig) -> Self {
        Self {
            argv: config.argv.clone(),
            timeout: Duration::from_secs(config.timeout_secs),
            name: config.origin_name(),
        }
    }
}

/// Why running the extractor on a document failed. Every message names the
/// command and the document.
#[derive(Debug, thiserror::Error)]
pub enum ExtractorError {
    /// The program does not exist (or is not on `PATH`).
    #[error("extractor `{command}` on {document}: command not found")]
    NotFound {
        /// The command line, for messages.
        command: String,
        /// The document's name.
        document: String,
    },
    /// The program could not be started or talked to.
    #[error("extractor `{command}` on {document}: cannot run it: {source}")]
    Spawn {
        /// The command line, for messages.
        command: String,
        /// The document's name.
        document: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The program exited unsuccessfully.
    #[error(
        "extractor `{command}` on {document}: {}{}",
        code.map_or_else(|| "killed by a signal".to_owned(), |c| format!("exit status {c}")),
        if stderr.is_empty() { String::new() } else { format!(": {stderr}") }
    )]
    Exit {
        /// The command line, for messages.
        command: String,
        /// The document's name.
        document: String,
        /// The exit code; `None` if a signal ended it.
        code: Option<i32>,
        /// The end of what it wrote on standard error.
        stderr: String,
    },
    /// The program did not finish in time and was killed.
    #[error("extractor `{command}` on {document}: no answer within {secs} s; stopped")]
    Timeout {
        /// The command line, for messages.
        command: String,
        /// The document's name.
        document: String,
        /// The timeout, in seconds.
        secs: u64,
    },
    /// A line of its output is not a span or record.
    #[error("extractor `{command}` on {document}: output line {line}: {reason}")]
    Malformed {
        /// The command line, for messages.
        command: String,
        /// The document's name.
        document: String,
        /// 1-based line of its output.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A span's offsets lie outside the text.
    #[error(
        "extractor `{command}` on {document}: output line {line}: span {start}..{end} is not a range of the text ({len} characters)"
    )]
    OutOfRange {
        /// The command line, for messages.
        command: String,
        /// The document's name.
        document: String,
        /// 1-based line of its output.
        line: usize,
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// A span's quote is not the text at its offsets.
    #[error(
        "extractor `{command}` on {document}: output line {line}: span {start}..{end} quotes {quote:?}, but the text there is {actual:?}"
    )]
    QuoteMismatch {
        /// The command line, for messages.
        command: String,
        /// The document's name.
        document: String,
        /// 1-based line of its output.
        line: usize,
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
        /// The quote the extractor gave.
        quote: String,
        /// The text at `start..end`.
        actual: String,
    },
    /// The run was cancelled (only from [`ExtractorCommand::run_corpus`],
    /// which leaves such a run out of its results).
    #[error("extractor `{command}` on {document}: cancelled")]
    Cancelled {
        /// The command line, for messages.
        command: String,
        /// The document's name.
        document: String,
    },
}

/// What reading a child's pipe gave.
type PipeResult = std::io::Result<Vec<u8>>;

/// The command line and document a run is about, to build its errors.
struct Ctx<'a> {
    command: String,
    document: &'a str,
}

impl Ctx<'_> {
    fn not_found_or_spawn(&self, source: std::io::Error) -> ExtractorError {
        if source.kind() == std::io::ErrorKind::NotFound {
            ExtractorError::NotFound {
                command: self.command.clone(),
                document: self.document.to_owned(),
            }
        } else {
            self.spawn(source)
        }
    }

    fn spawn(&self, source: std::io::Error) -> ExtractorError {
        ExtractorError::Spawn {
            command: self.command.clone(),
            document: self.document.to_owned(),
            source,
        }
    }

    fn timeout(&self, timeout: Duration) -> ExtractorError {
        ExtractorError::Timeout {
            command: self.command.clone(),
            document: self.document.to_owned(),
            secs: timeout.as_secs(),
        }
    }

    fn cancelled(&self) -> ExtractorError {
        ExtractorError::Cancelled {
            command: self.command.clone(),
            document: self.document.to_owned(),
        }
    }

    fn malformed(&self, line: usize, reason: impl Into<String>) -> ExtractorError {
        ExtractorError::Malformed {
            command: self.command.clone(),
            document: self.document.to_owned(),
            line,
            reason: reason.into(),
        }
    }
}

impl ExtractorCommand {
    /// The command line as one string, for messages.
    pub fn command_line(&self) -> String {
        self.argv.join(" ")
    }

    /// Runs the command on one article, `text`, named `document_name` in
    /// messages, and returns its suggestions in output order, with
    /// [`Self::name`] as their origin.
    pub fn run(&self, document_name: &str, text: &str) -> Result<Vec<Suggestion>, ExtractorError> {
        self.run_until(document_name, text, None)
    }

    /// Runs the command on each `(name, text)` document in turn, calling
    /// `progress(done, total)` after each. Stops early once `cancel` is set:
    /// a run in progress is killed and left out of the results, so the result
    /// has one entry per document finished, in order.
    pub fn run_corpus(
        &self,
        docs: &[(String, String)],
        cancel: &AtomicBool,
        mut progress: impl FnMut(usize, usize),
    ) -> Vec<(String, Result<Vec<Suggestion>, ExtractorError>)> {
        let mut out = Vec::with_capacity(docs.len());
        for (name, text) in docs {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            let result = self.run_until(name, text, Some(cancel));
            if matches!(result, Err(ExtractorError::Cancelled { .. })) {
                break;
            }
            out.push((name.clone(), result));
            progress(out.len(), docs.len());
        }
        out
    }

    /// [`Self::run`], killed and [`ExtractorError::Cancelled`] if `cancel` is
    /// set while it runs.
    pub fn run_until(
        &self,
        document: &str,
        text: &str,
        cancel: Option<&AtomicBool>,
    ) -> Result<Vec<Suggestion>, ExtractorError> {
        let ctx = Ctx {
            command: self.command_line(),
            document,
        };
        let Some((program, args)) = self.argv.split_first() else {
            let empty = std::io::Error::new(std::io::ErrorKind::InvalidInput, "empty command");
            return Err(ctx.spawn(empty));
        };
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| ctx.not_found_or_spawn(e))?;

        // Feed and drain the pipes in threads, so that neither side blocks on
        // a full pipe. The threads are not joined: a process the command left
        // behind holding a pipe open must not hold up the timeout.
        if let Some(mut stdin) = child.stdin.take() {
            let input = text.to_owned();
            let command = ctx.command.clone();
            // A command that exits without reading its input closes the pipe:
            // not an error in itself.
            thread::spawn(move || {
                if let Err(err) = stdin.write_all(input.as_bytes()) {
                    log::debug!("extractor `{command}` did not read all its input: {err}");
                }
            });
        }
        let stdout = child.stdout.take().map(read_in_thread);
        let stderr = child.stderr.take().map(read_in_thread);

        // A timeout too large to add to the clock means no timeout.
        let deadline = Instant::now()
            .checked_add(self.timeout)
            .unwrap_or_else(|| Instant::now() + LONGEST_WAIT);
        let status = loop {
            let now = Instant::now();
            let cancelled = cancel.is_some_and(|c| c.load(Ordering::Relaxed));
            if now >= deadline || cancelled {
                stop(&mut child, &ctx.command);
                return Err(if cancelled {
                    ctx.cancelled()
                } else {
                    ctx.timeout(self.timeout)
                });
            }
            let slice = match cancel {
                Some(_) => (deadline - now).min(POLL),
                None => deadline - now,
            };
            match child.wait_timeout(slice) {
                Ok(Some(status)) => break status,
                Ok(None) => {}
                Err(e) => {
                    stop(&mut child, &ctx.command);
                    return Err(ctx.spawn(e));
                }
            }
        };
        // The pipes close when the command exits, unless it left a process
        // behind holding them: wait for them until the deadline, and at least
        // a moment.
        let grace = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(500));
        let collect = |rx: Option<mpsc::Receiver<PipeResult>>| -> Option<PipeResult> {
            rx.map_or(Some(Ok(Vec::new())), |rx| rx.recv_timeout(grace).ok())
        };
        let (Some(out), Some(err)) = (collect(stdout), collect(stderr)) else {
            return Err(ctx.timeout(self.timeout));
        };
        if !status.success() {
            return Err(ExtractorError::Exit {
                command: ctx.command,
                document: document.to_owned(),
                code: status.code(),
                stderr: tail(&err.unwrap_or_default()),
            });
        }
        let out = out.map_err(|e| ctx.spawn(e))?;
        let mut suggestions = parse_output(&ctx, &out, text)?;
        for s in &mut suggestions {
            s.origin.clone_from(&self.name);
        }
        log::debug!(
            "extractor `{}` on {document}: {} suggestions",
            ctx.command,
            suggestions.len()
        );
        Ok(suggestions)
    }
}

/// Kills the extractor `command`'s process and waits for it. Killing a
/// process that already exited is harmless: a failure is only logged.
fn stop(child: &mut Child, command: &str) {
    if let Err(err) = child.kill() {
        log::debug!("killing extractor `{command}`: {err}");
    }
    if let Err(err) = child.wait() {
        log::debug!("waiting for extractor `{command}` killed: {err}");
    }
}

/// Reads a pipe to its end in a thread; the result arrives on the channel.
fn read_in_thread(mut pipe: impl Read + Send + 'static) -> mpsc::Receiver<PipeResult> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        let result = pipe.read_to_end(&mut buf).map(|_| buf);
        // No one waits any more once the command timed out.
        if tx.send(result).is_err() {
            log::debug!("an extractor's output came after its timeout: dropped");
        }
    });
    rx
}

/// The last [`STDERR_TAIL_CHARS`] characters of `bytes`, trimmed.
fn tail(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    let skip = text.chars().count().saturating_sub(STDERR_TAIL_CHARS);
    let tail: String = text.chars().skip(skip).collect();
    if skip > 0 { format!("…{tail}") } else { tail }
}

/// Parses JSON Lines output into suggestions checked against `text`, with
/// an empty origin.
fn parse_output(ctx: &Ctx<'_>, out: &[u8], text: &str) -> Result<Vec<Suggestion>, ExtractorError> {
    let doc = Document::new(text);
    let mut suggestions = Vec::new();
    for (index, raw) in out.split(|&b| b == b'\n').enumerate() {
        let line = index + 1;
        let raw = std::str::from_utf8(raw)
            .map_err(|e| ctx.malformed(line, format!("not UTF-8: {e}")))?
            .trim();
        if raw.is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(raw).map_err(|e| ctx.malformed(line, format!("not JSON: {e}")))?;
        let spans: Vec<JsonSpan> = match value.get("spans") {
            Some(spans) => {
                if let Some(record_text) = value.get("text")
                    && record_text.as_str() != Some(text)
                {
                    return Err(ctx.malformed(line, "the record's \"text\" is not the article"));
                }
                serde_json::from_value(spans.clone())
                    .map_err(|e| ctx.malformed(line, format!("bad \"spans\": {e}")))?
            }
            None => vec![
                serde_json::from_value(value)
                    .map_err(|e| ctx.malformed(line, format!("not a span: {e}")))?,
            ],
        };
        for span in spans {
            suggestions.push(check_span(ctx, &doc, line, span)?);
        }
    }
    Ok(suggestions)
}

/// Checks one span against the document and makes it a suggestion.
fn check_span(
    ctx: &Ctx<'_>,
    doc: &Document,
    line: usize,
    span: JsonSpan,
) -> Result<Suggestion, ExtractorError> {
    if span.label.trim().is_empty() {
        return Err(ctx.malformed(line, "empty label"));
    }
    if let Err(e) = crate::model::check_label_name(&span.label) {
        return Err(ctx.malformed(line, format!("label {e}")));
    }
    if span.start >= span.end {
        let reason = format!(
            "empty span: start {} is not before end {}",
            span.start, span.end
        );
        return Err(ctx.malformed(line, reason));
    }
    if let Some(score) = span.score
        && !(0.0..=1.0).contains(&score)
    {
        return Err(ctx.malformed(line, format!("score {score} is not between 0 and 1")));
    }
    let Some(actual) = doc.slice(span.start..span.end) else {
        return Err(ExtractorError::OutOfRange {
            command: ctx.command.clone(),
            document: ctx.document.to_owned(),
            line,
            start: span.start,
            end: span.end,
            len: doc.char_len(),
        });
    };
    if let Some(quote) = span.text
        && quote != actual
    {
        return Err(ExtractorError::QuoteMismatch {
            command: ctx.command.clone(),
            document: ctx.document.to_owned(),
            line,
            start: span.start,
            end: span.end,
            quote,
            actual: actual.to_owned(),
        });
    }
    Ok(Suggestion {
        start: span.start,
        end: span.end,
        label: span.label,
        score: span.score,
        origin: String::new(),
    })
}
