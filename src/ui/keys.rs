//! The keyboard: every shortcut of the window, and caret motion.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::text_view::TextView;
use super::{Command, Selection};
use crate::model::words;
use crate::session::Session;

/// File > Open…
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// File > Save
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
/// File > Save As…
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
/// File > Back up and overwrite (when the annotation file could not be loaded).
pub const BACK_UP: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::B);
/// File > Quit
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Edit > Undo
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Edit > Redo
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// Edit > Redo, the other way.
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
/// View > Show rejected suggestions
pub const SHOW_REJECTED: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::H);
/// View > Review panel
pub const REVIEW_PANEL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);
/// Review > Suggest for this document
pub const SUGGEST: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// Review > Suggest for all documents
pub const SUGGEST_ALL: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E);
/// Go > Next document
pub const NEXT_DOC: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::PageDown);
/// Go > Previous document
pub const PREV_DOC: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::PageUp);
/// Go > Mark done and next
pub const MARK_DONE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);
/// View > Documents
pub const DOCUMENTS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
/// Edit > Find
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// View > Statistics
pub const STATISTICS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::T);
/// Help > Keyboard shortcuts
pub const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);

/// Every shortcut with what it does, for the help window and the README.
pub const SHORTCUT_HELP: &[(&str, &str)] = &[
    ("Drag", "select text, snapped to whole words"),
    ("Alt + drag", "select exact characters"),
    ("Double-click", "select a word"),
    (
        "Click a span or its tag",
        "select it (click again to reach an enclosing span)",
    ),
    (
        "1–4 or P R C I",
        "tag the selection, or relabel the selected span (accepting it)",
    ),
    ("Delete / Backspace", "delete the selected span"),
    ("Tab / Shift+Tab", "select the next / previous span"),
    ("Esc", "clear the selection"),
    (
        "N / Shift+N",
        "select the next / previous pending suggestion",
    ),
    (
        "A or Enter",
        "accept the selected suggestion, go to the next",
    ),
    ("X", "reject the selected suggestion, go to the next"),
    (
        "Shift+Left / Shift+Right",
        "with a span selected: move its end",
    ),
    (
        "Alt+Shift+Left / Alt+Shift+Right",
        "with a span selected: move its start",
    ),
    (
        "Ctrl + those",
        "move that edge by word (onto a word, never a space)",
    ),
    ("Ctrl+H", "show or hide rejected suggestions"),
    (
        "Ctrl+F",
        "find (Enter / Shift+Enter: next / previous hit; Esc: close)",
    ),
    (
        "Ctrl+Page Down / Ctrl+Page Up",
        "next / previous document of the folder (saves first)",
    ),
    (
        "Ctrl+Enter",
        "mark the document done, save, go to the next (asks first if suggestions are pending)",
    ),
    ("Ctrl+D", "show or hide the document list"),
    (
        "Ctrl+T",
        "show or hide the folder's statistics (label distribution)",
    ),
    ("Ctrl+E", "run the suggesters on this document"),
    (
        "Ctrl+Shift+E",
        "run the suggesters on every document of the folder",
    ),
    ("Ctrl+R", "show or hide the review panel"),
    (
        "Left Right Up Down",
        "move the caret (by character, or row keeping its column)",
    ),
    ("Ctrl+Left / Ctrl+Right", "move by word"),
    (
        "Shift + any motion",
        "extend the selection (tagging snaps it to words)",
    ),
    (
        "Alt+Shift + any motion",
        "extend the selection by exact characters",
    ),
    ("Home / End", "start / end of the row"),
    ("Ctrl+Home / Ctrl+End", "start / end of the article"),
    ("Page Up / Page Down", "move a screen"),
    ("Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
    ("Ctrl+S", "save"),
    ("Ctrl+Shift+S", "save as…"),
    (
        "Ctrl+Shift+B",
        "back up an unloadable annotation file, then allow saving over it",
    ),
    ("Ctrl+O", "open an article"),
    ("Ctrl+Q", "quit"),
    ("F1", "show or hide this list"),
    (
        "S / D / Esc",
        "in the unsaved-changes question: save / discard / cancel",
    ),
    (
        "R (Enter) / D",
        "in the recovery question: restore / discard the unsaved work",
    ),
    (
        "R (Enter) / B / Esc",
        "before a new extractor command: run / built-in suggesters only / cancel",
    ),
    (
        "R / K / M",
        "when the files changed on disk: reload / keep mine / merge",
    ),
    (
        "Enter / Esc",
        "for an article not in UTF-8: open a UTF-8 copy / cancel",
    ),
    (
        "Enter or D / R / Esc",
        "marking done with suggestions pending: mark done anyway / review them / cancel",
    ),
    (
        "O (Enter) / Esc",
        "more than 50 other occurrences of a tag: offer the rest / leave them",
    ),
];

/// The keys pressed this frame, with their modifiers.
pub(super) fn pressed_keys(ctx: &egui::Context) -> Vec<(Key, Modifiers)> {
    ctx.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => Some((*key, *modifiers)),
                _ => None,
            })
            .collect()
    })
}

fn is(shortcut: KeyboardShortcut, key: Key, mods: Modifiers) -> bool {
    shortcut.logical_key == key && mods.matches_exact(shortcut.modifiers)
}

/// The commands this frame's key presses ask for.
pub fn commands(
    ctx: &egui::Context,
    session: Option<&Session>,
    view: Option<&mut TextView>,
) -> Vec<Command> {
    let mut out = Vec::new();
    let mut view = view;
    let mut selection = view.as_ref().map(|v| v.selection);
    for (key, mods) in pressed_keys(ctx) {
        let global = [
            (REDO, Command::Redo),
            (UNDO, Command::Undo),
            (REDO_Y, Command::Redo),
            (SAVE_AS, Command::SaveAsDialog),
            (BACK_UP, Command::BackUpAndOverwrite),
            (SAVE, Command::Save),
            (OPEN, Command::OpenDialog),
            (QUIT, Command::Quit),
            (HELP, Command::ToggleShortcuts),
            (SHOW_REJECTED, Command::ToggleRejected),
            (FIND, Command::OpenSearch),
            (STATISTICS, Command::ToggleStatistics),
            (NEXT_DOC, Command::NextDocument),
            (PREV_DOC, Command::PrevDocument),
            (MARK_DONE, Command::MarkDone),
            (DOCUMENTS, Command::ToggleDocuments),
            (SUGGEST_ALL, Command::Suggest { all: true }),
            (SUGGEST, Command::Suggest { all: false }),
            (REVIEW_PANEL, Command::ToggleReview),
        ];
        if let Some((_, command)) = global.into_iter().find(|(s, _)| is(*s, key, mods)) {
            out.push(command);
            continue;
        }
        // Typing in a text field (the document filter): no hotkeys.
        if ctx.text_edit_focused() {
            continue;
        }
        let (Some(session), Some(view), Some(sel)) =
            (session, view.as_deref_mut(), selection.as_mut())
        else {
            continue;
        };
        match key {
            Key::Escape => out.push(Command::ClearSelection),
            Key::Delete | Key::Backspace => out.push(Command::DeleteSpan),
            Key::Tab if mods.shift => out.push(Command::PrevSpan),
            Key::Tab => out.push(Command::NextSpan),
            Key::N if !mods.command && !mods.alt => out.push(if mods.shift {
                Command::PrevPending
            } else {
                Command::NextPending
            }),
            Key::A | Key::Enter if !mods.command && !mods.alt => out.push(Command::Accept),
            Key::X if !mods.command && !mods.alt => out.push(Command::Reject),
            Key::ArrowLeft | Key::ArrowRight if mods.shift && view.selected_span.is_some() => {
                out.push(Command::MoveEdge {
                    start: mods.alt,
                    forward: key == Key::ArrowRight,
                    by_word: mods.command || mods.ctrl,
                });
            }
            _ => {
                if let Some(moved) = caret_motion(ctx, session, view, *sel, key, mods) {
                    *sel = moved;
                    out.push(Command::Reveal(moved));
                } else if !mods.command
                    && !mods.ctrl
                    && !mods.alt
                    && let Some(label) =
                        key_char(key).and_then(|c| session.schema().label_for_key(c))
                {
                    out.push(Command::ApplyLabel(label.name.clone()));
                }
            }
        }
    }
    out
}

/// The character a key types, for label hotkeys (`Key::P` → `p`).
fn key_char(key: Key) -> Option<char> {
    let mut chars = key.name().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c.to_ascii_lowercase()),
        _ => None,
    }
}

/// Where a navigation key moves the caret, or `None` if `key` is not one.
fn caret_motion(
    ctx: &egui::Context,
    session: &Session,
    view: &mut TextView,
    sel: Selection,
    key: Key,
    mods: Modifiers,
) -> Option<Selection> {
    let doc = session.doc();
    let extend = mods.shift;
    let by_word = mods.command || mods.ctrl;
    let caret = sel.caret;
    let pos = match key {
        Key::ArrowLeft if !extend && !sel.is_empty() => sel.range().start,
        Key::ArrowRight if !extend && !sel.is_empty() => sel.range().end,
        Key::ArrowLeft if by_word => words::prev_word_start(doc, caret),
        Key::ArrowRight if by_word => words::next_word_end(doc, caret),
        Key::ArrowLeft => words::prev_grapheme(doc, caret),
        Key::ArrowRight => words::next_grapheme(doc, caret),
        Key::ArrowUp => view.vertical_move(ctx, doc, caret, -1, false),
        Key::ArrowDown => view.vertical_move(ctx, doc, caret, 1, false),
        Key::PageUp => view.vertical_move(ctx, doc, caret, -1, true),
        Key::PageDown => view.vertical_move(ctx, doc, caret, 1, true),
        Key::Home if by_word => 0,
        Key::End if by_word => doc.char_len(),
        Key::Home => view.row_edge(ctx, doc, caret, false),
        Key::End => view.row_edge(ctx, doc, caret, true),
        _ => return None,
    };
    Some(sel.moved_to(pos, extend, mods.alt))
}
