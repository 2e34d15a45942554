//! Choosing a new group picture. The browser checks the type and size at once; the server checks
//! again, with the picture's width and height, and sends it to WhatsApp. The outcome shows with
//! the last settings change once the webhook arrives.

use super::group_ui::GroupUi;
use super::text;
use leptos::html;
use leptos::prelude::*;

/// The picture form (a plain multipart form, so it also works without JavaScript).
#[component]
pub fn PictureForm(group_id: String, ui: GroupUi) -> impl IntoView {
    let form = NodeRef::<html::Form>::new();
    let file = NodeRef::<html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let submit = {
        let group_id = group_id.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            error.set(None);
            sent.set(false);
            #[cfg(feature = "hydrate")]
            if let Err(message) = upload(&group_id, form, file, sending, sent, error, ui) {
                error.set(Some(message));
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&group_id, form, file, ui);
        }
    };
    view! {
        <form class="stack picture-form" method="post" enctype="multipart/form-data"
            action=super::PICTURE_PATH node_ref=form on:submit=submit>
            <input type="hidden" name="group_id" value=group_id/>
            <label>
                {text::FIELD_PICTURE}
                <input type="file" name="file" accept="image/jpeg" node_ref=file required/>
            </label>
            <p class="hint">{text::PICTURE_HINT}</p>
            {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            {move || sent.get().then(|| view! { <p class="notice" role="status">{text::PICTURE_SENT}</p> })}
            <div class="buttons">
                <button type="submit" disabled=move || sending.get()>
                    {move || if sending.get() { text::SAVING } else { text::SEND_PICTURE }}
                </button>
            </div>
        </form>
    }
}

/// Checks the chosen file's type and size, then posts it.
#[cfg(feature = "hydrate")]
fn upload(
    group_id: &str,
    form: NodeRef<html::Form>,
    file: NodeRef<html::Input>,
    sending: RwSignal<bool>,
    sent: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    ui: GroupUi,
) -> Result<(), String> {
    let picked = file
        .get_untracked()
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
        .ok_or_else(|| text::PICTURE_CHOOSE.to_owned())?;
    if picked.size() > super::picture::PICTURE_MAX_BYTES as f64 {
        return Err(super::picture::PictureProblem::TooLarge.reason());
    }
    match picked.type_().as_str() {
        "image/jpeg" | "" => {}
        "image/png" => return Err(super::picture::PictureProblem::NotJpeg.reason()),
        _ => return Err(super::picture::PictureProblem::NotAnImage.reason()),
    }
    let failed = |_| crate::chat::text::UPLOAD_FAILED.to_owned();
    let data = web_sys::FormData::new().map_err(failed)?;
    data.append_with_str("group_id", group_id).map_err(failed)?;
    data.append_with_blob_and_filename("file", &picked, &picked.name())
        .map_err(failed)?;
    sending.set(true);
    let progress = RwSignal::new(None);
    let finished = move |outcome: Result<(), String>| {
        sending.set(false);
        match outcome {
            Ok(()) => {
                if let Some(form) = form.get_untracked() {
                    form.reset();
                }
                sent.set(true);
                ui.pictures_sent.update(|n| *n += 1);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    crate::chat::media_upload::post_to(super::PICTURE_PATH, &data, progress, finished)
        .inspect_err(|_| sending.set(false))
}
