//! The "Invite by template" panel of a group page: pick an approved invite template, paste phone
//! numbers (checked as one types), send, and follow each number's progress live.

use super::api::{StartInvites, invite_progress};
use super::domain::{InviteJobView, RecipientState};
use super::phones::PhoneList;
use super::text;
use crate::AppError;
use crate::templates::domain::{Purpose, TemplateView};
use crate::templates::{RefreshTemplates, TemplateChoice, TemplatePicker, group_templates};
use leptos::prelude::*;

/// The panel's data and actions. The group page makes them when it starts, before it knows
/// whether it shows the panel, so the server loads them with the page and the browser hydrates
/// the same content.
#[derive(Clone, Copy)]
pub struct InviteData {
    group_id: Signal<String>,
    start: ServerAction<StartInvites>,
    refresh: ServerAction<RefreshTemplates>,
    list: crate::resource::Resource<Result<crate::templates::TemplateList, AppError>>,
    progress: crate::resource::Resource<Result<Option<InviteJobView>, AppError>>,
}

impl InviteData {
    /// `tick` is the page's live tick, so progress refetches as numbers are sent.
    pub fn new(group_id: Signal<String>, tick: ReadSignal<u64>) -> Self {
        let start = ServerAction::<StartInvites>::new();
        let refresh = ServerAction::<RefreshTemplates>::new();
        let list = crate::resource::new(
            move || (group_id.get(), refresh.version().get()),
            |(group_id, _)| group_templates(group_id, Purpose::GroupInvite),
        );
        let progress = crate::resource::new(
            move || (group_id.get(), tick.get(), start.version().get()),
            |(group_id, ..)| invite_progress(group_id),
        );
        Self {
            group_id,
            start,
            refresh,
            list,
            progress,
        }
    }
}

/// The panel.
#[component]
pub fn InviteByTemplate(data: InviteData) -> impl IntoView {
    use crate::templates::text as ttext;
    let InviteData {
        group_id,
        start,
        refresh,
        list,
        progress,
    } = data;
    let choice = TemplateChoice::new();
    let numbers = RwSignal::new(String::new());
    let parsed = Memo::new(move |_| numbers.with(|raw| PhoneList::parse(raw)));
    let checked = RwSignal::new(None::<AppError>);
    let loaded = move || list.get().and_then(Result::ok);
    // The invite template's one field is the group, which WhatsApp fills with the link.
    let templates = Signal::derive(move || {
        loaded()
            .map(|list| {
                list.templates
                    .into_iter()
                    .map(without_fields)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    Effect::new(move |_| {
        if matches!(start.value().get(), Some(Ok(_))) {
            numbers.set(String::new());
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let picked = templates.with_untracked(|list| choice.current(list));
        let Some(template) = picked else {
            checked.set(Some(AppError::validation("name", ttext::PICK_FIRST)));
            return;
        };
        if let Err(message) = parsed.with_untracked(PhoneList::check) {
            checked.set(Some(AppError::validation("numbers", message)));
            return;
        }
        checked.set(None);
        start.dispatch(StartInvites {
            group_id: group_id.get_untracked(),
            name: template.name,
            language: template.language,
            numbers: numbers.get_untracked(),
        });
    };
    let error = move || {
        checked
            .get()
            .or_else(|| start.value().get().and_then(Result::err))
            .or_else(|| refresh.value().get().and_then(Result::err))
            .or_else(|| list.get().and_then(Result::err))
    };
    view! {
        <section class="invite-by-template" aria-labelledby="invite-template-heading">
            <h2 id="invite-template-heading">{text::HEADING}</h2>
            <p class="hint">{text::INTRO}</p>
            <form on:submit=submit>
                <Transition fallback=|| view! { <p>{ttext::LOADING}</p> }>
                    {move || loaded().filter(|list| list.templates.is_empty())
                        .map(|_| view! { <p class="notice" role="status" data-testid="no-invite-template">{text::NONE_APPROVED}</p> })}
                    {move || loaded().and_then(|list| list.notice)
                        .map(|notice| view! { <p class="chat-notice" role="status">{notice}</p> })}
                    // In the Transition: the list it offers comes from the server, so the page
                    // is rendered and hydrated with the same options.
                    <TemplatePicker templates choice id_prefix="invite-template"/>
                </Transition>
                <label for="invite-numbers">{text::NUMBERS_LABEL}</label>
                <textarea id="invite-numbers" name="numbers" rows="5" autocomplete="off"
                    aria-describedby="invite-numbers-hint invite-numbers-check"
                    prop:value=move || numbers.get()
                    on:input=move |event| numbers.set(event_target_value(&event))></textarea>
                <p id="invite-numbers-hint" class="hint">{text::NUMBERS_HINT}</p>
                <NumbersCheck parsed/>
                <div class="compose-template-actions">
                    <button type="button" class="secondary" disabled=move || refresh.pending().get()
                        on:click=move |_| {
                            refresh.dispatch(RefreshTemplates {
                                group_id: group_id.get_untracked(),
                                purpose: Purpose::GroupInvite,
                            });
                        }>
                        {move || if refresh.pending().get() { ttext::REFRESHING } else { ttext::REFRESH }}
                    </button>
                    <button type="submit" disabled=move || start.pending().get()>
                        {move || if start.pending().get() { text::SENDING } else { text::SEND }}
                    </button>
                </div>
                <Transition fallback=|| ()>
                    {move || error().map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })}
                </Transition>
            </form>
            <Transition fallback=|| ()>
                {move || progress.get().and_then(Result::ok).flatten().map(|job| view! { <JobProgress job/> })}
            </Transition>
        </section>
    }
}

/// The template without fields to fill: its only placeholder is the group's link.
fn without_fields(mut template: TemplateView) -> TemplateView {
    template.slots.clear();
    template
}

/// What the pasted list holds: how many are ready, duplicates dropped, and each invalid entry.
#[component]
fn NumbersCheck(parsed: Memo<PhoneList>) -> impl IntoView {
    let summary = move || {
        parsed.with(|list| {
            let mut line = format!("{} {}", list.numbers.len(), text::READY);
            if list.duplicates > 0 {
                line.push_str(&format!(
                    ", {} {}",
                    list.duplicates,
                    text::DUPLICATES_REMOVED
                ));
            }
            line
        })
    };
    let rejected = move || parsed.with(|list| list.rejected.clone());
    view! {
        <div id="invite-numbers-check" aria-live="polite">
            <p class="hint" data-testid="invite-numbers-summary">{summary}</p>
            {move || {
                let rejected = rejected();
                (!rejected.is_empty()).then(|| view! {
                    <p class="error">{text::INVALID_HEADING}</p>
                    <ul class="invalid-numbers" data-testid="invalid-numbers">
                        {rejected.into_iter().map(|entry| view! {
                            <li><code>{entry.input}</code>" "{entry.reason}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

/// The latest job: a summary and one line per (masked) number.
#[component]
fn JobProgress(job: InviteJobView) -> impl IntoView {
    let summary = job.summary();
    let heading = format!(
        "{} · {} · {}",
        text::JOB_HEADING,
        job.template,
        crate::dates::minute_utc(job.created_at)
    );
    view! {
        <div class="invite-job">
            <h3>{heading}</h3>
            <p role="status" data-testid="invite-summary">{summary}</p>
            <ul class="invite-recipients" data-testid="invite-recipients">
                {job.recipients.into_iter().map(|recipient| {
                    let state = recipient.state;
                    view! {
                        <li data-state=state.as_str()>
                            <span class="invite-number">{recipient.masked}</span>
                            " "
                            <span class=format!("invite-state invite-{}", state.as_str())>{state.label()}</span>
                            {recipient.reason.filter(|_| state == RecipientState::Failed)
                                .map(|reason| view! { <span class="invite-reason">" · "{reason}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
