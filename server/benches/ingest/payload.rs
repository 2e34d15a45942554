//! The bodies the benchmark sends: distinct, valid, signed `messages` envelopes of about 1 KB.

use app::webhooks::signature;

/// The demo number's phone number ID (seeded by `serve::prepare` in sandbox mode).
pub const DEMO_PNID: &str = "100000000000001";

/// The size each body is padded to, roughly a real group text message with contacts.
const BODY_BYTES: usize = 1024;

/// A body and its `X-Hub-Signature-256` header value.
pub struct Signed {
    pub body: Vec<u8>,
    pub signature: String,
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
        Signed { body, signature }
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
