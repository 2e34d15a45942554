//! The chat of one group: history with day separators, older pages on demand, compose, receipts.

use super::domain::{ChatMessage, ChatPage};
use super::format::Formatted;
use super::media_compose::MediaCompose;
use super::message_item::MessageItem;
use super::pins_view::{PinDialog, PinUi, PinnedStrip};
use super::search::ChatSearch;
use super::template_compose::TemplateCompose;
use super::{RetryMessage, SendMessage, SendTemplate, chat_messages, text};
use crate::AppError;
use chrono::NaiveDate;
use leptos::html;
use leptos::prelude::*;

/// How close to the top of the history (in pixels) scrolling loads older messages.
const LOAD_OLDER_AT: i32 = 120;

/// The chat of the group `group_id`; refetches whenever `tick` changes (live updates).
#[component]
pub fn GroupChat(#[prop(into)] group_id: Signal<String>, tick: ReadSignal<u64>) -> impl IntoView {
    let pages = RwSignal::new(1_u32);
    let send = ServerAction::<SendMessage>::new();
    let send_template = ServerAction::<SendTemplate>::new();
    let retry = ServerAction::<RetryMessage>::new();
    // Ticks when a file was queued (files are posted outside server actions).
    let uploads = RwSignal::new(0_u64);
    // Which message's receipts are open; kept here so live refetches do not close them.
    let opened = RwSignal::new(None::<uuid::Uuid>);
    let pins = PinUi::new(group_id, tick);
    provide_context(pins);
    let page = crate::resource::new(
        move || {
            (
                group_id.get(),
                pages.get(),
                tick.get(),
                send.version().get(),
                send_template.version().get(),
                retry.version().get(),
                uploads.get(),
                pins.version(),
            )
        },
        |(group_id, pages, ..)| chat_messages(group_id, pages),
    );
    view! {
        <section class="chat" aria-label=text::HEADING>
            <h2>{text::HEADING}</h2>
            <PinnedStrip pins/>
            <PinDialog pins/>
            <ChatSearch group_id/>
            <Transition fallback=|| view! { <p>{text::LOADING}</p> }>
                {move || {
                    page.get()
                        .and_then(Result::err)
                        .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
                }}
                <History page pages retry opened/>
                <Compose group_id send send_template page uploads/>
            </Transition>
        </section>
    }
}

/// The history. Its list stays in place across refetches (only changed messages are redrawn),
/// so a live update keeps the reader's scroll position; scrolling near the top loads older
/// messages, and the button does the same from the keyboard.
#[component]
fn History(
    page: crate::resource::Resource<Result<ChatPage, AppError>>,
    pages: RwSignal<u32>,
    retry: ServerAction<RetryMessage>,
    opened: RwSignal<Option<uuid::Uuid>>,
) -> impl IntoView {
    let data = move || page.get().and_then(Result::ok);
    // Reads a fact of the loaded page without copying its messages.
    let fact = move |read: fn(&ChatPage) -> bool| {
        page.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|result| result.as_ref().ok())
                .is_some_and(read)
        })
    };
    let has_older = move || fact(|page| page.has_older);
    let may_send = move || fact(|page| page.group.may_send);
    // Pin and Unpin need a role that may send and a group that takes messages.
    let can_pin = move || fact(|page| page.group.may_send && page.group.cannot_send.is_none());
    let empty = move || fact(|page| page.messages.is_empty());
    // Set while an older page is on its way, so one scroll asks for one page.
    let waiting = RwSignal::new(false);
    Effect::new(move |_| {
        page.track();
        waiting.set(false);
    });
    let load_older = move || {
        if has_older() && !waiting.get_untracked() {
            waiting.set(true);
            pages.update(|n| *n += 1);
        }
    };
    let on_scroll = move |event: leptos::ev::Event| {
        let list: leptos::web_sys::Element = event_target(&event);
        // The list is laid out bottom-up: scrollTop is 0 at the newest message and negative above.
        let from_top = list.scroll_height() - list.client_height() - list.scroll_top().abs();
        if from_top < LOAD_OLDER_AT {
            load_older();
        }
    };
    let entries = move || {
        let Some(page) = data() else {
            return Vec::new();
        };
        let today = page.today;
        with_days(page.messages)
            .into_iter()
            .map(|entry| (entry.key(), entry, today))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="chat-history" on:scroll=on_scroll>
            <ol class="chat-messages">
                <For each=entries key=|(key, ..)| key.clone() children=move |(_, entry, today)| {
                    match entry {
                        Entry::Day(day) => view! {
                            <li class="day-separator" role="separator">{day_label(day, today)}</li>
                        }.into_any(),
                        Entry::Message(message) => {
                            let message = *message;
                            let (may_send, can_pin) = (may_send(), can_pin());
                            view! { <MessageItem message may_send can_pin retry opened/> }.into_any()
                        }
                    }
                }/>
            </ol>
            {move || empty().then(|| view! { <p class="empty">{text::EMPTY}</p> })}
            {move || has_older().then(|| view! {
                <button type="button" class="load-older" on:click=move |_| load_older()
                    disabled=move || waiting.get()>
                    {move || if waiting.get() { text::LOADING_OLDER } else { text::LOAD_OLDER }}
                </button>
            })}
        </div>
        <FormErrorLine error=Signal::derive(move || retry.value().get().and_then(Result::err))/>
    }
}

/// A message or the start of a new day.
enum Entry {
    Day(NaiveDate),
    Message(Box<ChatMessage>),
}

impl Entry {
    /// What identifies the entry as drawn: a message is redrawn when what it shows changes.
    fn key(&self) -> String {
        match self {
            Self::Day(day) => format!("day {day}"),
            Self::Message(message) => format!(
                "{} {:?} {:?} {:?} {} {}",
                message.id,
                message.body,
                message.delivery.as_ref().map(|delivery| delivery.summary()),
                message.media,
                message.pinnable,
                message.pinned,
            ),
        }
    }
}

/// The messages with a day separator before the first message of each day (UTC).
fn with_days(messages: Vec<ChatMessage>) -> Vec<Entry> {
    let mut entries = Vec::with_capacity(messages.len() + 4);
    let mut last_day = None;
    for message in messages {
        let day = message.sent_at.date_naive();
        if last_day != Some(day) {
            entries.push(Entry::Day(day));
            last_day = Some(day);
        }
        entries.push(Entry::Message(Box::new(message)));
    }
    entries
}

fn day_label(day: NaiveDate, today: NaiveDate) -> String {
    if day == today {
        text::TODAY.to_owned()
    } else if today.pred_opt() == Some(day) {
        text::YESTERDAY.to_owned()
    } else {
        crate::dates::long_day(day)
    }
}

#[component]
fn FormErrorLine(error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
    }
}

/// The compose box: a text, or a template (see [`TemplateCompose`]). It is rendered once, so
/// typing survives live refetches of the history.
#[component]
fn Compose(
    group_id: Signal<String>,
    send: ServerAction<SendMessage>,
    send_template: ServerAction<SendTemplate>,
    page: crate::resource::Resource<Result<ChatPage, AppError>>,
    uploads: RwSignal<u64>,
) -> impl IntoView {
    let template_mode = RwSignal::new(false);
    let form = NodeRef::<html::Form>::new();
    // What is typed, for the formatting preview.
    let draft = RwSignal::new(String::new());
    let sent = move || matches!(send.value().get(), Some(Ok(_)));
    Effect::new(move |_| {
        if sent()
            && let Some(form) = form.get()
        {
            form.reset();
            draft.set(String::new());
        }
    });
    let formatted = move || draft.with(|draft| draft.contains(['*', '_', '~', '`', '>']));
    let group = move || page.get().and_then(Result::ok).map(|page| page.group);
    let notice = move || {
        group().and_then(|group| {
            if !group.may_send {
                Some(text::READ_ONLY.to_owned())
            } else {
                group.cannot_send
            }
        })
    };
    let hidden = move || group().is_some_and(|group| !group.may_send);
    view! {
        {move || notice().map(|notice| view! { <p class="chat-notice" role="status">{notice}</p> })}
        <div class="compose-modes" role="group" aria-label=text::MODES_LABEL hidden=hidden>
            <button type="button" aria-pressed=move || (!template_mode.get()).to_string()
                on:click=move |_| template_mode.set(false)>
                {text::MODE_TEXT}
            </button>
            <button type="button" aria-pressed=move || template_mode.get().to_string()
                on:click=move |_| template_mode.set(true)>
                {text::MODE_TEMPLATE}
            </button>
        </div>
        {move || (template_mode.get() && !hidden()).then(|| view! { <TemplateCompose group_id send=send_template/> })}
        <ActionForm action=send node_ref=form attr:class="compose"
            attr:hidden=move || hidden() || template_mode.get()>
            <input type="hidden" name="group_id" value=group_id/>
            <label>
                <span class="visually-hidden">{text::COMPOSE_LABEL}</span>
                <textarea name="body" rows="2" maxlength=super::domain::BODY_MAX_CHARS.to_string()
                    placeholder=text::COMPOSE_PLACEHOLDER aria-describedby="format-hint"
                    on:input=move |event| draft.set(event_target_value(&event))></textarea>
            </label>
            <small id="format-hint" class="format-hint">{text::FORMAT_HINT}</small>
            {move || formatted().then(|| view! {
                <div class="format-preview" role="note" aria-label=text::PREVIEW>
                    <span class="preview-label">{text::PREVIEW}</span>
                    <Formatted text=draft.get()/>
                </div>
            })}
            <button type="submit" disabled=move || send.pending().get()>
                {move || if send.pending().get() { text::SENDING } else { text::SEND }}
            </button>
        </ActionForm>
        <FormErrorLine error=Signal::derive(move || {
            send.value().get().and_then(Result::err).filter(|_| !template_mode.get())
        })/>
        <div class="compose-files" hidden=hidden>
            <MediaCompose group_id sent=uploads/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at(day: u32, hour: u32) -> ChatMessage {
        ChatMessage {
            id: uuid::Uuid::new_v4(),
            outbound: false,
            sender: "A".into(),
            message_type: "text".into(),
            body: Some("x".into()),
            template: None,
            sent_at: Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap(),
            delivery: None,
            media: None,
            pinnable: false,
            pinned: false,
            pin: None,
        }
    }

    #[test]
    fn a_separator_precedes_each_new_day() {
        let entries = with_days(vec![at(24, 9), at(24, 23), at(25, 1), at(26, 8)]);
        let shape: String = entries
            .iter()
            .map(|entry| match entry {
                Entry::Day(_) => 'D',
                Entry::Message(_) => 'm',
            })
            .collect();
        assert_eq!(shape, "DmmDmDm");
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(day_label(today, today), text::TODAY);
        assert_eq!(day_label(today.pred_opt().unwrap(), today), text::YESTERDAY);
        assert_eq!(
            day_label(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(), today),
            "Monday 2 November 2026"
        );
    }
}
