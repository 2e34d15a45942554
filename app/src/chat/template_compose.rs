//! Compose a template message: pick one of the number's templates, fill its fields, check the
//! preview, send. Checked in the browser first, and again on the server.

use super::{SendTemplate, text};
use crate::AppError;
use crate::templates::domain::Purpose;
use crate::templates::{
    RefreshTemplates, TemplateChoice, TemplateList, TemplatePicker, group_templates,
};
use leptos::prelude::*;

/// The template half of the compose box; `send` is the chat's, so the history refetches.
#[component]
pub fn TemplateCompose(
    group_id: Signal<String>,
    send: ServerAction<SendTemplate>,
) -> impl IntoView {
    use crate::templates::text as ttext;
    let refresh = ServerAction::<RefreshTemplates>::new();
    let list = crate::resource::new(
        move || (group_id.get(), refresh.version().get()),
        |(group_id, _)| group_templates(group_id, Purpose::GroupMessage),
    );
    let choice = TemplateChoice::new();
    let checked = RwSignal::new(None::<AppError>);
    let loaded = move || list.get().and_then(Result::ok);
    let templates = Signal::derive(move || loaded().map(|list| list.templates).unwrap_or_default());
    Effect::new(move |_| {
        if matches!(send.value().get(), Some(Ok(_))) {
            choice.reset();
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let list = templates.get_untracked();
        match choice.filled(&list) {
            Err(error) => checked.set(Some(error)),
            Ok((template, _)) => {
                checked.set(None);
                send.dispatch(SendTemplate {
                    group_id: group_id.get_untracked(),
                    name: template.name,
                    language: template.language,
                    values: choice.values.get_untracked(),
                });
            }
        }
    };
    let notice = move || {
        refresh
            .value()
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.notice)
            .or_else(|| loaded().and_then(|list| list.notice))
    };
    let error = move || {
        checked
            .get()
            .or_else(|| send.value().get().and_then(Result::err))
            .or_else(|| refresh.value().get().and_then(Result::err))
            .or_else(|| list.get().and_then(Result::err))
    };
    view! {
        <form class="compose-template" on:submit=submit>
            <Transition fallback=|| view! { <p>{ttext::LOADING}</p> }>
                {move || loaded().map(|list| view! { <Freshness list/> })}
                {move || loaded().filter(|list| list.templates.is_empty())
                    .map(|_| view! { <p class="hint">{ttext::NONE_AVAILABLE}</p> })}
            </Transition>
            {move || notice().map(|notice| view! { <p class="chat-notice" role="status">{notice}</p> })}
            <TemplatePicker templates choice id_prefix="chat-template"/>
            <div class="compose-template-actions">
                <button type="button" class="secondary" disabled=move || refresh.pending().get()
                    on:click=move |_| {
                        refresh.dispatch(RefreshTemplates {
                            group_id: group_id.get_untracked(),
                            purpose: Purpose::GroupMessage,
                        });
                    }>
                    {move || if refresh.pending().get() { ttext::REFRESHING } else { ttext::REFRESH }}
                </button>
                <button type="submit" disabled=move || send.pending().get()>
                    {move || if send.pending().get() { text::SENDING } else { text::SEND_TEMPLATE }}
                </button>
            </div>
            {move || error().map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })}
        </form>
    }
}

/// When the templates were read from WhatsApp.
#[component]
fn Freshness(list: TemplateList) -> impl IntoView {
    use crate::templates::text as ttext;
    let line = match list.refreshed_at {
        Some(at) => format!("{} {}", ttext::REFRESHED_AT, crate::dates::minute_utc(at)),
        None => ttext::NEVER_REFRESHED.to_owned(),
    };
    view! { <p class="hint template-freshness">{line}</p> }
}
