//! Sharing a file in the chat: pick it and see at once whether WhatsApp would take it (its type
//! and size are checked in the browser before anything is uploaded), add a caption, and watch the
//! upload's progress. Without JavaScript the form posts the file itself and the page comes back.

use super::media::{UPLOAD_PATH, accept_attribute};
use super::text;
use leptos::html;
use leptos::prelude::*;

/// The file form of the group `group_id`; `sent` ticks after each queued file.
#[component]
pub fn MediaCompose(group_id: Signal<String>, sent: RwSignal<u64>) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    // The upload's progress in percent, while one runs.
    let progress = RwSignal::new(None::<f64>);
    let form = NodeRef::<html::Form>::new();
    let file = NodeRef::<html::Input>::new();
    let caption = NodeRef::<html::Input>::new();
    let on_change = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let checked = browser::checked(file, caption);
            if checked.is_err()
                && let Some(input) = file.get()
            {
                // The refused file is not kept, so it cannot be sent by mistake.
                input.set_value("");
            }
            error.set(checked.err());
        }
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            event.prevent_default();
            if progress.get_untracked().is_some() {
                return;
            }
            let started = browser::upload(group_id, form, file, caption, progress, sent, error);
            error.set(started.err());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, sent);
    };
    view! {
        <form class="compose-media" action=UPLOAD_PATH method="post" enctype="multipart/form-data"
            node_ref=form on:submit=on_submit>
            <input type="hidden" name="group_id" value=group_id/>
            <label for="media-caption">{text::CAPTION_LABEL}</label>
            <input id="media-caption" type="text" name="caption" node_ref=caption
                maxlength=super::media::CAPTION_MAX_CHARS.to_string()/>
            <label for="media-file">{text::ATTACH_LABEL}</label>
            <input id="media-file" type="file" name="file" accept=accept_attribute() node_ref=file
                on:change=on_change/>
            <button type="submit" disabled=move || progress.get().is_some()>{text::SHARE_FILE}</button>
            {move || progress.get().map(|percent| view! {
                <progress max="100" value=percent aria-label=text::UPLOAD_PROGRESS></progress>
                <span class="upload-percent" role="status">
                    {format!("{} {percent:.0}%", text::UPLOADING)}
                </span>
            })}
        </form>
        {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::media::{check_caption, check_file};
    use super::super::text;
    use leptos::html;
    use leptos::prelude::*;

    /// The picked file, if it is one WhatsApp takes (with the caption as typed).
    fn picked(
        file: NodeRef<html::Input>,
        caption: NodeRef<html::Input>,
    ) -> Result<Option<web_sys::File>, String> {
        let Some(picked) = file.get().and_then(|input| input.files()?.get(0)) else {
            return Ok(None);
        };
        let size = picked.size().max(0.0) as u64;
        let accepted = check_file(&picked.type_(), size).map_err(|error| error.to_string())?;
        let caption = caption.get().map(|input| input.value()).unwrap_or_default();
        check_caption(accepted.kind, &caption).map_err(|error| error.to_string())?;
        Ok(Some(picked))
    }

    /// Checks the picked file at once, before anything is uploaded.
    pub(super) fn checked(
        file: NodeRef<html::Input>,
        caption: NodeRef<html::Input>,
    ) -> Result<(), String> {
        picked(file, caption).map(|_| ())
    }

    /// Checks the file, then starts its upload.
    pub(super) fn upload(
        group_id: Signal<String>,
        form: NodeRef<html::Form>,
        file: NodeRef<html::Input>,
        caption: NodeRef<html::Input>,
        progress: RwSignal<Option<f64>>,
        sent: RwSignal<u64>,
        error: RwSignal<Option<String>>,
    ) -> Result<(), String> {
        let picked = picked(file, caption)?.ok_or_else(|| text::CHOOSE_FILE.to_owned())?;
        let failed = |_| text::UPLOAD_FAILED.to_owned();
        let data = web_sys::FormData::new().map_err(failed)?;
        data.append_with_str("group_id", &group_id.get_untracked())
            .map_err(failed)?;
        let caption = caption.get().map(|input| input.value()).unwrap_or_default();
        data.append_with_str("caption", &caption).map_err(failed)?;
        data.append_with_blob_and_filename("file", &picked, &picked.name())
            .map_err(failed)?;
        progress.set(Some(0.0));
        let finished = move |outcome: Result<(), String>| {
            progress.set(None);
            match outcome {
                Ok(()) => {
                    if let Some(form) = form.get_untracked() {
                        form.reset();
                    }
                    sent.update(|n| *n += 1);
                }
                Err(message) => error.set(Some(message)),
            }
        };
        super::super::media_upload::post(&data, progress, finished).inspect_err(|_| {
            progress.set(None);
        })
    }
}
