//! Sending to groups, pins and the 1:1 invite template (SPEC §2.9, §3).

use super::http::{Body, HttpGraphClient};
use super::types::{MessageContent, SendMessageRequest, SendMessageResponse};
use super::{GraphError, NumberAccess};
use reqwest::Method;

/// Messages: group sends (text, media, templates, pins) and the invite template.
#[async_trait::async_trait]
pub trait MessagesApi: Send + Sync {
    /// `POST /<PNID>/messages` with `recipient_type: group`. Never retried: a timeout leaves the
    /// outcome unknown, to be settled by status webhooks.
    async fn send_to_group(
        &self,
        number: &NumberAccess,
        group_id: &str,
        content: &MessageContent,
    ) -> Result<SendMessageResponse, GraphError>;
    /// [`Self::send_to_group`] with `tag` as `biz_opaque_callback_data`, which WhatsApp echoes in
    /// the message's status webhooks.
    async fn send_to_group_tagged(
        &self,
        number: &NumberAccess,
        group_id: &str,
        content: &MessageContent,
        tag: &str,
    ) -> Result<SendMessageResponse, GraphError>;
    /// Sends the group invite-link template 1:1 to `to` (SPEC §2.9).
    async fn send_invite_template(
        &self,
        number: &NumberAccess,
        to: &str,
        template: &str,
        language: &str,
        group_id: &str,
    ) -> Result<SendMessageResponse, GraphError>;
}

impl HttpGraphClient {
    async fn send(
        &self,
        number: &NumberAccess,
        request: &SendMessageRequest,
    ) -> Result<SendMessageResponse, GraphError> {
        let body = serde_json::to_value(request).map_err(|error| GraphError::Decode {
            status: 0,
            detail: error.to_string(),
        })?;
        let path = format!("{}/messages", number.phone_number_id);
        self.write(Method::POST, &path, &number.token, Body::Json(body))
            .await
    }
}

#[async_trait::async_trait]
impl MessagesApi for HttpGraphClient {
    #[tracing::instrument(skip_all, fields(pnid = %number.phone_number_id))]
    async fn send_to_group(
        &self,
        number: &NumberAccess,
        group_id: &str,
        content: &MessageContent,
    ) -> Result<SendMessageResponse, GraphError> {
        self.send(
            number,
            &SendMessageRequest::to_group(group_id, content.clone()),
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(pnid = %number.phone_number_id))]
    async fn send_to_group_tagged(
        &self,
        number: &NumberAccess,
        group_id: &str,
        content: &MessageContent,
        tag: &str,
    ) -> Result<SendMessageResponse, GraphError> {
        let mut request = SendMessageRequest::to_group(group_id, content.clone());
        request.biz_opaque_callback_data = Some(tag.to_owned());
        self.send(number, &request).await
    }

    #[tracing::instrument(skip_all, fields(pnid = %number.phone_number_id))]
    async fn send_invite_template(
        &self,
        number: &NumberAccess,
        to: &str,
        template: &str,
        language: &str,
        group_id: &str,
    ) -> Result<SendMessageResponse, GraphError> {
        self.send(
            number,
            &SendMessageRequest::invite_template(to, template, language, group_id),
        )
        .await
    }
}
