//! The templates every sandbox WABA starts with: what a real WABA might hold, including
//! templates GroupDesk must not offer for groups (one in review, one authentication template, one
//! with an image header), and the Template Library's group invite template (SPEC §2.9).

use super::ids;
use serde_json::{Value, json};
use sqlx::PgPool;

/// `(name, status, category, parameter_format, library_template_name, components)`.
type Seed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Value,
);

/// The language every seeded template has.
pub const LANGUAGE: &str = "en_US";

fn seeds() -> Vec<Seed> {
    vec![
        (
            "event_reminder",
            "APPROVED",
            "UTILITY",
            "POSITIONAL",
            None,
            json!([
                {"type": "HEADER", "format": "TEXT", "text": "Reminder"},
                {"type": "BODY", "text": "Hi everyone, a quick reminder: {{1}}. Reply here if you have questions.",
                 "example": {"body_text": [["the book club meets on Friday at 7 pm"]]}},
                {"type": "FOOTER", "text": "Sent by the organisers"}
            ]),
        ),
        (
            "order_ready",
            "APPROVED",
            "UTILITY",
            "POSITIONAL",
            None,
            json!([
                {"type": "HEADER", "format": "TEXT", "text": "Order {{1}}",
                 "example": {"header_text": ["#1042"]}},
                {"type": "BODY", "text": "Hello {{1}}, your order is ready for pickup at {{2}}.",
                 "example": {"body_text": [["Ana", "the Main Street shop"]]}},
                {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Thanks"}]}
            ]),
        ),
        (
            "weekly_offer",
            "APPROVED",
            "MARKETING",
            "NAMED",
            None,
            json!([
                {"type": "BODY", "text": "This week at {{shop_name}}: {{offer}}. Show this message at the counter.",
                 "example": {"body_text_named_params": [
                     {"param_name": "shop_name", "example": "Lucky Shrub"},
                     {"param_name": "offer", "example": "20% off all plants"}]}},
                {"type": "FOOTER", "text": "Reply STOP to stop offers"},
                {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "See offers", "url": "https://example.com/offers"}]}
            ]),
        ),
        (
            "group_invite_link",
            "APPROVED",
            "UTILITY",
            "POSITIONAL",
            Some("group_invite_link"),
            json!([
                {"type": "BODY", "text": "You are invited to join our WhatsApp group. Tap the link to join: {{1}}"}
            ]),
        ),
        (
            "spring_sale",
            "PENDING",
            "MARKETING",
            "POSITIONAL",
            None,
            json!([{"type": "BODY", "text": "Spring sale: {{1}} off everything this weekend!",
                    "example": {"body_text": [["30%"]]}}]),
        ),
        (
            "login_code",
            "APPROVED",
            "AUTHENTICATION",
            "POSITIONAL",
            None,
            json!([
                {"type": "BODY", "text": "{{1}} is your verification code. For your security, do not share this code."},
                {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}
            ]),
        ),
        (
            "new_arrivals",
            "APPROVED",
            "MARKETING",
            "POSITIONAL",
            None,
            json!([
                {"type": "HEADER", "format": "IMAGE",
                 "example": {"header_handle": ["https://example.com/arrivals.jpg"]}},
                {"type": "BODY", "text": "New arrivals are in, {{1}}!", "example": {"body_text": [["Ana"]]}}
            ]),
        ),
    ]
}

/// Gives `waba_id` the seeded templates the first time it is used; later calls do nothing, so a
/// template deleted through the Graph API stays deleted.
pub async fn ensure(pool: &PgPool, waba_id: &str) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let first = sqlx::query!(
        "insert into sandbox.template_seed (waba_id) values ($1) on conflict do nothing",
        waba_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if first {
        for (name, status, category, format, library, components) in seeds() {
            sqlx::query!(
                r#"insert into sandbox.message_template (template_id, waba_id, name, language, status,
                     category, parameter_format, library_template_name, components)
                   values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                   on conflict (waba_id, name, language) do nothing"#,
                ids::template_id(),
                waba_id,
                name,
                LANGUAGE,
                status,
                category,
                format,
                library,
                components,
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await
}
