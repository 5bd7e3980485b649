//! Import and export from the window: a native dialog for the source or the
//! destination, then the same core functions as `newsmark import` / `export`,
//! run in the background.

use crate::corpus::import::{ImportOptions, ImportReport, ImportTotals, Importer};
use crate::formats::export::{ExportFormat, ExportOptions, export_corpus_with_progress};
use crate::formats::{self, Format};
use crate::plural::counted;
use crate::ui::app::NewsmarkApp;
use crate::ui::background::task::Task;
use crate::ui::background::worker::Job;

impl NewsmarkApp {
    /// Asks where to export the open folder in `format`, then exports it.
    pub(in crate::ui) fn export_dialog(&mut self, ctx: &egui::Context, format: ExportFormat) {
        let dir = self.folder_dir();
        if dir.as_os_str().is_empty() || self.background.task.is_some() {
            return self.info("Open a folder first, and wait for the running task to end.");
        }
        let dialog = rfd::FileDialog::new().set_directory(&dir);
        let out = match format {
            ExportFormat::Brat => dialog.pick_folder(),
            _ => dialog
                .set_file_name(format!("export.{}", extension(format)))
                .save_file(),
        };
        let Some(out) = out else {
            return self.info(crate::ui::file_dialog::nothing_transferred(
                "exported", "export",
            ));
        };
        self.export_to(ctx, format, out);
    }

    /// Exports the open folder to `out` in the background.
    pub(in crate::ui) fn export_to(
        &mut self,
        ctx: &egui::Context,
        format: ExportFormat,
        out: std::path::PathBuf,
    ) {
        let dir = self.folder_dir();
        self.background.task = Some(Task::spawn(Job::Export(format), ctx, move |progress| {
            match export_corpus_with_progress(
                format,
                &dir,
                &out,
                ExportOptions::default(),
                &mut |done, total| {
                    progress.set(done, total);
                    !progress.cancelled()
                },
            ) {
                Ok(report) => {
                    let clean = report.is_clean();
                    (
                        report
                            .to_string()
                            .lines()
                            .next()
                            .unwrap_or("Exported")
                            .to_owned(),
                        !clean,
                    )
                }
                Err(err) => (err.to_string(), true),
            }
        }));
    }

    /// Asks for another tool's output, then merges it into the open folder as
    /// pending suggestions.
    pub(in crate::ui) fn import_dialog(&mut self, ctx: &egui::Context, format: Format) {
        let dir = self.folder_dir();
        if dir.as_os_str().is_empty() || self.background.task.is_some() {
            return self.info("Open a folder first, and wait for the running task to end.");
        }
        let dialog = rfd::FileDialog::new();
        let src = match format {
            Format::Brat => dialog.pick_folder(),
            _ => dialog
                .add_filter("JSON Lines", &["jsonl", "json"])
                .pick_file(),
        };
        let Some(src) = src else {
            return self.info(crate::ui::file_dialog::nothing_transferred(
                "imported", "import",
            ));
        };
        self.import_from(ctx, format, src);
    }

    /// Imports `src` into the open folder in the background.
    pub(in crate::ui) fn import_from(
        &mut self,
        ctx: &egui::Context,
        format: Format,
        src: std::path::PathBuf,
    ) {
        let dir = self.folder_dir();
        let schema = self.schema().clone();
        self.background.task = Some(Task::spawn(Job::Import(format), ctx, move |progress| {
            let read = match formats::read(format, &src) {
                Ok(read) => read,
                Err(err) => return (err.to_string(), true),
            };
            let options = ImportOptions {
                map: Vec::new(),
                only_mapped: false,
                origin: format.name().to_owned(),
                accepted: false,
            };
            let importer = match Importer::new(&dir, &options, &schema) {
                Ok(importer) => importer,
                Err(err) => return (err.to_string(), true),
            };
            // One record at a time, so that progress shows and Cancel
            // stops between documents (each is saved whole or not at all);
            // the files reach the disk together when it ends.
            let total = read.docs.len();
            let mut report = ImportReport::default();
            let mut merged = ImportTotals::default();
            for (k, doc) in read.docs.iter().enumerate() {
                if progress.cancelled() {
                    importer.finish(&mut report);
                    let text = format!(
                        "Import cancelled after {k} of {}; {} added",
                        counted(total, "record", "records"),
                        counted(merged.added, "suggestion", "suggestions")
                    );
                    return (text, true);
                }
                progress.set(k, total);
                if let Some(done) = importer.merge(doc, &mut report) {
                    merged.add(&done);
                }
            }
            importer.finish(&mut report);
            let (added, documents, created) = (merged.added, merged.documents, merged.created);
            let problems = read.problems.len() + report.problems.len();
            let warnings = read.warnings.len() + report.warning_lines().len();
            let text = import_summary(added, documents, created, problems, warnings);
            (text, problems > 0)
        }));
    }

    /// Takes a finished task's outcome; after an import, reads the folder
    /// again (the open document included, if it has no unsaved edits).
    pub(in crate::ui) fn poll_task(&mut self, ctx: &egui::Context) {
        let Some(task) = &self.background.task else {
            return;
        };
        let Some((text, failed)) = task.poll() else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        };
        let imported = matches!(task.job(), Job::Import(_));
        let repointed = task.job() == Job::RepointLinks;
        self.background.task = None;
        if repointed {
            return self.finish_repoint(failed.then_some(text));
        }
        if imported {
            self.reload_folder();
        }
        if failed {
            self.error(text);
        } else {
            self.info(text);
        }
    }

    /// Reads the folder's documents again; reopens the open document unless
    /// it has unsaved edits.
    fn reload_folder(&mut self) {
        let Some(session) = self.session() else {
            return;
        };
        let path = session.txt_path().to_owned();
        let dirty = session.is_dirty();
        let Some(folder) = &mut self.folder else {
            return;
        };
        folder.forget_documents();
        if dirty {
            // The document list fills in from the background, as on opening.
            folder.read(crate::store::folder_of(&path), false);
            if let Some(doc) = &self.doc {
                folder.corpus.update(&doc.session);
            }
        } else {
            self.open_now(&path);
        }
    }
}

/// The status line after an import from the window: "Imported 1 suggestion
/// into 1 document (1 new); 2 warnings (`newsmark import` lists them)".
fn import_summary(
    added: usize,
    documents: usize,
    created: usize,
    problems: usize,
    warnings: usize,
) -> String {
    let mut text = format!(
        "Imported {} into {} ({created} new)",
        counted(added, "suggestion", "suggestions"),
        counted(documents, "document", "documents")
    );
    let problems = (problems > 0).then(|| counted(problems, "problem", "problems"));
    let warnings = (warnings > 0).then(|| counted(warnings, "warning", "warnings"));
    let noted: Vec<String> = problems.into_iter().chain(warnings).collect();
    if !noted.is_empty() {
        text.push_str(&format!(
            "; {} (`newsmark import` lists them)",
            noted.join(" and ")
        ));
    }
    text
}

/// The file extension of a one-file export.
fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Brat => "",
        ExportFormat::Spacy | ExportFormat::Doccano => "jsonl",
        ExportFormat::Conll => "conll",
        ExportFormat::W3c => "jsonld",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_summary_counts_in_singular_and_plural() {
        assert_eq!(
            import_summary(1, 1, 1, 0, 0),
            "Imported 1 suggestion into 1 document (1 new)"
        );
        assert_eq!(
            import_summary(5, 2, 0, 1, 0),
            "Imported 5 suggestions into 2 documents (0 new); 1 problem (`newsmark import` lists them)"
        );
        assert_eq!(
            import_summary(0, 3, 0, 2, 1),
            "Imported 0 suggestions into 3 documents (0 new); 2 problems and 1 warning \
             (`newsmark import` lists them)"
        );
    }
}
