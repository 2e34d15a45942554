//! Helpers that drive the sandbox: a Graph client pointed at it, and the control API.

use super::{DEMO_PNID, TestApp};
use app::graph::types::CreateGroupRequest;
use app::graph::{GroupsApi, HttpGraphClient, NumberAccess};
use app::ids::PhoneNumberId;
use secrecy::SecretString;
use serde_json::{Value, json};

impl TestApp {
    /// A Graph client pointed at this app's sandbox.
    pub fn graph(&self) -> HttpGraphClient {
        HttpGraphClient::new(&format!("{}/sandbox/graph", self.url), "v25.0").unwrap()
    }

    /// Calls the sandbox control API.
    pub async fn control(&self, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        let response = self
            .http
            .request(method, format!("{}/sandbox/control{path}", self.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// A simulated user opens an invite link.
    pub async fn join(&self, link: &str, wa_id: &str) -> (u16, Value) {
        self.control(
            reqwest::Method::POST,
            "/join",
            json!({ "invite_link": link, "user": { "wa_id": wa_id, "name": format!("User {wa_id}") } }),
        )
        .await
    }

    /// Creates a group through the client and returns its sandbox ID and invite link.
    pub async fn sandbox_group(&self, mode: &str) -> (String, String) {
        let request = CreateGroupRequest {
            messaging_product: "whatsapp".into(),
            subject: "Contract".into(),
            description: None,
            join_approval_mode: Some(mode.into()),
        };
        self.graph()
            .create_group(&demo_access(), &request)
            .await
            .unwrap();
        let row = sqlx::query!(
            "select wa_group_id, invite_link from sandbox.wa_group order by created_at desc limit 1"
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        (row.wa_group_id, row.invite_link.unwrap())
    }

    /// Every webhook body the sandbox queued, oldest first.
    pub async fn queued_webhooks(&self) -> Vec<Value> {
        sqlx::query_scalar!(
            "select body from sandbox.outbound_webhook order by outbound_webhook_id"
        )
        .fetch_all(&self.pool)
        .await
        .unwrap()
        .into_iter()
        .map(|body| serde_json::from_slice(&body).unwrap())
        .collect()
    }

    /// The queued webhooks of one field whose first event or status has `kind` as its type.
    pub async fn queued(&self, field: &str, kind: &str) -> Vec<Value> {
        self.queued_webhooks()
            .await
            .into_iter()
            .filter(|body| {
                let change = &body["entry"][0]["changes"][0];
                let value = &change["value"];
                change["field"] == field
                    && (value["groups"][0]["type"] == kind
                        || value["statuses"][0]["status"] == kind
                        || value["messages"][0]["type"] == kind)
            })
            .collect()
    }
}

/// Access for the demo number with any token.
pub fn demo_access() -> NumberAccess {
    NumberAccess {
        phone_number_id: PhoneNumberId::from(DEMO_PNID),
        token: SecretString::from("test-token"),
    }
}
