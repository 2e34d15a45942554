//! The error line under a form: the message of a failed server function, if any.

use crate::AppError;
use leptos::prelude::*;

/// Shows the last error of `action` as an alert.
#[component]
pub fn FormError<I>(action: ServerAction<I>) -> impl IntoView
where
    I: leptos::server_fn::ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
    }
}
