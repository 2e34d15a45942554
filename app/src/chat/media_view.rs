//! A message's file in the chat: images inline (a thumbnail that opens the full file), video and
//! audio with the browser's controls, documents as a download link with name and size.

use super::media::{MediaKind, MediaState, MediaView, format_size};
use super::text;
use leptos::prelude::*;

/// The file of one message; `caption` and `sender` describe an image for screen readers.
#[component]
pub fn MediaContent(media: MediaView, caption: Option<String>, sender: String) -> impl IntoView {
    let url = media.url();
    match (media.state, media.kind) {
        (MediaState::Pending, _) => {
            view! { <p class="media media-pending" role="status">{text::MEDIA_PENDING}</p> }
                .into_any()
        }
        (MediaState::Failed, _) => {
            view! { <p class="media media-failed">{text::MEDIA_FAILED}</p> }.into_any()
        }
        (MediaState::Stored, MediaKind::Image) => {
            let alt = caption
                .or(media.file_name)
                .unwrap_or_else(|| format!("{} {sender}", text::IMAGE_FROM));
            let href = url.clone();
            view! {
                <a class="media media-image" href=href target="_blank" rel="noopener">
                    <img class="thumb" src=url alt=alt loading="lazy"/>
                </a>
            }
            .into_any()
        }
        (MediaState::Stored, MediaKind::Video) => view! {
            <video class="media media-video" controls preload="metadata" src=url></video>
        }
        .into_any(),
        (MediaState::Stored, MediaKind::Audio) => view! {
            <audio class="media media-audio" controls preload="metadata" src=url></audio>
        }
        .into_any(),
        (MediaState::Stored, MediaKind::Document) => {
            let name = media.file_name.unwrap_or_else(|| text::DOCUMENT.to_owned());
            let size = media
                .byte_size
                .and_then(|size| u64::try_from(size).ok())
                .map(format_size);
            view! {
                <span class="media media-document">
                    <a href=url download=name.clone()>{format!("{} {name}", text::DOWNLOAD)}</a>
                    {size.map(|size| view! { <span class="media-size">{format!(" ({size})")}</span> })}
                </span>
            }
            .into_any()
        }
    }
}
