//! Message templates of a WhatsApp Business Account (`GET /<WABA_ID>/message_templates`).
//!
//! A management call: Meta allows about 200 an hour per app and WABA (SPEC §1.7, `80007`), so
//! callers cache the answer.

use super::GraphError;
use super::http::HttpGraphClient;
use super::types::{MessageTemplate, MessageTemplatesResponse, Page, PageRequest, TEMPLATE_FIELDS};
use secrecy::SecretString;

/// Reading a WABA's message templates.
#[async_trait::async_trait]
pub trait TemplatesApi: Send + Sync {
    /// `GET /<WABA_ID>/message_templates`: one page of the WABA's templates, every status.
    async fn message_templates(
        &self,
        waba_id: &str,
        token: &SecretString,
        page: &PageRequest,
    ) -> Result<Page<MessageTemplate>, GraphError>;
}

#[async_trait::async_trait]
impl TemplatesApi for HttpGraphClient {
    #[tracing::instrument(skip_all)]
    async fn message_templates(
        &self,
        waba_id: &str,
        token: &SecretString,
        page: &PageRequest,
    ) -> Result<Page<MessageTemplate>, GraphError> {
        let path = format!("{waba_id}/message_templates");
        let mut query = super::groups_api::page_query(page);
        query.push(("fields", TEMPLATE_FIELDS.join(",")));
        let response: MessageTemplatesResponse = self.read(&path, Some(token), &query).await?;
        Ok(Page {
            items: response.data,
            paging: response.paging,
        })
    }
}
