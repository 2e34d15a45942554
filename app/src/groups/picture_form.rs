//! Choosing a new group picture. The browser reads the picture at once: a square JPEG goes as it
//! is; one WhatsApp would refuse only for its shape, format or size gets an offer of a centre
//! crop re-encoded as JPEG, with a preview. The server checks again and sends it to WhatsApp; the
//! outcome shows with the last settings change once the webhook arrives.

use super::group_ui::GroupUi;
use super::text;
use leptos::html;
use leptos::prelude::*;

/// A crop the person can choose instead of the picture they picked.
#[derive(Clone, PartialEq)]
struct Offer {
    /// Why WhatsApp would refuse the picture as it is.
    problem: String,
    /// The crop's width and height.
    side: u32,
    /// Where the page shows the crop from.
    preview: String,
}

/// The picture form (a plain multipart form, so it also works without JavaScript).
#[component]
pub fn PictureForm(group_id: String, ui: GroupUi) -> impl IntoView {
    let form = NodeRef::<html::Form>::new();
    let file = NodeRef::<html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let reading = RwSignal::new(false);
    let offer = RwSignal::new(None::<Offer>);
    let use_crop = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let crop = StoredValue::new(None::<send_wrapper::SendWrapper<web_sys::Blob>>);
    #[cfg(feature = "hydrate")]
    let picks = StoredValue::new(0_u32);
    let forget_offer = move || {
        #[cfg(feature = "hydrate")]
        if let Some(old) = offer.get_untracked() {
            super::picture_crop::forget_url(&old.preview);
        }
        offer.set(None);
        use_crop.set(false);
    };
    let changed = move |_| {
        error.set(None);
        sent.set(false);
        forget_offer();
        #[cfg(feature = "hydrate")]
        inspect(
            file,
            InspectInto {
                reading,
                error,
                offer,
                crop,
                picks,
            },
        );
    };
    let submit = {
        let group_id = group_id.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            error.set(None);
            sent.set(false);
            #[cfg(feature = "hydrate")]
            {
                let done = move || {
                    if let Some(form) = form.get_untracked() {
                        form.reset();
                    }
                    forget_offer();
                    crop.set_value(None);
                    sent.set(true);
                    ui.pictures_sent.update(|n| *n += 1);
                };
                let chosen = match (use_crop.get_untracked(), crop.get_value()) {
                    (true, Some(blob)) => Ok(Chosen::Crop((*blob).clone())),
                    _ if reading.get_untracked() => Err(text::PICTURE_READING.to_owned()),
                    _ => match offer.get_untracked() {
                        Some(offer) => {
                            Err(format!("{} {}", offer.problem, text::PICTURE_CROP_FIRST))
                        }
                        None => picked(file).map(Chosen::Picked),
                    },
                };
                let started =
                    chosen.and_then(|chosen| upload(&group_id, chosen, sending, error, done));
                if let Err(message) = started {
                    error.set(Some(message));
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&group_id, form, file, ui, reading);
        }
    };
    view! {
        <form class="stack picture-form" method="post" enctype="multipart/form-data"
            action=super::PICTURE_PATH node_ref=form on:submit=submit>
            <input type="hidden" name="group_id" value=group_id/>
            <label>
                {text::FIELD_PICTURE}
                <input type="file" name="file" accept="image/*" node_ref=file required
                    on:change=changed/>
            </label>
            <p class="hint">{text::PICTURE_HINT}</p>
            {move || reading.get().then(|| view! { <p class="hint" role="status">{text::PICTURE_READING}</p> })}
            {move || offer.get().map(|offer| view! { <CropOffer offer use_crop/> })}
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

/// The offer: why the picture would be refused, the crop, and the button that chooses it.
#[component]
fn CropOffer(offer: Offer, use_crop: RwSignal<bool>) -> impl IntoView {
    let side = offer.side.to_string();
    let proposal = text::PICTURE_CROP_OFFER.replace("{side}", &side);
    let chosen = text::PICTURE_CROP_CHOSEN.replace("{side}", &side);
    view! {
        <div class="picture-offer" data-side=side>
            <p>{offer.problem}</p>
            <img class="picture-preview" src=offer.preview alt=text::PICTURE_PREVIEW_ALT
                width="96" height="96"/>
            <p>{proposal}</p>
            {move || if use_crop.get() {
                view! { <p class="notice" role="status">{chosen.clone()}</p> }.into_any()
            } else {
                view! {
                    <button type="button" on:click=move |_| use_crop.set(true)>
                        {text::PICTURE_CROP_BUTTON}
                    </button>
                }.into_any()
            }}
        </div>
    }
}

/// Where the outcome of reading a picture goes.
#[cfg(feature = "hydrate")]
#[derive(Clone, Copy)]
struct InspectInto {
    reading: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    offer: RwSignal<Option<Offer>>,
    crop: StoredValue<Option<send_wrapper::SendWrapper<web_sys::Blob>>>,
    picks: StoredValue<u32>,
}

/// Reads the chosen picture in the background; only the latest choice reports.
#[cfg(feature = "hydrate")]
fn inspect(file: NodeRef<html::Input>, into: InspectInto) {
    use super::picture_crop::{Inspected, inspect, preview_url};
    into.crop.set_value(None);
    into.picks.update_value(|n| *n += 1);
    let Ok(picked) = picked(file) else {
        return;
    };
    let pick = into.picks.get_value();
    into.reading.set(true);
    leptos::task::spawn_local(async move {
        let inspected = inspect(&picked).await;
        if into.picks.get_value() != pick {
            return;
        }
        into.reading.set(false);
        match inspected {
            Inspected::AsIs => {}
            Inspected::Refused(problem) => into.error.set(Some(problem.reason())),
            Inspected::Fixable {
                problem,
                crop,
                side,
            } => {
                let Some(preview) = preview_url(&crop) else {
                    into.error.set(Some(problem.reason()));
                    return;
                };
                into.crop
                    .set_value(Some(send_wrapper::SendWrapper::new(crop)));
                into.offer.set(Some(Offer {
                    problem: problem.reason(),
                    side,
                    preview,
                }));
            }
        }
    });
}

/// The file the person picked.
#[cfg(feature = "hydrate")]
fn picked(file: NodeRef<html::Input>) -> Result<web_sys::File, String> {
    file.get_untracked()
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
        .ok_or_else(|| text::PICTURE_CHOOSE.to_owned())
}

/// What goes to the server: the picture as picked (already read as a square JPEG, or not read
/// at all) or the crop.
#[cfg(feature = "hydrate")]
enum Chosen {
    Picked(web_sys::File),
    Crop(web_sys::Blob),
}

/// Checks what it can without reading the picture, then posts it.
#[cfg(feature = "hydrate")]
fn upload(
    group_id: &str,
    chosen: Chosen,
    sending: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    done: impl FnOnce() + 'static,
) -> Result<(), String> {
    let (blob, name): (web_sys::Blob, String) = match chosen {
        Chosen::Crop(blob) => (blob, "picture.jpg".to_owned()),
        Chosen::Picked(file) => {
            if file.size() > super::picture::PICTURE_MAX_BYTES as f64 {
                return Err(super::picture::PictureProblem::TooLarge.reason());
            }
            match file.type_().as_str() {
                "image/jpeg" | "" => {}
                "image/png" => return Err(super::picture::PictureProblem::NotJpeg.reason()),
                _ => return Err(super::picture::PictureProblem::NotAnImage.reason()),
            }
            let name = file.name();
            (file.into(), name)
        }
    };
    let failed = |_| crate::chat::text::UPLOAD_FAILED.to_owned();
    let data = web_sys::FormData::new().map_err(failed)?;
    data.append_with_str("group_id", group_id).map_err(failed)?;
    data.append_with_blob_and_filename("file", &blob, &name)
        .map_err(failed)?;
    sending.set(true);
    let progress = RwSignal::new(None);
    let finished = move |outcome: Result<(), String>| {
        sending.set(false);
        match outcome {
            Ok(()) => done(),
            Err(message) => error.set(Some(message)),
        }
    };
    crate::chat::media_upload::post_to(super::PICTURE_PATH, &data, progress, finished)
        .inspect_err(|_| sending.set(false))
}
