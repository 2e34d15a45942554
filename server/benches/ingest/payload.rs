//! The bodies the benchmark sends: distinct, valid, signed `messages` envelopes of about 1 KB.
//!
//! A phase's bodies are made and signed before it starts ([`Prepared`]): the sender stands in
//! for Meta, whose JSON building and HMAC signing happen on Meta's machines, not on the two
//! cores the server is measured on.

use app::webhooks::signature;
use axum::body::Bytes;
use reqwest::header::HeaderValue;
use std::sync::Arc;

/// The demo number's phone number ID (seeded by `serve::prepare` in sandbox mode).
pub const DEMO_PNID: &str = "100000000000001";

/// The size each body is padded to, roughly a real group text message with contacts.
const BODY_BYTES: usize = 1024;

/// A body and its `X-Hub-Signature-256` header value; cheap to clone.
#[derive(Clone)]
pub struct Signed {
    pub body: Bytes,
    pub signature: HeaderValue,
}

/// Makes the bodies of one run: inbound text messages in one group, each with its own wamid.
#[derive(Clone)]
pub struct Bodies {
    secret: Vec<u8>,
    wa_group_id: String,
    run: String,
}

impl Bodies {
    /// Bodies for `wa_group_id`, signed with `secret`; `run` keeps wamids distinct across runs.
    pub fn new(secret: &[u8], wa_group_id: &str, run: &str) -> Self {
        Self {
            secret: secret.to_vec(),
            wa_group_id: wa_group_id.to_owned(),
            run: run.to_owned(),
        }
    }

    /// The `seq`-th body of this run.
    pub fn make(&self, seq: u64) -> Signed {
        let unpadded = self.envelope(seq, "");
        let padding = "x".repeat(BODY_BYTES.saturating_sub(unpadded.len()));
        let body = self.envelope(seq, &padding);
        let signature = signature::sign(&self.secret, &body);
        Signed {
            body: Bytes::from(body),
            // `sha256=` and hex digits: always a valid header value.
            signature: HeaderValue::from_str(&signature)
                .unwrap_or_else(|_| HeaderValue::from_static("unsignable")),
        }
    }

    /// The first `count` bodies of this run, made and signed now.
    pub fn prepare(&self, count: u64) -> Prepared<Signed> {
        let bodies = self.clone();
        Prepared::new(count, move |seq| bodies.make(seq))
    }

    fn envelope(&self, seq: u64, padding: &str) -> Vec<u8> {
        let sender = format!("1555{:07}", seq % 10_000_000);
        serde_json::json!({
            "object": "whatsapp_business_account",
            "entry": [{"id": "200000000000001", "changes": [{"value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550100001", "phone_number_id": DEMO_PNID},
                "contacts": [{"profile": {"name": "Bench Sender"}, "wa_id": sender}],
                "messages": [{
                    "from": sender,
                    "group_id": self.wa_group_id,
                    "id": format!("wamid.bench.{}.{seq}", self.run),
                    "timestamp": "1764000000",
                    "text": {"body": format!("Benchmark message {seq}. {padding}")},
                    "type": "text"
                }]},
                "field": "messages"}]}]
        })
        .to_string()
        .into_bytes()
    }
}

/// What a phase sends (bodies, or the baseline's rows), made ahead of it; a phase that outruns
/// them makes the rest as it goes.
#[derive(Clone)]
pub struct Prepared<T> {
    made: Arc<[T]>,
    make: Arc<dyn Fn(u64) -> T + Send + Sync>,
}

impl<T: Clone> Prepared<T> {
    /// Makes the first `count` now, with `make` (which also makes any later ones).
    pub fn new(count: u64, make: impl Fn(u64) -> T + Send + Sync + 'static) -> Self {
        Self {
            made: (0..count).map(&make).collect(),
            make: Arc::new(make),
        }
    }

    /// The `seq`-th of the run.
    pub fn get(&self, seq: u64) -> T {
        usize::try_from(seq)
            .ok()
            .and_then(|index| self.made.get(index))
            .cloned()
            .unwrap_or_else(|| (self.make)(seq))
    }
}
