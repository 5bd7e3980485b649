//! Checks of the action table: no clashes, each shortcut runs its command,
//! each prompt's answers have keys, the README and settings agree with it.

use super::*;
use crate::ui::keys;

/// The keys a label may not take: those of the text view without a
/// modifier (see [`crate::settings::RESERVED_KEYS`]).
pub fn unmodified_text_keys() -> Vec<char> {
    let mut keys: Vec<char> = bindings()
        .filter(|(scope, _)| *scope == Scope::Text)
        .flat_map(|(_, b)| b.shortcuts.iter())
        .filter(|s| s.modifiers.is_none())
        .filter_map(|s| {
            let mut chars = s.logical_key.name().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
                _ => None,
            }
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The README's table of shortcuts, made from [`ACTIONS`].
pub fn readme_table() -> String {
    let mut table = String::from("| Keys | Action |\n|---|---|\n");
    for (keys, does) in shortcut_help() {
        table.push_str(&format!("| {keys} | {does} |\n"));
    }
    table
}

/// A shortcut as the help writes it: `Ctrl+Shift+Z`, `Page Down`.
fn spelled(shortcut: &KeyboardShortcut) -> String {
    let mods = shortcut.modifiers;
    let mut text = String::new();
    if mods.command || mods.ctrl {
        text.push_str("Ctrl+");
    }
    if mods.alt {
        text.push_str("Alt+");
    }
    if mods.shift {
        text.push_str("Shift+");
    }
    text.push_str(match shortcut.logical_key {
        Key::PageDown => "Page Down",
        Key::PageUp => "Page Up",
        Key::Escape => "Esc",
        other => other.name(),
    });
    text
}

/// Where each shortcut works: the window's everywhere the text view's do;
/// a prompt's only while it shows, when it takes the whole keyboard (so
/// its keys may be the window's, meaning something else there).
fn overlaps(a: Scope, b: Scope) -> bool {
    a == b
        || matches!(
            (a, b),
            (Scope::Window, Scope::Text) | (Scope::Text, Scope::Window)
        )
}

#[test]
fn no_two_actions_share_a_shortcut_where_both_work() {
    let all: Vec<(Scope, &Binding, &KeyboardShortcut)> = bindings()
        .flat_map(|(scope, b)| b.shortcuts.iter().map(move |s| (scope, b, s)))
        .collect();
    assert!(all.len() > 20, "{} shortcuts", all.len());
    let in_prompts = all
        .iter()
        .filter(|(scope, ..)| matches!(scope, Scope::Prompt(_)))
        .count();
    assert!(in_prompts > 15, "{in_prompts} shortcuts of prompts");
    for (i, (scope, binding, shortcut)) in all.iter().enumerate() {
        for (other_scope, other, other_shortcut) in &all[i + 1..] {
            assert!(
                !(overlaps(*scope, *other_scope) && shortcut == other_shortcut),
                "{} runs both {:?} and {:?}",
                spelled(shortcut),
                binding.command,
                other.command
            );
        }
    }
}

/// Whether `keys` writes a range of digit keys (`Alt+1–9`) that holds
/// `spelled` (`Alt+4`).
fn in_digit_range(keys: &str, spelled: &str) -> bool {
    let Some((prefix, digit)) = spelled.rsplit_once('+').map(|(p, d)| (format!("{p}+"), d)) else {
        return false;
    };
    let Ok(digit) = digit.parse::<u8>() else {
        return false;
    };
    keys.split([' ', '/', ',']).any(|part| {
        let Some(range) = part.strip_prefix(prefix.as_str()) else {
            return false;
        };
        let Some((low, high)) = range.split_once('–') else {
            return false;
        };
        matches!((low.parse::<u8>(), high.parse::<u8>()), (Ok(l), Ok(h)) if (l..=h).contains(&digit))
    })
}

#[test]
fn each_action_writes_its_shortcuts_in_its_keys() {
    for action in all() {
        for binding in action.bindings {
            for shortcut in binding.shortcuts {
                let spelled = spelled(shortcut);
                let written = action
                    .keys
                    .split([' ', '/', ','])
                    .any(|part| part.eq_ignore_ascii_case(&spelled))
                    || action.keys.contains(&spelled)
                    || in_digit_range(action.keys, &spelled);
                assert!(written, "{:?} does not say {spelled}", action.keys);
            }
        }
    }
}

#[test]
fn every_command_has_one_binding_and_menu_items_have_distinct_places() {
    let all: Vec<&Binding> = bindings().map(|(_, b)| b).collect();
    for (i, binding) in all.iter().enumerate() {
        assert!(
            all[i + 1..].iter().all(|b| b.command != binding.command),
            "{:?} is bound twice",
            binding.command
        );
    }
    let items: Vec<MenuItem> = all.iter().filter_map(|b| b.menu).collect();
    for (i, item) in items.iter().enumerate() {
        assert!(
            items[i + 1..]
                .iter()
                .all(|o| (o.menu, o.at) != (item.menu, item.at)),
            "{} and another item share place {} of {:?}",
            item.name,
            item.at,
            item.menu
        );
    }
}

#[test]
fn the_keys_labels_may_not_take_are_the_text_views_unmodified_letters() {
    let mut reserved = crate::settings::RESERVED_KEYS.to_vec();
    reserved.sort_unstable();
    assert_eq!(unmodified_text_keys(), reserved);
}

#[test]
fn the_readme_shortcut_table_is_made_from_the_actions() {
    let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    let begin = "<!-- shortcuts:begin -->\n";
    let end = "<!-- shortcuts:end -->";
    let (Some(a), Some(b)) = (readme.find(begin), readme.find(end)) else {
        panic!("README.md has no {begin:?} … {end:?} section");
    };
    let table = &readme[a + begin.len()..b];
    assert_eq!(
        table,
        readme_table(),
        "README.md's shortcut table differs from the actions: paste this between the markers:\n{}",
        readme_table()
    );
}

/// The commands `keys::commands` makes of one key press, with a document
/// open and nothing selected.
fn run_key(shortcut: &KeyboardShortcut) -> Vec<Command> {
    run_key_while(shortcut, None)
}

/// The commands one key press makes while `linking` is under way (or
/// none is).
fn run_key_while(
    shortcut: &KeyboardShortcut,
    linking: Option<crate::ui::widgets::linking::Linking>,
) -> Vec<Command> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let txt = dir.path().join("a.txt");
    std::fs::write(&txt, "Havana talks\n\nCuba and Iran signed.\n").expect("the article");
    let session = crate::session::Session::open(&txt, crate::model::LabelSchema::default())
        .expect("the session");
    let mut view = crate::ui::widgets::text_view::TextView::new(session.doc());
    view.linking = linking;
    press(shortcut, |ctx| {
        keys::commands(ctx, Some(&session), Some(&mut view))
    })
}

/// What `keys` makes of a frame in which `shortcut` is pressed.
fn press(
    shortcut: &KeyboardShortcut,
    keys: impl FnOnce(&egui::Context) -> Vec<Command>,
) -> Vec<Command> {
    let ctx = egui::Context::default();
    let event = egui::Event::Key {
        key: shortcut.logical_key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: shortcut.modifiers,
    };
    let input = egui::RawInput {
        events: vec![event],
        ..Default::default()
    };
    let mut keys = Some(keys);
    let mut out = Vec::new();
    ctx.run_ui(input, |ui| {
        if let Some(keys) = keys.take() {
            out = keys(ui.ctx());
        }
    })
    .drop_without_applying_deltas();
    out
}

#[test]
fn each_window_and_text_shortcut_runs_its_command() {
    for (scope, binding) in bindings() {
        if !matches!(scope, Scope::Window | Scope::Text) {
            continue;
        }
        for shortcut in binding.shortcuts {
            assert_eq!(
                run_key(shortcut),
                vec![binding.command.clone()],
                "{}",
                spelled(shortcut)
            );
        }
    }
}

#[test]
fn while_linking_the_tables_keys_digits_and_type_keys_pick_and_nothing_else_runs() {
    let linking = crate::ui::widgets::linking::Linking::Target {
        start: 1,
        candidates: Vec::new(),
        focus: 0,
        typed: String::new(),
    };
    let run = |s: KeyboardShortcut| run_key_while(&s, Some(linking.clone()));
    let mut seen = 0;
    for (scope, binding) in bindings() {
        if scope != Scope::Linking {
            continue;
        }
        for shortcut in binding.shortcuts {
            seen += 1;
            assert_eq!(
                run(*shortcut),
                vec![binding.command.clone()],
                "{}",
                spelled(shortcut)
            );
        }
    }
    assert_eq!(seen, 4, "Tab, Shift+Tab, Enter, Esc");
    assert_eq!(run(key(NONE, Key::Num3)), vec![Command::LinkDigit(3)]);
    assert_eq!(
        run(key(NONE, Key::H)),
        vec![Command::LinkAs("holds".into())]
    );
    // The text view's own keys do nothing meanwhile: no tagging, no review.
    for other in [Key::P, Key::A, Key::X, Key::Delete, Key::N] {
        assert_eq!(run(key(NONE, other)), vec![], "{other:?}");
    }
    // The window's shortcuts still work, and Page Down moves a screen
    // (the numbers follow the view).
    assert_eq!(run(key(CMD, Key::Z)), vec![Command::Undo]);
    assert!(
        matches!(
            run(key(NONE, Key::PageDown)).as_slice(),
            [Command::LinkPage(_)]
        ),
        "{:?}",
        run(key(NONE, Key::PageDown))
    );
}

#[test]
fn each_prompt_key_gives_its_answer_with_ctrl_only_where_the_prompt_allows() {
    for (scope, binding) in bindings() {
        let Scope::Prompt(prompt) = scope else {
            continue;
        };
        for shortcut in binding.shortcuts {
            let answers = press(shortcut, |ctx| keys::prompt_commands(ctx, prompt));
            assert_eq!(
                answers,
                vec![binding.command.clone()],
                "{}",
                spelled(shortcut)
            );
            let with_ctrl = key(CMD, shortcut.logical_key);
            let expected = if prompts::takes_modified_keys(prompt) {
                vec![binding.command.clone()]
            } else {
                Vec::new()
            };
            let answers = press(&with_ctrl, |ctx| keys::prompt_commands(ctx, prompt));
            assert_eq!(answers, expected, "{} in {prompt:?}", spelled(&with_ctrl));
        }
    }
}

#[test]
fn every_answer_of_a_prompt_has_a_key_in_that_prompt() {
    for answer in PromptAnswer::ALL {
        let found = bindings().find(|(_, b)| b.command == Command::Answer(answer));
        let Some((scope, _)) = found else {
            panic!("no key gives {answer:?}");
        };
        assert_eq!(scope, Scope::Prompt(answer.prompt()), "{answer:?}");
        assert!(!answer_key(answer).is_empty(), "{answer:?}");
    }
}

/// A prompt's keys are bare keys (none can be taken for a window
/// shortcut), they only answer it, and Esc keeps its meaning there: it
/// backs out, and a prompt that can be backed out of does so with Esc.
#[test]
fn prompt_keys_are_bare_answers_and_esc_backs_out() {
    for (scope, binding) in bindings() {
        let Scope::Prompt(prompt) = scope else {
            continue;
        };
        let Command::Answer(answer) = binding.command else {
            panic!("a key of {prompt:?} runs {:?}", binding.command);
        };
        assert_eq!(answer.prompt(), prompt, "{answer:?}");
        for shortcut in binding.shortcuts {
            assert!(shortcut.modifiers.is_none(), "{}", spelled(shortcut));
        }
        let on_esc = binding
            .shortcuts
            .iter()
            .any(|s| s.logical_key == Key::Escape);
        assert_eq!(
            on_esc,
            answer.backs_out(),
            "{answer:?}: Esc is for backing out, and backing out is on Esc"
        );
    }
}

/// Ctrl held still (a repeat of Ctrl+Enter, which asked "mark done?", or a
/// shortcut under way when files change on disk) answers neither of those
/// prompts; Ctrl+S in "save your changes?" saves.
#[test]
fn ctrl_answers_only_the_prompts_that_cannot_show_while_it_is_held() {
    let ctrl_answers = |prompt, key_pressed| {
        press(&key(CMD, key_pressed), |ctx| {
            keys::prompt_commands(ctx, prompt)
        })
    };
    assert_eq!(ctrl_answers(PromptKind::MarkDone, Key::Enter), vec![]);
    assert_eq!(ctrl_answers(PromptKind::DiskChange, Key::R), vec![]);
    let save = PromptAnswer::Unsaved(crate::ui::UnsavedAnswer::Save);
    assert_eq!(
        ctrl_answers(PromptKind::Unsaved, Key::S),
        vec![Command::Answer(save)]
    );
}
