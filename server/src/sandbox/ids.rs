//! IDs minted the way Meta's look (SPEC §1.6): opaque to clients, realistic in the UI.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::Rng;
use rand::distr::Alphanumeric;

fn random_alphanumeric(len: usize) -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// Meta's base64 variant: `Z` is written `ZA` and `=` is written `ZD`.
fn meta_base64(raw: &str) -> String {
    STANDARD.encode(raw).replace('Z', "ZA").replace('=', "ZD")
}

/// A group ID such as Meta's `capi_group:<number>:<jid>`, encoded.
pub fn group_id(display_phone_number: &str) -> String {
    let jid: u64 = rand::rng().random_range(120_363_000_000_000_000..120_363_999_999_999_999);
    meta_base64(&format!("capi_group:{display_phone_number}:{jid}"))
}

/// A request ID for an asynchronous call.
pub fn request_id() -> String {
    random_alphanumeric(32)
}

/// An invite link: `https://chat.whatsapp.com/<22 alphanumerics>`.
pub fn invite_link() -> String {
    format!("https://chat.whatsapp.com/{}", random_alphanumeric(22))
}

/// A support trace ID.
pub fn fbtrace_id() -> String {
    random_alphanumeric(23)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_base64_escapes_z_and_padding() {
        assert_eq!(
            meta_base64("capi_group:17055550139:120363404694233820"),
            "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD"
        );
    }

    #[test]
    fn invite_links_have_the_whatsapp_shape() {
        let link = invite_link();
        let code = link.strip_prefix("https://chat.whatsapp.com/").unwrap();
        assert_eq!(code.len(), 22);
        assert!(code.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}

/// A message ID: `wamid.` and Meta-style base64.
pub fn wamid() -> String {
    format!(
        "wamid.{}",
        meta_base64(&format!("HBgL{}", random_alphanumeric(30)))
    )
}

/// A join request ID: `<user>:<group jid>` encoded, as Meta's look.
pub fn join_request_id(user_key: &str) -> String {
    meta_base64(&format!("{user_key}:{}", random_alphanumeric(18)))
}

/// A media ID: digits, as Meta's.
pub fn media_id() -> String {
    let n: u64 = rand::rng().random_range(1_000_000_000_000_000..9_999_999_999_999_999);
    n.to_string()
}

/// A message template ID: digits, as Meta's.
pub fn template_id() -> String {
    let n: u64 = rand::rng().random_range(100_000_000_000_000..999_999_999_999_999);
    n.to_string()
}

/// An opaque paging cursor for an offset.
pub fn cursor(offset: i64) -> String {
    meta_base64(&format!("{{\"offset\":{offset}}}"))
}

/// The offset of a cursor minted by [`cursor`]; `None` when it is not one (SPEC 131059).
pub fn cursor_offset(cursor: &str) -> Option<i64> {
    let standard = cursor.replace("ZD", "=").replace("ZA", "Z");
    let bytes = STANDARD.decode(standard).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("offset")?.as_i64().filter(|offset| *offset >= 0)
}

#[cfg(test)]
mod cursor_tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(cursor_offset(&cursor(50)), Some(50));
        assert_eq!(cursor_offset("not-a-cursor"), None);
    }
}
