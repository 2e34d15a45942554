//! Media upload and download.

use super::http::{Body, HttpGraphClient};
use super::types::{MediaInfo, MediaUploadResponse};
use super::{GraphError, NumberAccess};
use reqwest::Method;

/// Media: upload for sending, and download of received media.
#[async_trait::async_trait]
pub trait MediaApi: Send + Sync {
    /// `POST /<PNID>/media` (multipart): returns the media ID.
    async fn upload_media(
        &self,
        number: &NumberAccess,
        bytes: Vec<u8>,
        mime_type: &str,
        filename: &str,
    ) -> Result<String, GraphError>;
    /// `GET /<MEDIA_ID>`: where and what the media is.
    async fn media_info(
        &self,
        number: &NumberAccess,
        media_id: &str,
    ) -> Result<MediaInfo, GraphError>;
    /// Downloads the content from [`MediaInfo::url`].
    async fn download_media(&self, number: &NumberAccess, url: &str)
    -> Result<Vec<u8>, GraphError>;
}

#[async_trait::async_trait]
impl MediaApi for HttpGraphClient {
    #[tracing::instrument(skip_all, fields(pnid = %number.phone_number_id, bytes = bytes.len()))]
    async fn upload_media(
        &self,
        number: &NumberAccess,
        bytes: Vec<u8>,
        mime_type: &str,
        filename: &str,
    ) -> Result<String, GraphError> {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_owned())
            .mime_str(mime_type)
            .map_err(|_| GraphError::Decode {
                status: 0,
                detail: "the media type is not valid".to_owned(),
            })?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime_type.to_owned())
            .part("file", part);
        let path = format!("{}/media", number.phone_number_id);
        let response: MediaUploadResponse = self
            .write(Method::POST, &path, &number.token, Body::Multipart(form))
            .await?;
        Ok(response.id)
    }

    #[tracing::instrument(skip_all)]
    async fn media_info(
        &self,
        number: &NumberAccess,
        media_id: &str,
    ) -> Result<MediaInfo, GraphError> {
        self.read(media_id, Some(&number.token), &[]).await
    }

    #[tracing::instrument(skip_all)]
    async fn download_media(
        &self,
        number: &NumberAccess,
        url: &str,
    ) -> Result<Vec<u8>, GraphError> {
        self.download(url, &number.token).await
    }
}
