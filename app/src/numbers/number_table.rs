//! The table of a tenant's business numbers.

use super::number_row::NumberRowView;
use super::{DisableNumber, NumberRow, RotateNumberToken, text};
use crate::auth::FormError;
use leptos::prelude::*;

/// One row per number, with its actions; the last action's error below.
#[component]
pub fn NumberTable(
    numbers: Vec<NumberRow>,
    rotate: ServerAction<RotateNumberToken>,
    disable: ServerAction<DisableNumber>,
) -> impl IntoView {
    if numbers.is_empty() {
        return view! { <p>{text::NO_NUMBERS}</p> }.into_any();
    }
    view! {
        <table class="numbers">
            <thead>
                <tr>
                    <th>{text::COLUMN_NUMBER}</th>
                    <th>{text::COLUMN_PNID}</th>
                    <th>{text::COLUMN_WABA}</th>
                    <th>{text::COLUMN_STATE}</th>
                    <th>{text::COLUMN_ACTIONS}</th>
                </tr>
            </thead>
            <tbody>
                {numbers
                    .into_iter()
                    .map(|number| view! { <NumberRowView number rotate disable/> })
                    .collect_view()}
            </tbody>
        </table>
        <FormError action=rotate/>
        <FormError action=disable/>
        <Show when=move || matches!(rotate.value().get(), Some(Ok(())))>
            <p class="notice" role="status">{text::ROTATED}</p>
        </Show>
    }
    .into_any()
}
