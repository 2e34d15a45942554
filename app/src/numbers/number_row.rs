//! One business number with its actions: replace the token, disable.

use super::{DisableNumber, NumberRow, RotateNumberToken, text};
use leptos::prelude::*;

/// A row of the numbers table. The token field is empty: a stored token is never sent back.
#[component]
pub fn NumberRowView(
    number: NumberRow,
    rotate: ServerAction<RotateNumberToken>,
    disable: ServerAction<DisableNumber>,
) -> impl IntoView {
    let id = number.id.to_string();
    let rotate_id = id.clone();
    let disable_id = id.clone();
    let actions = (!number.disabled).then(move || {
        view! {
            <ActionForm action=rotate attr:class="inline">
                <input type="hidden" name="number_id" value=rotate_id/>
                <input type="password" name="access_token" required autocomplete="off"
                    aria-label=text::NEW_TOKEN placeholder=text::NEW_TOKEN/>
                <button type="submit">{text::ROTATE_BUTTON}</button>
            </ActionForm>
            <ActionForm action=disable attr:class="inline">
                <input type="hidden" name="number_id" value=disable_id/>
                <button type="submit">{text::DISABLE_BUTTON}</button>
            </ActionForm>
        }
    });
    let state = if number.disabled {
        text::STATE_DISABLED
    } else {
        text::STATE_ACTIVE
    };
    view! {
        <tr data-number=id>
            <td>
                {number.display_phone_number}
                {number.sandbox.then_some(view! { " " <small class="badge">{text::SANDBOX_BADGE}</small> })}
            </td>
            <td>{number.phone_number_id}</td>
            <td>{number.waba_id}</td>
            <td>{state}</td>
            <td>
                {actions}
            </td>
        </tr>
    }
}
