//! The group page's state that must outlive each live refresh: selections, open confirmations,
//! typed drafts and the actions. The page body re-renders on every change; these do not reset.

use super::manage::{
    ChangeApprovalMode, CheckInviteLink, DeleteGroup, DeleteInviteLink, RemoveParticipants,
    ResetInviteLink, UpdateGroupSettings,
};
use super::mark_deleted::MarkGroupDeleted;
use leptos::prelude::*;

/// Signals and actions of one group page.
#[derive(Clone, Copy)]
pub struct GroupUi {
    /// The participants ticked for removal (their numbers or BSUIDs).
    pub selected: RwSignal<Vec<String>>,
    /// Whether the removal confirmation is open.
    pub confirming_removal: RwSignal<bool>,
    /// Whether the link-reset confirmation is open.
    pub confirming_reset: RwSignal<bool>,
    /// Whether the link-deletion confirmation is open.
    pub confirming_link_delete: RwSignal<bool>,
    /// What was typed to confirm a deletion.
    pub delete_typed: RwSignal<String>,
    /// Whether the settings form is open, with its drafts.
    pub editing: RwSignal<bool>,
    /// The subject being edited.
    pub subject_draft: RwSignal<String>,
    /// The description being edited.
    pub description_draft: RwSignal<String>,
    /// How many pictures were sent from this page (the page refetches after each).
    pub pictures_sent: RwSignal<usize>,
    /// Whether the link was just copied.
    pub copied: RwSignal<bool>,
    /// Remove participants.
    pub remove: ServerAction<RemoveParticipants>,
    /// Delete the group.
    pub delete: ServerAction<DeleteGroup>,
    /// Mark a group WhatsApp no longer lists deleted, in GroupDesk only.
    pub mark_deleted: ServerAction<MarkGroupDeleted>,
    /// Reset the invite link.
    pub reset: ServerAction<ResetInviteLink>,
    /// Delete the invite link.
    pub delete_link: ServerAction<DeleteInviteLink>,
    /// Change settings.
    pub settings: ServerAction<UpdateGroupSettings>,
    /// The approval mode chosen in the form (empty: the group's current one).
    pub approval_draft: RwSignal<String>,
    /// Change the approval mode.
    pub approval: ServerAction<ChangeApprovalMode>,
    /// Read the invite link from WhatsApp.
    pub check_link: ServerAction<CheckInviteLink>,
}

impl GroupUi {
    /// Fresh state for a page.
    pub fn new() -> Self {
        Self {
            selected: RwSignal::new(Vec::new()),
            confirming_removal: RwSignal::new(false),
            confirming_reset: RwSignal::new(false),
            confirming_link_delete: RwSignal::new(false),
            delete_typed: RwSignal::new(String::new()),
            editing: RwSignal::new(false),
            subject_draft: RwSignal::new(String::new()),
            description_draft: RwSignal::new(String::new()),
            pictures_sent: RwSignal::new(0),
            copied: RwSignal::new(false),
            remove: ServerAction::new(),
            delete: ServerAction::new(),
            mark_deleted: ServerAction::new(),
            reset: ServerAction::new(),
            delete_link: ServerAction::new(),
            settings: ServerAction::new(),
            approval_draft: RwSignal::new(String::new()),
            approval: ServerAction::new(),
            check_link: ServerAction::new(),
        }
    }

    /// A number that changes whenever one of the actions completes, so the page refetches.
    pub fn version(&self) -> usize {
        self.remove.version().get()
            + self.delete.version().get()
            + self.mark_deleted.version().get()
            + self.reset.version().get()
            + self.settings.version().get()
            + self.delete_link.version().get()
            + self.approval.version().get()
            + self.check_link.version().get()
            + self.pictures_sent.get()
    }
}

impl Default for GroupUi {
    fn default() -> Self {
        Self::new()
    }
}

/// An action's error as an alert, or nothing.
pub fn alert(error: Option<crate::AppError>) -> Option<AnyView> {
    error.map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any())
}
