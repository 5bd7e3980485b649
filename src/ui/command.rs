//! Everything the user can ask the window to do.

use std::path::PathBuf;

use super::Selection;
use crate::formats::Format;
use crate::formats::export::ExportFormat;
use crate::model::{RelationId, SpanId, Status};
use crate::session::ReviewFilter;

/// An action requested by a widget or a key, applied by the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the native Open dialog.
    OpenDialog,
    /// Open this article (or a folder's first article).
    Open(PathBuf),
    /// Go to another document of the folder, saving this one first.
    GoTo(PathBuf),
    /// Go to the next document of the folder (saving first).
    NextDocument,
    /// Go to the previous document of the folder (saving first).
    PrevDocument,
    /// Mark this document done, save it and go to the next one.
    MarkDone,
    /// Show or hide the document list.
    ToggleDocuments,
    /// Import another tool's output into the folder (asks for the source).
    ImportDialog(Format),
    /// Export the folder (asks for the destination).
    ExportDialog(ExportFormat),
    /// Import this file (or brat folder) into the open folder, in the
    /// background.
    Import {
        /// Its format.
        format: Format,
        /// The file or folder.
        src: PathBuf,
    },
    /// Export the open folder to this path, in the background.
    Export {
        /// The format.
        format: ExportFormat,
        /// The file (or, for brat, folder) to write.
        out: PathBuf,
    },
    /// Stop the running import or export before its next document.
    CancelTask,
    /// Stop reading the folder's annotation files; the documents not read
    /// yet keep no counts until the folder is opened again.
    StopReadingFolder,
    /// Save the annotations to the paired file.
    Save,
    /// Show the native Save As dialog.
    SaveAsDialog,
    /// Keep a copy of an annotation file that failed to load, then allow
    /// saving over it.
    BackUpAndOverwrite,
    /// Close the window (asks first if there are unsaved edits).
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Tag the selection with this label, or relabel the selected span.
    ApplyLabel(String),
    /// Delete the selected span.
    DeleteSpan,
    /// Select a span; `scroll` brings it into view.
    SelectSpan {
        /// The span.
        id: SpanId,
        /// Whether to scroll it into view.
        scroll: bool,
    },
    /// Set the caret and text selection (deselects any span).
    Select(Selection),
    /// Set the caret and selection and scroll the caret into view (keyboard
    /// motion).
    Reveal(Selection),
    /// A click on the text: `at` is the code point under the pointer, `caret`
    /// the caret position nearest to it. Selects a span there, or places the
    /// caret.
    ClickText {
        /// The code point clicked.
        at: usize,
        /// Where the caret goes if no span is there.
        caret: usize,
    },
    /// Clear the selection and deselect the span.
    ClearSelection,
    /// Select the next span.
    NextSpan,
    /// Select the previous span.
    PrevSpan,
    /// Accept the selected span (a reviewed suggestion) and go to the next
    /// pending one.
    Accept,
    /// Reject the selected span and go to the next pending one.
    Reject,
    /// Select the next pending suggestion (passing the review filter).
    NextPending,
    /// Select the previous pending suggestion.
    PrevPending,
    /// Move an edge of the selected span by a character (or a word).
    MoveEdge {
        /// The start edge (else the end).
        start: bool,
        /// Rightwards (else leftwards).
        forward: bool,
        /// By word (else by character).
        by_word: bool,
    },
    /// Set the review status of every pending suggestion passing the filter,
    /// as one undoable step.
    Bulk {
        /// Which suggestions.
        filter: ReviewFilter,
        /// Their new status.
        status: Status,
    },
    /// Set the review status of every pending suggestion passing the filter
    /// in every document of the folder: the open one as one undoable step,
    /// the others in their files, in the background.
    BulkFolder {
        /// Which suggestions.
        filter: ReviewFilter,
        /// Their new status.
        status: Status,
    },
    /// Take back the last folder-wide review.
    UndoBulkFolder,
    /// Stop the running folder-wide review before its next document.
    CancelBulkFolder,
    /// Set the filter that review navigation and bulk actions use.
    SetFilter(ReviewFilter),
    /// Show or hide rejected suggestions.
    ToggleRejected,
    /// Show or hide the review panel.
    ToggleReview,
    /// Run the suggesters on this document (`all`: and the rest of the
    /// corpus) in the background.
    Suggest {
        /// Also the corpus's other documents.
        all: bool,
    },
    /// Stop the running suggestion job.
    CancelSuggest,
    /// Open the search bar (or focus it).
    OpenSearch,
    /// Close the search bar.
    CloseSearch,
    /// Select the next search hit.
    SearchNext,
    /// Select the previous search hit.
    SearchPrev,
    /// Tag every search hit with the search bar's label (one undo step), and
    /// offer them to the other documents if asked.
    AnnotateAll,
    /// Show or hide the corpus statistics window.
    ToggleStatistics,
    /// Place an orphaned span (one the changed article no longer holds) on
    /// the text selection.
    PlaceOrphan(SpanId),
    /// Place an orphaned span on one of its candidate places (code points
    /// `start..end`), which re-anchoring found equally likely.
    PlaceOrphanAt {
        /// The orphan.
        id: SpanId,
        /// Where it starts.
        start: usize,
        /// Where it ends.
        end: usize,
    },
    /// Delete an orphaned span.
    DeleteOrphan(SpanId),
    /// Show or hide the keyboard shortcuts window.
    ToggleShortcuts,
    /// Start a relation at the selected span: number the spans in view it
    /// can be linked to.
    StartLink,
    /// While linking: a digit of a candidate's number was typed.
    LinkDigit(u8),
    /// While linking: highlight the next (or previous) candidate.
    LinkCycle {
        /// Onwards (else backwards).
        forward: bool,
    },
    /// While linking: pick the highlighted candidate.
    LinkConfirm,
    /// While linking: pick this span as the other end.
    LinkTarget(SpanId),
    /// Link two spans (a drag from one's tag dropped on the other): the
    /// relation is made if one type fits, else its type is asked for.
    LinkSpans {
        /// The span dragged from.
        from: SpanId,
        /// The span dropped on.
        to: SpanId,
    },
    /// While linking: make the relation of this type.
    LinkAs(String),
    /// Stop linking.
    CancelLink,
    /// While the other span of a link is chosen: move the caret to
    /// `selection` (Page Up / Page Down: a screen) and show it, keeping
    /// the link under way; the numbers follow the view.
    LinkPage(Selection),
    /// Add a relation of type `label` from span `from` to span `to`.
    AddRelation {
        /// The relation type.
        label: String,
        /// The span it starts from.
        from: SpanId,
        /// The span it leads to.
        to: SpanId,
    },
    /// Select a relation (its arc); `scroll` brings its `from` span into
    /// view.
    SelectRelation {
        /// The relation.
        id: RelationId,
        /// Whether to scroll to it.
        scroll: bool,
    },
    /// Delete a relation.
    DeleteRelation(RelationId),
    /// Set a relation's review status.
    ReviewRelation {
        /// The relation.
        id: RelationId,
        /// Its new status.
        status: Status,
    },
    /// Go to the other end of the selected relation, or to the end off
    /// screen of the selected span's first relation drawn as a stub.
    JumpToOtherEnd,
    /// Select the next (or previous) relation of the selected span, in the
    /// reading order of their other ends; with a relation selected, of the
    /// span its stepping began from.
    StepRelation {
        /// Next rather than previous.
        forward: bool,
    },
    /// Give a relation another type (and accept it), as its type's key
    /// does while the relation is selected.
    RetypeRelation {
        /// The relation.
        id: RelationId,
        /// The new type.
        label: String,
    },
    /// Draw the arcs of every relation in view (or only the selected
    /// span's and the one under the pointer).
    ToggleArcs,
    /// Answer the prompt that is showing.
    Answer(super::PromptAnswer),

    // --- Teams: agreement and curation (apply/curation.rs) ---
    /// Show or hide the agreement panel (measuring the folder's
    /// annotators' agreement when it opens).
    ToggleAgreement,
    /// Open this article's gold into curation against the annotators'
    /// files.
    Curate(PathBuf),
    /// Go to the next disagreement of the curation.
    NextDisagreement,
    /// Go to the previous disagreement of the curation.
    PrevDisagreement,
    /// Go to this disagreement (its place in the curation's list).
    GoToDisagreement(usize),
    /// Take this annotator's version (their place among the curation's
    /// annotators) of the current disagreement into the gold.
    TakeVersion(usize),
    /// Reject every version of the current disagreement (the gold holds
    /// nothing there).
    RejectVersions,
    /// Leave curation (the gold stays open).
    CloseCuration,

    // --- Entities and facts (apply/entities.rs, apply/facts.rs) ---
    /// Link the selected span to the entity picked in the Entities tab.
    LinkEntity,
    /// Remove the selected span's entity link.
    UnlinkEntity,
    /// Accept or reject the selected span's suggested entity link.
    ReviewLink(Status),
    /// Give an entity of the registry a new preferred name.
    RenameEntity {
        /// The entity.
        id: String,
        /// Its new name.
        name: String,
    },
    /// Merge an entity of the registry into another (the open document's
    /// links follow).
    MergeEntity {
        /// The entity merged away.
        from: String,
        /// The entity kept.
        into: String,
    },
    /// Split one of an entity's aliases off as an entity of its own (the
    /// open document's spans of that text follow).
    SplitEntity {
        /// The entity.
        id: String,
        /// The alias that becomes the new entity's name.
        alias: String,
    },
    /// Add an alias to entity `id`.
    AddAlias {
        /// The entity.
        id: String,
        /// The new alias.
        alias: String,
    },
    /// Take an alias out of entity `id`'s.
    RemoveAlias {
        /// The entity.
        id: String,
        /// The alias.
        alias: String,
    },
    /// Give entity `id` an external id (a Wikidata QID; empty: none).
    SetExternalId {
        /// The entity.
        id: String,
        /// The QID.
        external_id: String,
    },
    /// Take back the last registry change made from the Entities tab.
    UndoEntityEdit,
    /// Redo the last registry change taken back (Ctrl+Shift+Z when it
    /// was the last thing undone).
    RedoEntityEdit,
    /// Show or hide the facts table (building it when it opens).
    ToggleFacts,
    /// Build the facts table again from the saved files.
    RebuildFacts,
    /// Open a fact's document (saving the open one first) and select its
    /// span.
    ShowEvidence {
        /// The article.
        txt: PathBuf,
        /// The span.
        span: SpanId,
    },
}
