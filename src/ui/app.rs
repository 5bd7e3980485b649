//! The application's state, by owner (see the README's Design section), and
//! opening a document; one frame is run in `frame.rs`.

use std::path::Path;

use super::background::Background;
use super::doc::OpenDoc;
use super::folder::Folder;
use super::prompts::Prompts;
use super::prompts::encoding::EncodingOffer;
use super::recent::Recent;
use super::widgets::doc_list::DocList;
use super::widgets::search_bar::SearchBar;
use super::widgets::text_view::TextView;
use crate::session::{ReviewFilter, Session};
use crate::suggest::approval::Approvals;

/// What the left panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    /// The folder's documents.
    Documents,
    /// Review counts, filter, bulk actions, extractor quality.
    Review,
}

/// What the right panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RightTab {
    /// The spans, grouped by label.
    #[default]
    Spans,
    /// The relations, grouped by type.
    Relations,
    /// The folder's entities, with their mentions in the document.
    Entities,
}

/// A short message for the user in the status area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The message.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

/// What the window remembers between runs (besides what eframe and egui
/// keep: window size, panel sizes, theme, zoom).
#[derive(Default)]
pub struct Persisted {
    /// Recently opened articles and folders.
    pub recent: Recent,
    /// Extractor commands approved per folder.
    pub approvals: Approvals,
}

/// The window's own state: panels, windows, the search bar.
pub struct Layout {
    /// What the left panel shows, if it shows.
    pub left: Option<LeftTab>,
    /// What the right panel shows.
    pub right: RightTab,
    /// Whether the F1 help shows.
    pub show_shortcuts: bool,
    /// Whether the statistics window shows.
    pub show_statistics: bool,
    /// The review panel's filter.
    pub review_filter: ReviewFilter,
    /// The documents panel.
    pub doc_list: DocList,
    /// The search bar, while open.
    pub search: Option<SearchBar>,
    /// The window title last sent.
    pub title: String,
    /// Whether the window had the focus in the last frame.
    pub was_focused: bool,
    /// Whether closing with unsaved changes was agreed to.
    pub allow_close: bool,
    /// Why the last article asked for could not be opened (which file and
    /// why), until one opens: the empty window says it.
    pub refused: Option<String>,
    /// The dialog behind File > Open… (replaceable, for tests).
    pub article_dialog: super::file_dialog::OpenDialog,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            left: None,
            right: RightTab::Spans,
            show_shortcuts: false,
            show_statistics: false,
            review_filter: ReviewFilter::default(),
            doc_list: DocList::default(),
            search: None,
            title: String::new(),
            was_focused: true,
            allow_close: false,
            refused: None,
            article_dialog: super::file_dialog::OpenDialog::default(),
        }
    }
}

/// The newsmark window.
#[derive(Default)]
pub struct NewsmarkApp {
    /// What is kept between runs.
    pub(super) persisted: Persisted,
    /// The open folder, if any (replaced whole when another opens).
    pub(super) folder: Option<Folder>,
    /// The open document.
    pub(super) doc: Option<OpenDoc>,
    /// The questions waiting for an answer.
    pub(super) prompts: Prompts,
    /// Work running off the UI thread.
    pub(super) background: Background,
    /// Panels, windows and the search bar.
    pub(super) layout: Layout,
    /// The last message for the user.
    pub(super) notice: Option<Notice>,
}

impl NewsmarkApp {
    /// The app with `path` (an article or a folder) open, if given. A path
    /// that cannot be opened leaves the window empty with a message saying
    /// why. [`Self::start`] also installs the fonts and restores what
    /// earlier runs kept.
    pub fn new(path: Option<&Path>) -> Self {
        let mut app = Self::default();
        if let Some(path) = path {
            app.open_now(path);
        }
        app
    }

    /// The app in the window eframe creates: the fonts installed, what
    /// earlier runs kept restored, and `path` open.
    pub fn start(cc: &eframe::CreationContext<'_>, path: Option<&Path>) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let mut app = Self::new(path);
        app.restore(cc.storage);
        app
    }

    /// The text view of the open document.
    pub(super) fn view(&self) -> Option<&TextView> {
        self.doc.as_ref().map(|d| &d.view)
    }

    /// Opens `path` now, replacing the current document (no question asked).
    /// A new folder's settings (label schema) and document list are read.
    pub(super) fn open_now(&mut self, path: &Path) {
        // A question about another file is moot now.
        self.prompts.forget_document_questions();
        let txt = match crate::corpus::article_to_open(path) {
            Ok(txt) => txt,
            Err(err) => return self.refuse(err.to_string()),
        };
        let dir = txt.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut settings_problem = None;
        let new_folder = self.folder.as_ref().is_none_or(|f| f.is_other(&dir));
        let mut folder = match self.folder.take() {
            Some(same) if !new_folder => same,
            old => {
                let (mut folder, problem) = Folder::open(&dir);
                if let Some(old) = old {
                    folder.keep_offers_of(old);
                }
                settings_problem = problem;
                folder
            }
        };
        // A suggestion job no longer writes this article's file.
        self.background.open_article.set(Some(txt.clone()));
        // `Session::read`, not `open`: the folder's leftover temporary files
        // are cleared by its background listing, not by every document
        // opened (a listing of the whole folder each time).
        let read = Session::read(&txt, folder.schema.clone());
        match &read {
            Ok(session) => folder.corpus.update(session),
            // Its entry shows why it cannot be opened (the background
            // reading of a new folder says it again once listed).
            Err(err) => folder.corpus.set_loaded(crate::corpus::DocEntry {
                path: txt.clone(),
                name: crate::store::file_name(&txt),
                digest: None,
                error: Some(err.to_string()),
                loaded: true,
            }),
        }
        let doc = read.map(|session| OpenDoc::new(session, &folder.corpus));
        self.folder = Some(folder);
        match doc {
            Ok(doc) => {
                let session = &doc.session;
                self.layout.refused = None;
                self.persisted.recent.remember(&txt);
                self.notice = session.problems().first().map(|p| Notice {
                    text: format!(
                        "{} loading annotations: {p}",
                        crate::plural::counted(session.problems().len(), "problem", "problems")
                    ),
                    is_error: true,
                });
                if let Some(problem) = settings_problem {
                    self.error(problem);
                }
                if let Some(bar) = &mut self.layout.search {
                    bar.forget_hits();
                }
                self.leave_document();
                // Within a folder the left panel stays as the user left it.
                self.doc = Some(doc);
                if new_folder {
                    self.layout.left = self.left_tab_for_new_folder();
                }
                self.prompts.disk_change = None;
                self.check_journal();
            }
            Err(err) => {
                let still_open = self.session().map(|s| s.txt_path().to_owned());
                self.background.open_article.set(still_open);
                self.prompts.encoding = EncodingOffer::for_error(&err);
                self.refuse(err.to_string());
            }
        }
    }

    /// The left panel a folder opens with: the review of the open
    /// document's suggestions if it has any, else the document list if
    /// the folder holds more than one article (as far as it is listed).
    pub(super) fn left_tab_for_new_folder(&self) -> Option<LeftTab> {
        let doc = self.doc.as_ref()?;
        if doc.review.has_suggestions(&doc.session) {
            Some(LeftTab::Review)
        } else if self
            .folder
            .as_ref()
            .is_some_and(|f| f.corpus.entries.len() > 1)
        {
            Some(LeftTab::Documents)
        } else {
            None
        }
    }

    /// The persistence key of the approved extractor commands.
    pub(super) const APPROVALS_KEY: &'static str = "newsmark.extractor_approvals";

    /// Restores what earlier runs persisted (recent articles and folders,
    /// approved extractor commands); the window size, panel sizes, theme and
    /// zoom are restored by eframe and egui.
    pub fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        let Some(storage) = storage else {
            return;
        };
        self.persisted.recent.restore(storage);
        if let Some(approvals) = eframe::get_value(storage, Self::APPROVALS_KEY) {
            self.persisted.approvals = approvals;
        }
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
        });
    }

    /// An article could not be opened: the status bar and the empty
    /// window say which file and why.
    fn refuse(&mut self, why: String) {
        self.layout.refused = Some(why.clone());
        self.error(why);
    }
}
