//! The invite link: copy it, show it as a QR code (download as PNG), and reset it.

use super::group_ui::{GroupUi, alert};
use super::invite_check::CheckLinkControls;
use super::invite_qr::InviteCode;
use super::manage::{DeleteInviteLink, ResetInviteLink};
use super::text;
use crate::AppError;
use leptos::prelude::*;

/// The link with its QR code; `can_reset` offers the reset (it stops every earlier link). `qr`
/// is made by the page when it starts (see [`super::group_page`]).
#[component]
pub fn InvitePanel(
    link: String,
    group_id: String,
    can_reset: bool,
    ui: GroupUi,
    qr: crate::resource::Resource<Result<InviteCode, AppError>>,
) -> impl IntoView {
    let copy_link = link.clone();
    let copy = move |_| {
        copy_to_clipboard(&copy_link);
        ui.copied.set(true);
    };
    view! {
        <section class="invite">
            <h2>{text::INVITE_HEADING}</h2>
            <div class="invite-row">
                <input type="text" readonly class="invite-link-field" aria-label=text::COLUMN_INVITE_LINK
                    prop:value=link.clone()/>
                <button type="button" on:click=copy>{text::COPY_LINK}</button>
            </div>
            <Show when=move || ui.copied.get()>
                <p class="notice" role="status">{text::COPIED}</p>
            </Show>
            <p><a class="invite-link" href=link.clone() rel="noopener" target="_blank">{link.clone()}</a></p>
            <Transition fallback=|| ()>
                {move || qr.get().map(|result| match result {
                    Ok(qr) => view! {
                        <figure class="qr">
                            <div class="qr-code" role="img" aria-label=text::QR_LABEL inner_html=qr.svg></div>
                            <figcaption>
                                <a class="download-qr" href=qr.png_data_url download="group-invite-qr.png">{text::DOWNLOAD_PNG}</a>
                            </figcaption>
                        </figure>
                    }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                })}
            </Transition>
            <CheckLinkControls group_id=group_id.clone() ui/>
            {can_reset.then(|| view! { <ResetControls group_id=group_id.clone() ui/> })}
            {can_reset.then(|| view! { <DeleteLinkControls group_id ui/> })}
        </section>
    }
}

/// A group without an invite link (it was deleted): say so and offer a reset to make one.
#[component]
pub fn NoInviteLink(group_id: String, can_reset: bool, ui: GroupUi) -> impl IntoView {
    view! {
        <section class="invite">
            <h2>{text::INVITE_HEADING}</h2>
            <p class="notice no-invite-link" role="status">{text::NO_INVITE_LINK}</p>
            <CheckLinkControls group_id=group_id.clone() ui/>
            {can_reset.then(|| view! { <ResetControls group_id ui/> })}
        </section>
    }
}

#[component]
fn DeleteLinkControls(group_id: String, ui: GroupUi) -> impl IntoView {
    let pending = ui.delete_link.pending();
    let confirm = move |_| {
        ui.delete_link.dispatch(DeleteInviteLink {
            group_id: group_id.clone(),
        });
        ui.confirming_link_delete.set(false);
        ui.copied.set(false);
    };
    view! {
        <div class="delete-link-controls">
            <button type="button" class="secondary" disabled=move || pending.get()
                on:click=move |_| ui.confirming_link_delete.set(true)>
                {move || if pending.get() { text::DELETING_LINK } else { text::DELETE_LINK }}
            </button>
            {move || alert(ui.delete_link.value().get().and_then(Result::err))}
            <Show when=move || ui.confirming_link_delete.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="delete-link-confirm-text">
                    <p id="delete-link-confirm-text"><strong>{text::DELETE_LINK_CONFIRM_TEXT}</strong></p>
                    <button type="button" class="danger" on:click=confirm.clone()>{text::DELETE_LINK_CONFIRM}</button>
                    <button type="button" class="secondary" on:click=move |_| ui.confirming_link_delete.set(false)>{text::CANCEL}</button>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn ResetControls(group_id: String, ui: GroupUi) -> impl IntoView {
    let pending = ui.reset.pending();
    let confirm = move |_| {
        ui.reset.dispatch(ResetInviteLink {
            group_id: group_id.clone(),
        });
        ui.confirming_reset.set(false);
        ui.copied.set(false);
    };
    view! {
        <div class="reset-controls">
            <button type="button" class="secondary" disabled=move || pending.get()
                on:click=move |_| ui.confirming_reset.set(true)>
                {move || if pending.get() { text::RESETTING } else { text::RESET_LINK }}
            </button>
            {move || alert(ui.reset.value().get().and_then(Result::err))}
            <Show when=move || matches!(ui.reset.value().get(), Some(Ok(_)))>
                <p class="notice" role="status">{text::RESET_DONE}</p>
            </Show>
            <Show when=move || ui.confirming_reset.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="reset-confirm-text">
                    <p id="reset-confirm-text"><strong>{text::RESET_CONFIRM_TEXT}</strong></p>
                    <button type="button" class="danger" on:click=confirm.clone()>{text::RESET_CONFIRM}</button>
                    <button type="button" class="secondary" on:click=move |_| ui.confirming_reset.set(false)>{text::CANCEL}</button>
                </div>
            </Show>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn copy_to_clipboard(link: &str) {
    if let Some(window) = web_sys::window() {
        // The promise settles later; the link also stays selectable in the field above.
        let _promise = window.navigator().clipboard().write_text(link);
    }
}

#[cfg(not(feature = "hydrate"))]
fn copy_to_clipboard(_link: &str) {}
