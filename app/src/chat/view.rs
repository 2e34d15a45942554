//! The chat of one group: history with day separators, older pages on demand, compose, receipts.

use super::domain::{ChatMessage, ChatPage};
use super::message_item::MessageItem;
use super::pins_view::{PinDialog, PinUi, PinnedStrip};
use super::{RetryMessage, SendMessage, chat_messages, text};
use crate::AppError;
use chrono::NaiveDate;
use leptos::html;
use leptos::prelude::*;

/// The chat of the group `group_id`; refetches whenever `tick` changes (live updates).
#[component]
pub fn GroupChat(#[prop(into)] group_id: Signal<String>, tick: ReadSignal<u64>) -> impl IntoView {
    let pages = RwSignal::new(1_u32);
    let send = ServerAction::<SendMessage>::new();
    let retry = ServerAction::<RetryMessage>::new();
    // Which message's receipts are open; kept here so live refetches do not close them.
    let opened = RwSignal::new(None::<uuid::Uuid>);
    let pins = PinUi::new(group_id, tick);
    provide_context(pins);
    let page = Resource::new(
        move || {
            (
                group_id.get(),
                pages.get(),
                tick.get(),
                send.version().get() + retry.version().get() + pins.version(),
            )
        },
        |(group_id, pages, ..)| chat_messages(group_id, pages),
    );
    view! {
        <section class="chat" aria-label=text::HEADING>
            <h2>{text::HEADING}</h2>
            <PinnedStrip pins/>
            <PinDialog pins/>
            <Transition fallback=|| view! { <p>{text::LOADING}</p> }>
                {move || {
                    page.get()
                        .map(|result| match result {
                            Ok(page) => view! { <History page pages retry opened/> }.into_any(),
                            Err(error) => {
                                view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                            }
                        })
                }}
                <Compose group_id send page/>
            </Transition>
        </section>
    }
}

#[component]
fn History(
    page: ChatPage,
    pages: RwSignal<u32>,
    retry: ServerAction<RetryMessage>,
    opened: RwSignal<Option<uuid::Uuid>>,
) -> impl IntoView {
    let may_send = page.group.may_send;
    let can_pin = may_send && page.group.cannot_send.is_none();
    let older = page.has_older.then(|| {
        view! {
            <button type="button" class="load-older" on:click=move |_| pages.update(|n| *n += 1)>
                {text::LOAD_OLDER}
            </button>
        }
    });
    let body = if page.messages.is_empty() {
        view! { <p class="empty">{text::EMPTY}</p> }.into_any()
    } else {
        let today = page.today;
        view! {
            <ol class="chat-messages">
                {with_days(page.messages)
                    .into_iter()
                    .map(|entry| match entry {
                        Entry::Day(day) => {
                            view! {
                                <li class="day-separator" role="separator">
                                    {day_label(day, today)}
                                </li>
                            }
                                .into_any()
                        }
                        Entry::Message(message) => {
                            view! { <MessageItem message may_send can_pin retry opened/> }.into_any()
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <div class="chat-history">
            {older}
            {body}
        </div>
        <FormErrorLine error=Signal::derive(move || retry.value().get().and_then(Result::err))/>
    }
}

/// A message or the start of a new day.
enum Entry {
    Day(NaiveDate),
    Message(ChatMessage),
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
        entries.push(Entry::Message(message));
    }
    entries
}

fn day_label(day: NaiveDate, today: NaiveDate) -> String {
    if day == today {
        text::TODAY.to_owned()
    } else if today.pred_opt() == Some(day) {
        text::YESTERDAY.to_owned()
    } else {
        day.format("%A %-d %B %Y").to_string()
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

/// The compose box. It is rendered once, so typing survives live refetches of the history.
#[component]
fn Compose(
    group_id: Signal<String>,
    send: ServerAction<SendMessage>,
    page: Resource<Result<ChatPage, AppError>>,
) -> impl IntoView {
    let form = NodeRef::<html::Form>::new();
    let sent = move || matches!(send.value().get(), Some(Ok(_)));
    Effect::new(move |_| {
        if sent()
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
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
        <ActionForm action=send node_ref=form attr:class="compose" attr:hidden=hidden>
            <input type="hidden" name="group_id" value=group_id/>
            <label>
                <span class="visually-hidden">{text::COMPOSE_LABEL}</span>
                <textarea name="body" rows="2" maxlength=super::domain::BODY_MAX_CHARS.to_string()
                    placeholder=text::COMPOSE_PLACEHOLDER></textarea>
            </label>
            <button type="submit" disabled=move || send.pending().get()>
                {move || if send.pending().get() { text::SENDING } else { text::SEND }}
            </button>
        </ActionForm>
        <FormErrorLine error=Signal::derive(move || send.value().get().and_then(Result::err))/>
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
            sent_at: Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap(),
            delivery: None,
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
