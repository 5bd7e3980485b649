//! Progress bars for long subcommands, drawn on standard error only when it
//! is a terminal: piped or captured output (scripts, tests, CI) stays exactly
//! as it was.

use std::borrow::Cow;
use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar on standard error, or nothing when standard error is not
/// a terminal. Every method is a no-op without a bar; the bar is cleared when
/// dropped, so an early return leaves no half-drawn line.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar counting `len` steps of `what` (`"documents"`, `"records"`),
    /// with the current item's name as its message.
    pub fn bar(len: usize, what: &str) -> Self {
        Self::on_terminal(|| {
            let style = ProgressStyle::with_template(&format!(
                "{{elapsed_precise}} [{{bar:30}}] {{pos}}/{{len}} {what} {{wide_msg}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            ProgressBar::new(len as u64).with_style(style)
        })
    }

    /// A spinner for work of unknown length (`"reading spacy"`), turning on
    /// its own; its message says what it is at.
    pub fn spinner(what: &str) -> Self {
        Self::spinning(&format!(
            "{{spinner}} {{elapsed_precise}} {what} {{wide_msg}}"
        ))
    }

    /// A spinner counting `what` (with no known total: a source read as it
    /// goes), on standard error if it is a terminal.
    pub fn counter(what: &str) -> Self {
        Self::spinning(&format!(
            "{{spinner}} {{elapsed_precise}} {{human_pos}} {what} {{wide_msg}}"
        ))
    }

    /// A spinner drawn with the indicatif `template`.
    fn spinning(template: &str) -> Self {
        Self::on_terminal(|| {
            let style = ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            let bar = ProgressBar::new_spinner().with_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        })
    }

    fn on_terminal(make: impl FnOnce() -> ProgressBar) -> Self {
        if std::io::stderr().is_terminal() {
            Self(Some(make()))
        } else {
            Self(None)
        }
    }

    /// Whether a bar is drawn (standard error is a terminal).
    pub fn is_shown(&self) -> bool {
        self.0.is_some()
    }

    /// Shows what is being worked on.
    pub fn set_message(&self, message: impl Into<Cow<'static, str>>) {
        if let Some(bar) = &self.0 {
            bar.set_message(message);
        }
    }

    /// One step done.
    pub fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Runs `f` with the bar hidden, for printing lines (on either stream)
    /// that must not be torn by it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_terminal_nothing_is_drawn_and_work_still_runs() {
        // `cargo test` captures standard error, so it is not a terminal.
        if std::io::stderr().is_terminal() {
            return;
        }
        let bar = Progress::bar(3, "documents");
        assert!(!bar.is_shown());
        bar.set_message("a.txt");
        bar.inc();
        assert_eq!(bar.suspend(|| 7), 7);
        assert!(!Progress::spinner("reading").is_shown());
    }
}
