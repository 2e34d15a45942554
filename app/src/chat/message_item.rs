//! One message of the chat, with, for our own messages, its receipts.

use super::domain::{ChatMessage, Delivery, ReceiptView, SendState};
use super::format::Formatted;
use super::media_view::MediaContent;
use super::pins_view::{PinButton, PinNoteLine};
use super::{RetryMessage, message_receipts, text};
use leptos::prelude::*;
use uuid::Uuid;

/// A message: sender, text, time; for ours the delivery summary, which opens the receipts; Pin
/// when `can_pin` (the role may, the group takes messages). A pin or unpin is a line instead.
#[component]
pub fn MessageItem(
    message: ChatMessage,
    may_send: bool,
    can_pin: bool,
    retry: ServerAction<RetryMessage>,
    opened: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    if message.pin.is_some() {
        return view! { <PinNoteLine message retry opened/> }.into_any();
    }
    let direction = if message.outbound {
        "outbound"
    } else {
        "inbound"
    };
    let class = if message.template.is_some() {
        format!("message {direction} template")
    } else {
        format!("message {direction}")
    };
    let badge = message.template.clone().map(|name| {
        view! {
            <span class="template-badge">
                {text::TEMPLATE_BADGE}" · "{name}
            </span>
        }
    });
    let unsupported = message.message_type == "unsupported";
    let shown = message.shown_text();
    let media = message.media.clone().map(|media| {
        view! { <MediaContent media caption=message.body.clone() sender=message.sender.clone()/> }
    });
    let body = (!shown.is_empty()).then(|| {
        if unsupported {
            view! { <span class="body placeholder">{shown}</span> }.into_any()
        } else {
            view! { <span class="body"><Formatted text=shown/></span> }.into_any()
        }
    });
    let time = crate::dates::clock(message.sent_at);
    let delivery = message
        .delivery
        .clone()
        .map(|delivery| view! { <DeliveryLine id=message.id delivery may_send retry opened/> });
    let pin = view! { <PinButton message=message.clone() can_pin/> };
    view! {
        <li class=class data-message-id=message.id.to_string()>
            <span class="sender">{message.sender}</span>
            {badge}
            {media}
            {body}
            <time datetime=message.sent_at.to_rfc3339()>{time}</time>
            {delivery}
            {pin}
        </li>
    }
    .into_any()
}

#[component]
pub(super) fn DeliveryLine(
    id: Uuid,
    delivery: Delivery,
    may_send: bool,
    retry: ServerAction<RetryMessage>,
    opened: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    let open = move || opened.get() == Some(id);
    let state = delivery.state;
    let summary = delivery.summary();
    let retry_button = (state == SendState::Failed && may_send).then(|| {
        view! {
            <button type="button" class="retry"
                on:click=move |_| { retry.dispatch(RetryMessage { message_id: id.to_string() }); }>
                {text::RETRY}
            </button>
        }
    });
    view! {
        <span class=format!("delivery delivery-{}", state.as_str()) data-state=state.as_str()>
            <button type="button" class="link receipts-toggle" aria-expanded=move || open().to_string()
                on:click=move |_| opened.update(|opened| {
                    *opened = if *opened == Some(id) { None } else { Some(id) };
                })>
                {summary}
            </button>
            {retry_button}
        </span>
        {move || open().then(|| view! { <ReceiptList id/> })}
    }
}

/// Per-participant receipts; loaded when opened.
#[component]
fn ReceiptList(id: Uuid) -> impl IntoView {
    let receipts = crate::resource::new(move || id.to_string(), message_receipts);
    view! {
        <div class="receipts">
            <h3>{text::RECEIPTS_HEADING}</h3>
            <Transition fallback=|| view! { <p>{text::RECEIPTS_LOADING}</p> }>
                {move || receipts.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{text::RECEIPTS_EMPTY}</p> }.into_any(),
                    Ok(list) => view! { <ReceiptTable list/> }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ReceiptTable(list: Vec<ReceiptView>) -> impl IntoView {
    view! {
        <table class="receipt-table">
            <thead>
                <tr>
                    <th>{text::COLUMN_PARTICIPANT}</th>
                    <th>{text::COLUMN_STATE}</th>
                    <th>{text::COLUMN_TIME}</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|receipt| {
                        let (state, at) = if receipt.read {
                            (text::RECEIPT_READ, receipt.read_at)
                        } else {
                            (text::RECEIPT_DELIVERED, receipt.delivered_at)
                        };
                        let at = at
                            .map(crate::dates::second_utc)
                            .unwrap_or_default();
                        view! {
                            <tr>
                                <td>{receipt.participant}</td>
                                <td>{state}</td>
                                <td>{at}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
