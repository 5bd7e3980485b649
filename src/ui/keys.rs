//! The keyboard: the keys of the window, of the text view and of the
//! prompts, and caret motion (the shortcuts themselves are in [`super::chrome::actions`]).

use egui::{Key, Modifiers};

use super::prompts::PromptKind;
use super::widgets::text_view::TextView;
use super::{Command, Selection};
use crate::model::{Status, words};
use crate::session::Session;

/// The keys pressed this frame, with their modifiers.
fn pressed_keys(ctx: &egui::Context) -> Vec<(Key, Modifiers)> {
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

/// The answers this frame's key presses give to the prompt `kind` (which
/// has the keyboard).
pub fn prompt_commands(ctx: &egui::Context, kind: PromptKind) -> Vec<Command> {
    pressed_keys(ctx)
        .into_iter()
        .filter_map(|(key, mods)| super::chrome::actions::prompt_command(kind, key, mods))
        .collect()
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
        if let Some(command) = super::chrome::actions::window_command(key, mods) {
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
        if view.linking.is_some() {
            // Page Up / Page Down still move a screen (the numbers follow
            // the view), so that a span far away can be linked.
            let page = matches!(key, Key::PageUp | Key::PageDown) && mods.is_none();
            let moved = page
                .then(|| caret_motion(ctx, session, view, *sel, (key, key), mods))
                .flatten();
            match moved {
                Some(moved) => {
                    *sel = moved;
                    out.push(Command::LinkPage(moved));
                }
                None => out.extend(linking_key(session, key, mods)),
            }
            continue;
        }
        let relation = view.selected_relation;
        // Arrows move on screen: by word and span edge, swapped where the
        // text under the caret reads right to left; by character, to the
        // next caret drawn that way (`caret_motion`).
        let on_screen = key;
        let key = view.logical_arrow(ctx, session.doc(), sel.caret, key);
        match key {
            Key::Escape => out.push(Command::ClearSelection),
            Key::Delete | Key::Backspace => out.push(match relation {
                Some(id) => Command::DeleteRelation(id),
                None => Command::DeleteSpan,
            }),
            Key::Tab if mods.shift => out.push(Command::PrevSpan),
            Key::Tab => out.push(Command::NextSpan),
            Key::N if !mods.command && !mods.alt => out.push(if mods.shift {
                Command::PrevPending
            } else {
                Command::NextPending
            }),
            Key::A | Key::Enter if !mods.command && !mods.alt => out.push(match relation {
                Some(id) => Command::ReviewRelation {
                    id,
                    status: Status::Accepted,
                },
                None => Command::Accept,
            }),
            Key::X if !mods.command && !mods.alt => out.push(match relation {
                Some(id) => Command::ReviewRelation {
                    id,
                    status: Status::Rejected,
                },
                None => Command::Reject,
            }),
            Key::L if mods.matches_exact(Modifiers::COMMAND) => out.push(Command::StartLink),
            Key::ArrowDown | Key::ArrowUp if mods.matches_exact(Modifiers::ALT) => {
                out.push(Command::StepRelation {
                    forward: key == Key::ArrowDown,
                });
            }
            Key::ArrowLeft | Key::ArrowRight if mods.shift && view.selected_span.is_some() => {
                out.push(Command::MoveEdge {
                    start: mods.alt,
                    forward: key == Key::ArrowRight,
                    by_word: mods.command || mods.ctrl,
                });
            }
            _ => {
                if let Some(moved) = caret_motion(ctx, session, view, *sel, (key, on_screen), mods)
                {
                    *sel = moved;
                    out.push(Command::Reveal(moved));
                } else if mods.command || mods.ctrl || mods.alt {
                } else if let Some(id) = relation
                    && let Some(def) =
                        key_char(key).and_then(|c| session.schema().relation_for_key(c))
                {
                    // A relation selected: its type's key gives it that type.
                    out.push(Command::RetypeRelation {
                        id,
                        label: def.name.clone(),
                    });
                } else if let Some(label) =
                    key_char(key).and_then(|c| session.schema().label_for_key(c))
                {
                    out.push(Command::ApplyLabel(label.name.clone()));
                }
            }
        }
    }
    out
}

/// What a key does while a link is being made: the table's keys (Tab,
/// Enter, Esc), a digit of a candidate's number, or a relation type's
/// hotkey.
fn linking_key(session: &Session, key: Key, mods: Modifiers) -> Option<Command> {
    if let Some(command) = super::chrome::actions::linking_command(key, mods) {
        return Some(command);
    }
    if mods.command || mods.ctrl || mods.alt {
        return None;
    }
    let c = key_char(key)?;
    if let Some(digit) = c.to_digit(10) {
        return u8::try_from(digit).ok().map(Command::LinkDigit);
    }
    let relation = session.schema().relation_for_key(c)?;
    Some(Command::LinkAs(relation.name.clone()))
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
/// `keys` is the key as [`TextView::logical_arrow`] turned it (Right moves
/// toward the text's end), and as pressed (for moves by one character, on
/// screen).
fn caret_motion(
    ctx: &egui::Context,
    session: &Session,
    view: &mut TextView,
    sel: Selection,
    (key, on_screen): (Key, Key),
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
        Key::ArrowLeft | Key::ArrowRight => {
            view.arrow_on_screen(ctx, doc, caret, on_screen == Key::ArrowLeft)
        }
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
