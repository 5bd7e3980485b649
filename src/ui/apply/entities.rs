//! Entity commands: linking the selected span to the entity picked in the
//! Entities tab (Ctrl+K), unlinking it (Ctrl+Shift+K), reviewing a
//! suggested link, and renaming and merging entities. A span's link is a
//! document edit (Ctrl+Z undoes it); a registry change is saved to the
//! folder's `entities.ron` at once and taken back by Ctrl+Z or the panel's
//! Undo button, a merge's re-pointed links with it (`entity_undo.rs`).

use crate::entities::corpus::Repoint;
use crate::entities::{self, RegistryEdit, RegistryError};
use crate::model::Status;
use crate::ui::Command;
use crate::ui::app::{NewsmarkApp, RightTab};
use crate::ui::apply::entity_repoint::{Direction, RepointStart, Scope};
use crate::ui::widgets::entity_panel::{EntityPanel, EntityStep, Repointed};

impl NewsmarkApp {
    /// Applies an entity command (others are applied in `apply`).
    pub(in crate::ui) fn apply_entity(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::LinkEntity => self.link_picked_entity(),
            Command::UnlinkEntity => self.unlink_entity(),
            Command::ReviewLink(status) => {
                self.review_link(status);
            }
            Command::RenameEntity { id, name } => self.rename_entity(&id, &name),
            Command::MergeEntity { from, into } => self.merge_entity(ctx, &from, &into),
            Command::SplitEntity { id, alias } => self.split_entity(ctx, &id, &alias),
            Command::AddAlias { id, alias } => {
                self.registry_change(&id, format!("alias “{alias}” of {id}"), |r| {
                    if alias.is_empty() {
                        return Err(RegistryError::NoChange("Type the alias first.".to_owned()));
                    }
                    r.add_alias_edit(&id, &alias)
                });
            }
            Command::RemoveAlias { id, alias } => {
                let what = format!("removal of “{alias}” from {id}");
                self.registry_change(&id, what, |r| r.remove_alias_edit(&id, &alias));
            }
            Command::SetExternalId { id, external_id } => {
                let what = format!("QID of {id}");
                self.registry_change(&id, what, |r| r.external_id_edit(&id, &external_id));
            }
            Command::UndoEntityEdit => self.undo_entity_edit(ctx),
            Command::RedoEntityEdit => self.redo_entity_edit(ctx),
            _ => {}
        }
    }

    pub(in crate::ui) fn entity_panel(&mut self) -> Option<&mut EntityPanel> {
        self.folder.as_mut().map(|f| &mut f.entities)
    }

    /// Links the selected span to the picked entity (an accepted link).
    fn link_picked_entity(&mut self) {
        let picked = self.entity_panel().and_then(|p| {
            p.picked
                .as_deref()
                .and_then(|id| p.registry.get(id))
                .cloned()
        });
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        let Some(span) = view.selected_span.and_then(|id| session.set().get(id)) else {
            return self
                .info("Select a span first (click it, or Tab to it), then Ctrl+K links it.");
        };
        let Some(entity) = picked else {
            self.layout.right = RightTab::Entities;
            return self
                .info("Pick an entity in the Entities tab, then Ctrl+K links the span to it.");
        };
        if entity.label != span.label {
            return self.info(format!(
                "{} is a {}; this span is a {}: link it to a {} entity.",
                entity.name, entity.label, span.label, span.label
            ));
        }
        match session.link_entity_edit(span.id, Some(&entity.id)) {
            Some(edit) => self.perform(edit),
            None => self.info(format!("This span is already linked to {}.", entity.name)),
        }
    }

    fn unlink_entity(&mut self) {
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        let Some(span) = view.selected_span.and_then(|id| session.set().get(id)) else {
            return self.info("Select a span first, then Ctrl+Shift+K removes its entity link.");
        };
        if span.entity.is_none() {
            return self.info("This span is not linked to an entity.");
        }
        if let Some(edit) = session.link_entity_edit(span.id, None) {
            self.perform(edit);
        }
    }

    /// Accepts or rejects the selected span's suggested link; `false` if it
    /// has none pending (then A and X review the span itself).
    pub(in crate::ui) fn review_link(&mut self, status: Status) -> bool {
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return false;
        };
        let Some(span) = view.selected_span.and_then(|id| session.set().get(id)) else {
            return false;
        };
        if span.entity.is_none() || span.entity_status != Status::Pending {
            return false;
        }
        if let Some(edit) = session.review_link_edit(span.id, status) {
            self.perform(edit);
        }
        true
    }

    /// Applies `edit` to the registry and saves it; whether it worked (the
    /// notice says why not).
    pub(in crate::ui) fn change_registry(&mut self, edit: &RegistryEdit) -> bool {
        let Some(folder) = self.folder.as_mut() else {
            return false;
        };
        let dir = folder.corpus.dir.clone();
        let panel = &mut folder.entities;
        if let Some(problem) = &panel.problem {
            let text = format!("The registry is not changed while it cannot be read: {problem}");
            self.error(text);
            return false;
        }
        if let Some(running) = &panel.running {
            let text = format!(
                "Wait for the {} to re-point the folder's links (or cancel it in the status bar).",
                running.what
            );
            self.info(text);
            return false;
        }
        if let Err(err) = panel.registry.apply(edit) {
            self.error(format!("Could not change the registry: {err}"));
            return false;
        }
        if let Err(err) = entities::save(&dir, &panel.registry) {
            // The file is as it was: so is the registry.
            let _ = panel.registry.apply(&edit.inverse());
            self.error(format!("Could not save the registry: {err}"));
            return false;
        }
        true
    }

    /// Makes the registry change `make` gives (one of entity `id`'s own,
    /// called `what` by the Undo button): saved at once, undoable.
    fn registry_change(
        &mut self,
        id: &str,
        what: String,
        make: impl FnOnce(&entities::Registry) -> Result<RegistryEdit, RegistryError>,
    ) {
        let Some(panel) = self.entity_panel() else {
            return;
        };
        let edit = match make(&panel.registry) {
            Ok(edit) => edit,
            Err(err) => return self.info(err.to_string()),
        };
        if self.change_registry(&edit) {
            self.info(format!(
                "Saved the {what} in entities.ron (Ctrl+Z takes it back)."
            ));
            self.entities_step(what, edit, None, Vec::new());
            if let Some(panel) = self.entity_panel() {
                panel.pick(Some(id));
            }
        }
    }

    fn rename_entity(&mut self, id: &str, name: &str) {
        let Some(panel) = self.entity_panel() else {
            return;
        };
        if name.is_empty() {
            return self.info("Type the new name first.");
        }
        let edit = match panel.registry.rename_edit(id, name) {
            Ok(edit) => edit,
            Err(err) => return self.info(err.to_string()),
        };
        if self.change_registry(&edit) {
            self.entities_step(format!("rename of {id}"), edit, None, Vec::new());
            self.info(format!(
                "Renamed {id} to “{name}” in entities.ron (Ctrl+Z takes it back)."
            ));
        }
    }

    /// Merges entity `from` into `into`: this document's links at once
    /// (one document edit), the folder's other documents in the background,
    /// then the registry (`entity_repoint.rs`).
    fn merge_entity(&mut self, ctx: &egui::Context, from: &str, into: &str) {
        let Some(panel) = self.entity_panel() else {
            return;
        };
        let edit = match panel.registry.merge_edit(from, into) {
            Ok(edit) => edit,
            Err(err) => return self.info(err.to_string()),
        };
        if !self.may_repoint_folder() {
            return;
        }
        let repointed = self.repoint_open_document(from, into, |_| true);
        let repoint = Repoint::all(from, into);
        self.start_repoint(
            ctx,
            RepointStart {
                what: format!("merge of {from}"),
                edit,
                registry_after: true,
                scope: Scope::Folder(repoint),
                repointed,
                direction: Direction::Do,
            },
        );
    }

    /// Splits `alias` off entity `id` as a new entity named so: the
    /// registry first, then the spans of that text linked to `id`, in this
    /// document at once and in the folder's others in the background.
    fn split_entity(&mut self, ctx: &egui::Context, id: &str, alias: &str) {
        let Some(panel) = self.entity_panel() else {
            return;
        };
        let new = panel.registry.free_id(alias);
        let edit = match panel.registry.split_edit(id, &new, alias, &[alias]) {
            Ok(edit) => edit,
            Err(err) => return self.info(err.to_string()),
        };
        if !self.may_repoint_folder() || !self.change_registry(&edit) {
            return;
        }
        let repoint = Repoint {
            from: id.to_owned(),
            into: new.clone(),
            text: Some(alias.to_owned()),
            spans: None,
        };
        let repointed = self.repoint_open_document(id, &new, |s| repoint.picks(s));
        if let Some(panel) = self.entity_panel() {
            panel.pick(Some(&new));
        }
        self.start_repoint(
            ctx,
            RepointStart {
                what: format!("split of {new}"),
                edit,
                registry_after: false,
                scope: Scope::Folder(repoint),
                repointed,
                direction: Direction::Do,
            },
        );
    }

    /// Re-points the open document's links to `from` that `which` picks
    /// to `into`, as one document edit; what was re-pointed, if anything.
    pub(in crate::ui) fn repoint_open_document(
        &mut self,
        from: &str,
        into: &str,
        which: impl Fn(&crate::model::Span) -> bool,
    ) -> Option<Repointed> {
        let session = self.session()?;
        let set = session.set();
        let spans: Vec<_> = set
            .spans()
            .iter()
            .chain(set.orphans())
            .filter(|s| s.entity.as_deref() == Some(from) && which(s))
            .map(|s| s.id)
            .collect();
        let txt = session.txt_path().to_owned();
        let links = entities::repoint_links_edit(set, from, into, which)?;
        self.perform(links);
        Some(Repointed {
            txt,
            from: from.to_owned(),
            into: into.to_owned(),
            spans,
        })
    }

    pub(in crate::ui) fn entities_step(
        &mut self,
        what: String,
        edit: RegistryEdit,
        repointed: Option<Repointed>,
        elsewhere: Vec<(std::path::PathBuf, Repoint)>,
    ) {
        let doc_state = self.doc_state();
        if let Some(panel) = self.entity_panel() {
            panel.undo.push(EntityStep {
                what,
                edit,
                repointed,
                doc_state,
                elsewhere,
            });
            panel.redo.clear();
        }
    }
}
