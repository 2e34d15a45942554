//! The template picker: choose a template, see its text with the `{{n}}` placeholders, fill one
//! field per placeholder and see the filled-in preview. It only holds the choice; the caller
//! decides what to do with it (the chat sends it to the group; invitations send it 1:1).

use super::domain::{Filled, Slot, TemplateView};
use super::text;
use crate::AppError;
use leptos::prelude::*;

/// What a person picked and typed. Cheap to copy into closures.
#[derive(Debug, Clone, Copy)]
pub struct TemplateChoice {
    /// The picked template's key ([`TemplateView::key`]).
    pub selected: RwSignal<Option<String>>,
    /// One value per field of the picked template, in order.
    pub values: RwSignal<Vec<String>>,
}

impl TemplateChoice {
    /// Nothing picked yet.
    pub fn new() -> Self {
        Self {
            selected: RwSignal::new(None),
            values: RwSignal::new(Vec::new()),
        }
    }

    /// Back to nothing picked.
    pub fn reset(&self) {
        self.selected.set(None);
        self.values.set(Vec::new());
    }

    /// The picked template among `templates`.
    pub fn current(&self, templates: &[TemplateView]) -> Option<TemplateView> {
        let key = self.selected.get()?;
        templates
            .iter()
            .find(|template| template.key() == key)
            .cloned()
    }

    /// The picked template filled in, checked as the server checks it.
    pub fn filled(&self, templates: &[TemplateView]) -> Result<(TemplateView, Filled), AppError> {
        let template = self
            .current(templates)
            .ok_or_else(|| AppError::validation("name", text::PICK_FIRST))?;
        let filled = template.fill(&self.values.get())?;
        Ok((template, filled))
    }

    fn pick(&self, key: String, templates: &[TemplateView]) {
        let fields = templates
            .iter()
            .find(|template| template.key() == key)
            .map_or(0, |template| template.slots.len());
        self.values.set(vec![String::new(); fields]);
        self.selected.set((!key.is_empty()).then_some(key));
    }
}

impl Default for TemplateChoice {
    fn default() -> Self {
        Self::new()
    }
}

/// The picker for `templates`; `id_prefix` keeps element IDs unique when a page has two.
#[component]
pub fn TemplatePicker(
    #[prop(into)] templates: Signal<Vec<TemplateView>>,
    choice: TemplateChoice,
    #[prop(into)] id_prefix: String,
) -> impl IntoView {
    let select_id = format!("{id_prefix}-select");
    let current = Memo::new(move |_| templates.with(|list| choice.current(list)));
    let fields_prefix = id_prefix.clone();
    view! {
        <div class="template-picker">
            <label for=select_id.clone()>{text::PICK_LABEL}</label>
            <select id=select_id
                prop:value=move || choice.selected.get().unwrap_or_default()
                on:change=move |event| {
                    let key = event_target_value(&event);
                    templates.with(|list| choice.pick(key, list));
                }>
                <option value="">{text::PICK_NONE}</option>
                {move || templates.get().into_iter().map(|template| {
                    let label = format!("{} · {} · {}", template.name, template.category_label(), template.language);
                    view! { <option value=template.key()>{label}</option> }
                }).collect_view()}
            </select>
            {move || current.get().map(|template| view! {
                <TemplateFields template choice id_prefix=fields_prefix.clone()/>
            })}
        </div>
    }
}

/// The picked template's text, one input per field, and the preview.
#[component]
fn TemplateFields(
    template: TemplateView,
    choice: TemplateChoice,
    id_prefix: String,
) -> impl IntoView {
    let raw = template.preview(&[]);
    let fields = if template.slots.is_empty() {
        view! { <p class="hint">{text::NO_FIELDS}</p> }.into_any()
    } else {
        template
            .slots
            .iter()
            .enumerate()
            .map(|(index, slot)| view! { <FieldInput index field=slot.clone() choice id_prefix=id_prefix.clone()/> })
            .collect_view()
            .into_any()
    };
    let preview = move || choice.values.with(|values| template.preview(values));
    view! {
        <figure class="template-text">
            <figcaption>{text::TEMPLATE_TEXT}</figcaption>
            <p>{raw}</p>
        </figure>
        <fieldset class="template-fields">
            <legend>{text::FIELDS}</legend>
            {fields}
        </fieldset>
        <figure class="template-preview" aria-live="polite">
            <figcaption>{text::PREVIEW}</figcaption>
            <p data-testid="template-preview">{preview}</p>
        </figure>
    }
}

#[component]
fn FieldInput(
    index: usize,
    field: Slot,
    choice: TemplateChoice,
    id_prefix: String,
) -> impl IntoView {
    let id = format!("{id_prefix}-value-{index}");
    let label = format!("{} {}", text::VALUE_FOR, field.placeholder());
    let hint = field
        .example
        .map(|example| format!("{} {example}", text::EXAMPLE))
        .unwrap_or_default();
    view! {
        <div class="template-field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" name=format!("values[{index}]") aria-required="true" autocomplete="off"
                placeholder=hint
                prop:value=move || choice.values.with(|values| values.get(index).cloned().unwrap_or_default())
                on:input=move |event| {
                    let value = event_target_value(&event);
                    choice.values.update(|values| {
                        if let Some(slot) = values.get_mut(index) {
                            *slot = value;
                        }
                    });
                }/>
        </div>
    }
}
