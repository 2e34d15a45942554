//! Pins in the chat: the "Pinned" strip at the top, the pin dialog (duration, and which pin will
//! drop when 3 are pinned), the Pin button of a message and the line a pin leaves in the history.

use super::domain::ChatMessage;
use super::message_item::DeliveryLine;
use super::pins::{DEFAULT_DAYS, MAX_DAYS, PIN_CAP, PinBoard, PinState, PinView, quote};
use super::{PinMessage, RetryMessage, UnpinMessage, chat_pins, text};
use crate::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// The message the pin dialog is open for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinTarget {
    id: Uuid,
    sender: String,
    quote: String,
}

/// The chat's pin state that outlives live refetches: the board, the open dialog, the actions.
#[derive(Clone, Copy)]
pub struct PinUi {
    group_id: Signal<String>,
    /// The group's pins; refetched on live ticks and after each pin or unpin.
    pub board: crate::resource::Resource<Result<PinBoard, AppError>>,
    target: RwSignal<Option<PinTarget>>,
    days: RwSignal<String>,
    /// Pin a message.
    pub pin: ServerAction<PinMessage>,
    /// Unpin a message.
    pub unpin: ServerAction<UnpinMessage>,
}

impl PinUi {
    /// The pins of the group `group_id`, refetched whenever `tick` changes.
    pub fn new(group_id: Signal<String>, tick: ReadSignal<u64>) -> Self {
        let pin = ServerAction::<PinMessage>::new();
        let unpin = ServerAction::<UnpinMessage>::new();
        let board = crate::resource::new(
            move || {
                (
                    group_id.get(),
                    tick.get(),
                    pin.version().get(),
                    unpin.version().get(),
                )
            },
            |(group_id, ..)| chat_pins(group_id),
        );
        Self {
            group_id,
            board,
            target: RwSignal::new(None),
            days: RwSignal::new(DEFAULT_DAYS.to_string()),
            pin,
            unpin,
        }
    }

    /// A number that changes whenever a pin or unpin was queued, so the history refetches.
    pub fn version(&self) -> usize {
        self.pin.version().get() + self.unpin.version().get()
    }
}

/// The "Pinned" strip: active pins (and pins on their way), the newest pinned message first,
/// each with its expiry and, for staff, Unpin.
#[component]
pub fn PinnedStrip(pins: PinUi) -> impl IntoView {
    view! {
        <Transition fallback=|| ()>
            {move || {
                pins.board
                    .get()
                    .map(|result| match result {
                        Ok(board) if board.pins.is_empty() => ().into_any(),
                        Ok(board) => view! { <Strip board pins/> }.into_any(),
                        Err(error) => {
                            view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                        }
                    })
            }}
        </Transition>
        {move || {
            pins.unpin
                .value()
                .get()
                .and_then(Result::err)
                .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
        }}
    }
}

#[component]
fn Strip(board: PinBoard, pins: PinUi) -> impl IntoView {
    let may_unpin = board.may_change && board.cannot_change.is_none();
    let count = board
        .pins
        .iter()
        .filter(|pin| pin.state != PinState::Pending)
        .count();
    view! {
        <section class="pinned" aria-label=text::PINNED_LABEL>
            <h3>{text::pinned_count(count, PIN_CAP)}</h3>
            <ol class="pin-list">
                {board
                    .pins
                    .into_iter()
                    .map(|pin| view! { <PinRow pin may_unpin pins/> })
                    .collect_view()}
            </ol>
            <p class="pin-rule">{text::PIN_RULE}</p>
        </section>
    }
}

#[component]
fn PinRow(pin: PinView, may_unpin: bool, pins: PinUi) -> impl IntoView {
    let id = pin.message_id;
    let expires = crate::dates::short_minute_utc(pin.expires_at);
    let action = match pin.state {
        PinState::Pending => {
            view! { <span class="pin-pending">{text::PIN_PENDING}</span> }.into_any()
        }
        PinState::Unpinning => {
            view! { <span class="pin-pending">{text::UNPIN_PENDING}</span> }.into_any()
        }
        PinState::Active if may_unpin => view! {
            <button type="button" class="link unpin"
                disabled=move || pins.unpin.pending().get()
                on:click=move |_| {
                    pins.unpin.dispatch(UnpinMessage {
                        group_id: pins.group_id.get_untracked(),
                        message_id: id.to_string(),
                    });
                }>
                {text::UNPIN}
            </button>
        }
        .into_any(),
        PinState::Active => ().into_any(),
    };
    view! {
        <li class="pin" data-state=pin.state.as_str() data-message-id=id.to_string()>
            <span class="sender">{pin.sender.clone()}</span>
            <span class="quote">{pin.quote()}</span>
            <span class="expiry">
                {text::EXPIRES} " "
                <time datetime=pin.expires_at.to_rfc3339()>{expires}</time>
            </span>
            {action}
        </li>
    }
}

/// The "Pinned" mark of a pinned message, or the Pin button of a pinnable one when `can_pin`.
#[component]
pub fn PinButton(message: ChatMessage, can_pin: bool) -> impl IntoView {
    if message.pinned {
        return view! { <span class="pinned-mark">{text::PINNED_MARK}</span> }.into_any();
    }
    let Some(pins) = use_context::<PinUi>().filter(|_| can_pin && message.pinnable) else {
        return ().into_any();
    };
    let target = PinTarget {
        id: message.id,
        sender: message.sender.clone(),
        quote: quote(message.body.as_deref(), &message.message_type),
    };
    view! {
        <button type="button" class="link pin-button" on:click=move |_| {
            pins.pin.clear();
            pins.days.set(DEFAULT_DAYS.to_string());
            pins.target.set(Some(target.clone()));
        }>
            {text::PIN}
        </button>
    }
    .into_any()
}

/// The pin dialog: how long, the 3-pin rule, and which pin will drop before the person confirms.
#[component]
pub fn PinDialog(pins: PinUi) -> impl IntoView {
    Effect::new(move |_| {
        if matches!(pins.pin.value().get(), Some(Ok(_))) {
            pins.target.set(None);
        }
    });
    move || {
        let target = pins.target.get()?;
        let confirm = move |_| {
            pins.pin.dispatch(PinMessage {
                group_id: pins.group_id.get_untracked(),
                message_id: target.id.to_string(),
                days: pins.days.get_untracked(),
            });
        };
        Some(view! {
            <div class="confirm pin-dialog" role="dialog" aria-labelledby="pin-dialog-heading">
                <h3 id="pin-dialog-heading">{text::PIN_DIALOG_HEADING}</h3>
                <p class="pin-quote">
                    <span class="sender">{target.sender}</span> " " <q>{target.quote}</q>
                </p>
                <label for="pin-days">{text::PIN_DAYS_LABEL}</label>
                <select id="pin-days" name="days"
                    on:change=move |ev| pins.days.set(event_target_value(&ev))>
                    {(1..=MAX_DAYS)
                        .map(|days| {
                            let value = days.to_string();
                            let selected = pins.days.get_untracked() == value;
                            view! { <option value=value selected=selected>{text::days_option(days)}</option> }
                        })
                        .collect_view()}
                </select>
                <p class="pin-rule">{text::PIN_RULE}</p>
                // Live: follows the pins while the dialog is open.
                <Transition fallback=|| ()>{move || will_drop(pins)}</Transition>
                <button type="button" on:click=confirm disabled=move || pins.pin.pending().get()>
                    {text::PIN_CONFIRM}
                </button>
                <button type="button" class="secondary" on:click=move |_| pins.target.set(None)>
                    {text::CANCEL}
                </button>
                {move || {
                    pins.pin
                        .value()
                        .get()
                        .and_then(Result::err)
                        .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
                }}
            </div>
        })
    }
}

/// Which pin WhatsApp will drop if this one is pinned, when 3 are pinned already.
fn will_drop(pins: PinUi) -> Option<impl IntoView> {
    let board = pins.board.get().and_then(Result::ok)?;
    let pin = board.will_drop()?;
    let (sender, quote) = (pin.sender.clone(), pin.quote());
    Some(view! {
        <p class="pin-drop" role="status">
            {text::PIN_WILL_DROP} " " <q>{quote}</q> " (" {sender} ")"
        </p>
    })
}

/// The line a pin or unpin leaves in the history: who, what, for how long, and its delivery
/// (a failed pin shows why; it was rolled back and is not sent again).
#[component]
pub fn PinNoteLine(
    message: ChatMessage,
    retry: ServerAction<RetryMessage>,
    opened: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    let note = message.pin.clone().unwrap_or(super::pins::PinNote {
        unpin: false,
        days: None,
    });
    let verb = if note.unpin {
        text::UNPINNED_VERB
    } else {
        text::PINNED_VERB
    };
    let what = message.body.as_deref().map_or_else(
        || text::A_MESSAGE.to_owned(),
        |body| format!("“{}”", quote(Some(body), "text")),
    );
    let days = note
        .days
        .filter(|_| !note.unpin)
        .map(|days| format!(" {}", text::for_days(days)));
    let time = crate::dates::clock(message.sent_at);
    let delivery = message.delivery.clone().map(|delivery| {
        view! { <DeliveryLine id=message.id delivery may_send=false retry opened/> }
    });
    view! {
        <li class="pin-note" data-message-id=message.id.to_string()>
            <span class="sender">{message.sender}</span>
            " " {verb} " " {what} {days}
            <time datetime=message.sent_at.to_rfc3339()>{time}</time>
            {delivery}
        </li>
    }
}
