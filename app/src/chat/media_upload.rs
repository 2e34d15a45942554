//! The browser's upload: `XMLHttpRequest`, because its `upload.onprogress` reports the bytes sent
//! (`fetch` cannot), posting the form as multipart to [`UPLOAD_PATH`].

use super::media::UPLOAD_PATH;
use super::text;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{FormData, ProgressEvent, XmlHttpRequest};

/// Posts `form`; `progress` follows the bytes sent (0 to 100), `done` gets the outcome: `Ok` once
/// the server queued the message, or the reason in words.
pub fn post(
    form: &FormData,
    progress: RwSignal<Option<f64>>,
    done: impl FnOnce(Result<(), String>) + 'static,
) -> Result<(), String> {
    post_to(UPLOAD_PATH, form, progress, done)
}

/// Like [`post`], to another upload path that answers the same way (2xx or a `message`).
pub fn post_to(
    path: &str,
    form: &FormData,
    progress: RwSignal<Option<f64>>,
    done: impl FnOnce(Result<(), String>) + 'static,
) -> Result<(), String> {
    let failed = |_| text::UPLOAD_FAILED.to_owned();
    let xhr = XmlHttpRequest::new().map_err(failed)?;
    xhr.open("POST", path).map_err(failed)?;
    xhr.set_request_header("Accept", "application/json")
        .map_err(failed)?;
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            progress.set(Some(
                (event.loaded() / event.total() * 100.0).clamp(0.0, 100.0),
            ));
        }
    });
    xhr.upload()
        .map_err(failed)?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    // One of load and error fires; whichever does first reports.
    let done = Rc::new(RefCell::new(Some(done)));
    let report = {
        let done = done.clone();
        move |outcome: Result<(), String>| {
            if let Some(done) = done.borrow_mut().take() {
                done(outcome);
            }
        }
    };
    let loaded = xhr.clone();
    let on_load = Closure::once_into_js({
        let report = report.clone();
        move || report(outcome(&loaded))
    });
    let on_error = Closure::once_into_js(move || report(Err(text::UPLOAD_FAILED.to_owned())));
    xhr.set_onload(Some(on_load.unchecked_ref()));
    xhr.set_onerror(Some(on_error.unchecked_ref()));
    xhr.send_with_opt_form_data(Some(form)).map_err(failed)?;
    // The request keeps reporting progress until it ends; the closure is small.
    on_progress.forget();
    Ok(())
}

/// The server's answer: 2xx, or its `message` (every refusal carries one).
fn outcome(xhr: &XmlHttpRequest) -> Result<(), String> {
    let status = xhr.status().unwrap_or(0);
    if (200..300).contains(&status) {
        return Ok(());
    }
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    let message = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|json| json.get("message")?.as_str().map(str::to_owned));
    Err(match (message, status) {
        (Some(message), _) => message,
        (None, 413) => text::UPLOAD_TOO_LARGE.to_owned(),
        (None, _) => text::UPLOAD_FAILED.to_owned(),
    })
}
