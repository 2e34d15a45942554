//! Group management calls (SPEC §2).

use super::http::{Body, HttpGraphClient};
use super::types::{
    ActiveGroupsResponse, CreateGroupRequest, GroupField, GroupInfo, InviteLinkResponse,
    JoinRequest, JoinRequestsOutcome, JoinRequestsResponse, MaybeRequestId, Page, PageRequest,
    RequestIdResponse, SettingsUpdate, SuccessResponse,
};
use super::{GraphError, NumberAccess};
use crate::ids::RequestId;
use reqwest::Method;
use serde_json::json;

/// Group management: create, delete, read, settings, links, participants, join requests.
#[async_trait::async_trait]
pub trait GroupsApi: Send + Sync {
    /// `POST /<PNID>/groups`: the outcome arrives as a `group_create` webhook.
    async fn create_group(
        &self,
        number: &NumberAccess,
        request: &CreateGroupRequest,
    ) -> Result<RequestId, GraphError>;
    /// `DELETE /<GROUP_ID>`: the outcome arrives as a `group_delete` webhook.
    async fn delete_group(
        &self,
        number: &NumberAccess,
        group_id: &str,
    ) -> Result<SuccessResponse, GraphError>;
    /// `GET /<GROUP_ID>?fields=...`.
    async fn group_info(
        &self,
        number: &NumberAccess,
        group_id: &str,
        fields: &[GroupField],
    ) -> Result<GroupInfo, GraphError>;
    /// `GET /<PNID>/groups`: one page of the number's active groups.
    async fn active_groups(
        &self,
        number: &NumberAccess,
        page: &PageRequest,
    ) -> Result<Page<super::types::ActiveGroup>, GraphError>;
    /// `POST /<GROUP_ID>` (JSON): subject and description; the outcome arrives by webhook.
    async fn update_settings(
        &self,
        number: &NumberAccess,
        group_id: &str,
        update: &SettingsUpdate,
    ) -> Result<Option<RequestId>, GraphError>;
    /// `POST /<GROUP_ID>` (multipart `file`): the profile picture, a JPEG.
    async fn update_picture(
        &self,
        number: &NumberAccess,
        group_id: &str,
        jpeg: Vec<u8>,
    ) -> Result<Option<RequestId>, GraphError>;
    /// `GET /<GROUP_ID>/invite_link`.
    async fn invite_link(
        &self,
        number: &NumberAccess,
        group_id: &str,
    ) -> Result<String, GraphError>;
    /// `POST /<GROUP_ID>/invite_link`: a new link; old links stop working.
    async fn reset_invite_link(
        &self,
        number: &NumberAccess,
        group_id: &str,
    ) -> Result<String, GraphError>;
    /// `DELETE /<GROUP_ID>/invite_link` (beta, SPEC §2.8).
    async fn delete_invite_link(
        &self,
        number: &NumberAccess,
        group_id: &str,
    ) -> Result<bool, GraphError>;
    /// `DELETE /<GROUP_ID>/participants` with 1 to 8 users (phone numbers or BSUIDs).
    async fn remove_participants(
        &self,
        number: &NumberAccess,
        group_id: &str,
        users: &[String],
    ) -> Result<Option<RequestId>, GraphError>;
    /// `GET /<GROUP_ID>/join_requests`: one page.
    async fn join_requests(
        &self,
        number: &NumberAccess,
        group_id: &str,
        page: &PageRequest,
    ) -> Result<Page<JoinRequest>, GraphError>;
    /// `POST /<GROUP_ID>/join_requests`: approve; each approval is confirmed by webhook.
    async fn approve_join_requests(
        &self,
        number: &NumberAccess,
        group_id: &str,
        ids: &[String],
    ) -> Result<JoinRequestsOutcome, GraphError>;
    /// `DELETE /<GROUP_ID>/join_requests`: reject (no webhook follows).
    async fn reject_join_requests(
        &self,
        number: &NumberAccess,
        group_id: &str,
        ids: &[String],
    ) -> Result<JoinRequestsOutcome, GraphError>;
}

pub(super) fn page_query(page: &PageRequest) -> Vec<(&'static str, String)> {
    let mut query = Vec::new();
    if let Some(limit) = page.limit {
        query.push(("limit", limit.to_string()));
    }
    if let Some(after) = &page.after {
        query.push(("after", after.clone()));
    }
    if let Some(before) = &page.before {
        query.push(("before", before.clone()));
    }
    query
}

#[async_trait::async_trait]
impl GroupsApi for HttpGraphClient {
    #[tracing::instrument(skip_all, fields(pnid = %number.phone_number_id))]
    async fn create_group(
        &self,
        number: &NumberAccess,
        request: &CreateGroupRequest,
    ) -> Result<RequestId, GraphError> {
        let body = serde_json::to_value(request).map_err(|error| GraphError::Decode {
            status: 0,
            detail: error.to_string(),
        })?;
        let path = format!("{}/groups", number.phone_number_id);
        let response: RequestIdResponse = self
            .write(Method::POST, &path, &number.token, Body::Json(body))
            .await?;
        Ok(RequestId(response.request_id))
    }

    #[tracing::instrument(skip_all)]
    async fn delete_group(
        &self,
        number: &NumberAccess,
        group_id: &str,
    ) -> Result<SuccessResponse, GraphError> {
        self.write(Method::DELETE, group_id, &number.token, Body::None)
            .await
    }

    #[tracing::instrument(skip_all)]
    async fn group_info(
        &self,
        number: &NumberAccess,
        group_id: &str,
        fields: &[GroupField],
    ) -> Result<GroupInfo, GraphError> {
        let fields: Vec<&str> = fields.iter().map(|field| field.as_str()).collect();
        self.read(
            group_id,
            Some(&number.token),
            &[("fields", fields.join(","))],
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(pnid = %number.phone_number_id))]
    async fn active_groups(
        &self,
        number: &NumberAccess,
        page: &PageRequest,
    ) -> Result<Page<super::types::ActiveGroup>, GraphError> {
        let path = format!("{}/groups", number.phone_number_id);
        let response: ActiveGroupsResponse = self
            .read(&path, Some(&number.token), &page_query(page))
            .await?;
        Ok(Page {
            items: response.data.into_groups(),
            paging: response.paging,
        })
    }

    #[tracing::instrument(skip_all)]
    async fn update_settings(
        &self,
        number: &NumberAccess,
        group_id: &str,
        update: &SettingsUpdate,
    ) -> Result<Option<RequestId>, GraphError> {
        let mut body = json!({ "messaging_product": "whatsapp" });
        if let Some(subject) = &update.subject {
            body["subject"] = json!(subject);
        }
        if let Some(description) = &update.description {
            body["description"] = json!(description);
        }
        if let Some(mode) = &update.join_approval_mode {
            body["join_approval_mode"] = json!(mode);
        }
        let response: MaybeRequestId = self
            .write(Method::POST, group_id, &number.token, Body::Json(body))
            .await?;
        Ok(response.request_id.map(RequestId))
    }

    #[tracing::instrument(skip_all)]
    async fn update_picture(
        &self,
        number: &NumberAccess,
        group_id: &str,
        jpeg: Vec<u8>,
    ) -> Result<Option<RequestId>, GraphError> {
        let part = reqwest::multipart::Part::bytes(jpeg)
            .file_name("picture.jpg")
            .mime_str("image/jpeg")
            .map_err(|error| GraphError::Transport(error.to_string()))?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .part("file", part);
        let response: MaybeRequestId = self
            .write(Method::POST, group_id, &number.token, Body::Multipart(form))
            .await?;
        Ok(response.request_id.map(RequestId))
    }

    #[tracing::instrument(skip_all)]
    async fn invite_link(
        &self,
        number: &NumberAccess,
        group_id: &str,
    ) -> Result<String, GraphError> {
        let path = format!("{group_id}/invite_link");
        let response: InviteLinkResponse = self.read(&path, Some(&number.token), &[]).await?;
        Ok(response.invite_link)
    }

    #[tracing::instrument(skip_all)]
    async fn reset_invite_link(
        &self,
        number: &NumberAccess,
        group_id: &str,
    ) -> Result<String, GraphError> {
        let path = format!("{group_id}/invite_link");
        let body = Body::Json(json!({ "messaging_product": "whatsapp" }));
        let response: InviteLinkResponse =
            self.write(Method::POST, &path, &number.token, body).await?;
        Ok(response.invite_link)
    }

    #[tracing::instrument(skip_all)]
    async fn delete_invite_link(
        &self,
        number: &NumberAccess,
        group_id: &str,
    ) -> Result<bool, GraphError> {
        let path = format!("{group_id}/invite_link");
        let response: SuccessResponse = self
            .write(Method::DELETE, &path, &number.token, Body::None)
            .await?;
        Ok(response.success)
    }

    #[tracing::instrument(skip_all, fields(count = users.len()))]
    async fn remove_participants(
        &self,
        number: &NumberAccess,
        group_id: &str,
        users: &[String],
    ) -> Result<Option<RequestId>, GraphError> {
        let participants: Vec<_> = users.iter().map(|user| json!({ "user": user })).collect();
        let body =
            Body::Json(json!({ "messaging_product": "whatsapp", "participants": participants }));
        let path = format!("{group_id}/participants");
        let response: MaybeRequestId = self
            .write(Method::DELETE, &path, &number.token, body)
            .await?;
        Ok(response.request_id.map(RequestId))
    }

    #[tracing::instrument(skip_all)]
    async fn join_requests(
        &self,
        number: &NumberAccess,
        group_id: &str,
        page: &PageRequest,
    ) -> Result<Page<JoinRequest>, GraphError> {
        let path = format!("{group_id}/join_requests");
        let response: JoinRequestsResponse = self
            .read(&path, Some(&number.token), &page_query(page))
            .await?;
        Ok(Page {
            items: response.data,
            paging: response.paging,
        })
    }

    #[tracing::instrument(skip_all, fields(count = ids.len()))]
    async fn approve_join_requests(
        &self,
        number: &NumberAccess,
        group_id: &str,
        ids: &[String],
    ) -> Result<JoinRequestsOutcome, GraphError> {
        let path = format!("{group_id}/join_requests");
        let body = Body::Json(json!({ "messaging_product": "whatsapp", "join_requests": ids }));
        self.write(Method::POST, &path, &number.token, body).await
    }

    #[tracing::instrument(skip_all, fields(count = ids.len()))]
    async fn reject_join_requests(
        &self,
        number: &NumberAccess,
        group_id: &str,
        ids: &[String],
    ) -> Result<JoinRequestsOutcome, GraphError> {
        let path = format!("{group_id}/join_requests");
        let body = Body::Json(json!({ "messaging_product": "whatsapp", "join_requests": ids }));
        self.write(Method::DELETE, &path, &number.token, body).await
    }
}
