//! The prompts' keys. A prompt is modal: while one shows, it takes the
//! keyboard, and only its own keys work (see [`super::prompt_command`]).
//! Each answer's first key is the one its button shows.

use egui::Key;

use super::{Action, NONE, Scope, key, keys_only};
use crate::ui::Command;
use crate::ui::prompts::{PromptAnswer, PromptKind};
use crate::ui::{
    ApprovalAnswer, DiskChoice, EncodingAnswer, HeldAnswer, JournalAnswer, MarkDoneAnswer,
    UnsavedAnswer,
};

/// Whether a prompt's keys also answer it with Ctrl, Alt or Shift held.
/// Not those that may show while Ctrl is still down: "changed on disk"
/// (it appears unasked, perhaps in the middle of a shortcut) and "mark
/// done?" (asked by Ctrl+Enter, whose repeat must not answer it).
pub fn takes_modified_keys(prompt: PromptKind) -> bool {
    !matches!(prompt, PromptKind::DiskChange | PromptKind::MarkDone)
}

/// The command that gives `answer`.
const fn answer(answer: PromptAnswer) -> Command {
    Command::Answer(answer)
}

/// The prompts' keys, in the order of the F1 help.
pub static PROMPTS: &[Action] = &[
    Action {
        keys: "S or Enter / D / Esc or C",
        does: "unsaved changes: save / discard / cancel",
        scope: Scope::Prompt(PromptKind::Unsaved),
        bindings: &[
            keys_only(
                answer(PromptAnswer::Unsaved(UnsavedAnswer::Save)),
                &[key(NONE, Key::S), key(NONE, Key::Enter)],
            ),
            keys_only(
                answer(PromptAnswer::Unsaved(UnsavedAnswer::Discard)),
                &[key(NONE, Key::D)],
            ),
            keys_only(
                answer(PromptAnswer::Unsaved(UnsavedAnswer::Cancel)),
                &[key(NONE, Key::Escape), key(NONE, Key::C)],
            ),
        ],
    },
    Action {
        keys: "R (Enter) / D",
        does: "unsaved work recovered: restore / discard",
        scope: Scope::Prompt(PromptKind::Journal),
        bindings: &[
            keys_only(
                answer(PromptAnswer::Journal(JournalAnswer::Restore)),
                &[key(NONE, Key::R), key(NONE, Key::Enter)],
            ),
            keys_only(
                answer(PromptAnswer::Journal(JournalAnswer::Discard)),
                &[key(NONE, Key::D)],
            ),
        ],
    },
    Action {
        keys: "R (Enter) / B / Esc",
        does: "before a new extractor command: run / built-in suggesters only / cancel",
        scope: Scope::Prompt(PromptKind::Approval),
        bindings: &[
            keys_only(
                answer(PromptAnswer::Approval(ApprovalAnswer::Run)),
                &[key(NONE, Key::R), key(NONE, Key::Enter)],
            ),
            keys_only(
                answer(PromptAnswer::Approval(ApprovalAnswer::BuiltInOnly)),
                &[key(NONE, Key::B)],
            ),
            keys_only(
                answer(PromptAnswer::Approval(ApprovalAnswer::Cancel)),
                &[key(NONE, Key::Escape)],
            ),
        ],
    },
    Action {
        keys: "R / K / M",
        does: "when the files changed on disk: reload / keep mine / merge",
        scope: Scope::Prompt(PromptKind::DiskChange),
        bindings: &[
            keys_only(
                answer(PromptAnswer::DiskChange(DiskChoice::Reload)),
                &[key(NONE, Key::R)],
            ),
            keys_only(
                answer(PromptAnswer::DiskChange(DiskChoice::KeepMine)),
                &[key(NONE, Key::K)],
            ),
            keys_only(
                answer(PromptAnswer::DiskChange(DiskChoice::Merge)),
                &[key(NONE, Key::M)],
            ),
        ],
    },
    Action {
        keys: "Enter / Esc",
        does: "not UTF-8: open a UTF-8 copy / cancel",
        scope: Scope::Prompt(PromptKind::Encoding),
        bindings: &[
            keys_only(
                answer(PromptAnswer::Encoding(EncodingAnswer::Convert)),
                &[key(NONE, Key::Enter)],
            ),
            keys_only(
                answer(PromptAnswer::Encoding(EncodingAnswer::Cancel)),
                &[key(NONE, Key::Escape)],
            ),
        ],
    },
    Action {
        keys: "Enter or D / R / Esc or C",
        does: "done with some pending: mark / review / cancel",
        scope: Scope::Prompt(PromptKind::MarkDone),
        bindings: &[
            keys_only(
                answer(PromptAnswer::MarkDone(MarkDoneAnswer::MarkDone)),
                &[key(NONE, Key::Enter), key(NONE, Key::D)],
            ),
            keys_only(
                answer(PromptAnswer::MarkDone(MarkDoneAnswer::Review)),
                &[key(NONE, Key::R)],
            ),
            keys_only(
                answer(PromptAnswer::MarkDone(MarkDoneAnswer::Cancel)),
                &[key(NONE, Key::Escape), key(NONE, Key::C)],
            ),
        ],
    },
    Action {
        keys: "O (Enter) / Esc",
        does: "over 50 more occurrences: offer / leave them",
        scope: Scope::Prompt(PromptKind::HeldOccurrences),
        bindings: &[
            keys_only(
                answer(PromptAnswer::HeldOccurrences(HeldAnswer::Offer)),
                &[key(NONE, Key::O), key(NONE, Key::Enter)],
            ),
            keys_only(
                answer(PromptAnswer::HeldOccurrences(HeldAnswer::NotNow)),
                &[key(NONE, Key::Escape)],
            ),
        ],
    },
];
