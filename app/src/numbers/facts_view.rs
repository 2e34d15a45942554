//! WhatsApp's facts about a number, as a definition list.

use super::domain::NumberFacts;
use super::text;
use leptos::prelude::*;

fn or_unknown(value: Option<String>) -> String {
    value.unwrap_or_else(|| text::UNKNOWN.to_owned())
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => text::YES,
        Some(false) => text::NO,
        None => text::UNKNOWN,
    }
}

/// Shows the eligibility facts of one number.
#[component]
pub fn FactsView(facts: NumberFacts) -> impl IntoView {
    view! {
        <section class="facts">
            <h3>{text::FACTS_HEADING}</h3>
            <dl>
                <dt>{text::FACT_NAME}</dt>
                <dd>{or_unknown(facts.verified_name)}</dd>
                <dt>{text::FACT_OBA}</dt>
                <dd data-fact="oba">{yes_no(facts.official_business_account)}</dd>
                <dt>{text::FACT_LIMIT}</dt>
                <dd>{or_unknown(facts.messaging_limit)}</dd>
                <dt>{text::FACT_PLATFORM}</dt>
                <dd>{or_unknown(facts.platform_type)}</dd>
                <dt>{text::FACT_BIZ_APP}</dt>
                <dd>{yes_no(facts.on_biz_app)}</dd>
                <dt>{text::FACT_THROUGHPUT}</dt>
                <dd>{or_unknown(facts.throughput)}</dd>
                <dt>{text::FACT_QUALITY}</dt>
                <dd>{or_unknown(facts.quality_rating)}</dd>
            </dl>
        </section>
    }
}
