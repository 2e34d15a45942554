//! The latest messages of a group.

use super::group_detail::MessageView;
use super::text;
use leptos::prelude::*;

/// Messages, oldest first; unsupported types show a placeholder.
#[component]
pub fn MessageList(messages: Vec<MessageView>) -> impl IntoView {
    view! {
        <section class="messages">
            <h2>{text::MESSAGES_HEADING}</h2>
            {if messages.is_empty() {
                view! { <p class="empty">{text::MESSAGES_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <ol>
                        {messages
                            .into_iter()
                            .map(|message| {
                                let body = match (message.message_type.as_str(), message.body) {
                                    ("unsupported", _) => text::UNSUPPORTED_MESSAGE.to_owned(),
                                    (_, Some(body)) => body,
                                    (kind, None) => format!("[{kind}]"),
                                };
                                view! {
                                    <li class=format!("message {}", message.direction)>
                                        <span class="sender">{message.sender}</span>
                                        <span class="body">{body}</span>
                                        <time datetime=message.sent_at.to_rfc3339()>{message.sent_at.format("%H:%M").to_string()}</time>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}
