//! Where media bytes live (`MEDIA_STORE`): a folder on local disk by default, an S3 bucket, or
//! memory (tests). Keys are `<tenant>/<media>`, never anything a person typed.

use futures::{StreamExt, TryStreamExt};
use object_store::ObjectStore;
use object_store::buffered::BufWriter;
use object_store::path::Path;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

pub use object_store::Error as StoreError;

/// Where the object store is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A folder on local disk (created when missing).
    Folder(std::path::PathBuf),
    /// An S3 bucket, with an optional key prefix; credentials, region and endpoint come from the
    /// standard `AWS_*` variables.
    S3 {
        /// The bucket.
        bucket: String,
        /// Keys start with this (no leading or trailing `/`), or nothing.
        prefix: String,
    },
    /// Memory: everything is lost when the process ends (tests only).
    Memory,
}

impl StoreLocation {
    /// Reads `file:///abs/path`, `file://relative/path`, `s3://bucket[/prefix]` or `memory://`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if let Some(path) = raw.strip_prefix("file://") {
            if path.is_empty() {
                return Err("file:// needs a folder, e.g. file:///var/lib/groupdesk/media".into());
            }
            return Ok(Self::Folder(path.into()));
        }
        if let Some(rest) = raw.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err("s3:// needs a bucket, e.g. s3://my-bucket/groupdesk".into());
            }
            return Ok(Self::S3 {
                bucket: bucket.to_owned(),
                prefix: prefix.trim_matches('/').to_owned(),
            });
        }
        if raw == "memory://" {
            return Ok(Self::Memory);
        }
        Err(format!(
            "expected file:///folder, s3://bucket[/prefix] or memory://, got {raw:?}"
        ))
    }
}

/// The media object store. Cheap to clone.
#[derive(Clone)]
pub struct MediaStore {
    store: Arc<dyn ObjectStore>,
    prefix: String,
}

impl std::fmt::Debug for MediaStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MediaStore({})", self.store)
    }
}

impl MediaStore {
    /// Opens the store at `location`.
    pub fn open(location: &StoreLocation) -> anyhow::Result<Self> {
        let (store, prefix): (Arc<dyn ObjectStore>, String) = match location {
            StoreLocation::Folder(folder) => {
                std::fs::create_dir_all(folder).map_err(|error| {
                    anyhow::anyhow!(
                        "could not create the media folder {}: {error}",
                        folder.display()
                    )
                })?;
                let local = object_store::local::LocalFileSystem::new_with_prefix(folder)?
                    .with_automatic_cleanup(true);
                (Arc::new(local), String::new())
            }
            StoreLocation::S3 { bucket, prefix } => {
                let s3 = object_store::aws::AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .build()?;
                (Arc::new(s3), prefix.clone())
            }
            StoreLocation::Memory => (
                Arc::new(object_store::memory::InMemory::new()),
                String::new(),
            ),
        };
        Ok(Self { store, prefix })
    }

    /// The key of a tenant's file.
    pub fn key(tenant_id: Uuid, media_id: Uuid) -> String {
        format!("{tenant_id}/{media_id}")
    }

    fn path(&self, key: &str) -> Path {
        if self.prefix.is_empty() {
            Path::from(key)
        } else {
            Path::from(format!("{}/{key}", self.prefix))
        }
    }

    /// A writer for a new file, refusing more than `limit` bytes.
    pub fn writer(&self, key: &str, limit: u64) -> MediaWriter {
        MediaWriter {
            writer: BufWriter::new(self.store.clone(), self.path(key)),
            hasher: Sha256::new(),
            size: 0,
            limit,
        }
    }

    /// Stores a whole file; returns its size and hex SHA-256.
    pub async fn put(
        &self,
        key: &str,
        bytes: Vec<u8>,
    ) -> Result<(u64, String), object_store::Error> {
        let sha = hex::encode(Sha256::digest(&bytes));
        let size = bytes.len() as u64;
        self.store.put(&self.path(key), bytes.into()).await?;
        Ok((size, sha))
    }

    /// Reads a whole file.
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, object_store::Error> {
        let result = self.store.get(&self.path(key)).await?;
        Ok(result.bytes().await?.to_vec())
    }

    /// Streams a file: its size and its chunks.
    pub async fn stream(
        &self,
        key: &str,
    ) -> Result<
        (
            u64,
            futures::stream::BoxStream<'static, Result<Vec<u8>, std::io::Error>>,
        ),
        object_store::Error,
    > {
        let result = self.store.get(&self.path(key)).await?;
        let size = result.meta.size;
        let chunks = result
            .into_stream()
            .map_ok(|chunk| chunk.to_vec())
            .map_err(std::io::Error::other)
            .boxed();
        Ok((size, chunks))
    }

    /// Deletes a file (missing files are fine).
    pub async fn delete(&self, key: &str) -> Result<(), object_store::Error> {
        match self.store.delete(&self.path(key)).await {
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            other => other,
        }
    }
}

/// Why a write stopped.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// More bytes than the limit arrived.
    #[error("the file is larger than its limit")]
    TooLarge,
    /// The store failed.
    #[error("the media store failed: {0}")]
    Store(#[from] std::io::Error),
}

/// A file being written in chunks, hashed and counted as it goes.
pub struct MediaWriter {
    writer: BufWriter,
    hasher: Sha256,
    size: u64,
    limit: u64,
}

impl MediaWriter {
    /// Bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends a chunk; refuses to go past the limit.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), WriteError> {
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            return Err(WriteError::TooLarge);
        }
        self.hasher.update(chunk);
        self.writer.write_all(chunk).await?;
        Ok(())
    }

    /// Completes the file; returns its size and hex SHA-256.
    pub async fn finish(mut self) -> Result<(u64, String), WriteError> {
        self.writer.shutdown().await?;
        Ok((self.size, hex::encode(self.hasher.finalize())))
    }

    /// Drops what was written.
    pub async fn abort(mut self) {
        if let Err(error) = self.writer.abort().await {
            tracing::warn!(error = %error, "could not abort a media write");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_from_urls() {
        assert_eq!(
            StoreLocation::parse("file:///var/media").unwrap(),
            StoreLocation::Folder("/var/media".into())
        );
        assert_eq!(
            StoreLocation::parse("file://.data/media").unwrap(),
            StoreLocation::Folder(".data/media".into())
        );
        assert_eq!(
            StoreLocation::parse("s3://bucket/gd/media/").unwrap(),
            StoreLocation::S3 {
                bucket: "bucket".into(),
                prefix: "gd/media".into()
            }
        );
        assert_eq!(
            StoreLocation::parse("memory://").unwrap(),
            StoreLocation::Memory
        );
        assert!(StoreLocation::parse("s3://").is_err());
        assert!(StoreLocation::parse("/var/media").is_err());
    }

    #[tokio::test]
    async fn a_write_is_hashed_counted_and_limited() {
        let store = MediaStore::open(&StoreLocation::Memory).unwrap();
        let mut writer = store.writer("t/m", 6);
        writer.write(b"abc").await.unwrap();
        writer.write(b"def").await.unwrap();
        let (size, sha) = writer.finish().await.unwrap();
        assert_eq!(size, 6);
        assert_eq!(sha, hex::encode(Sha256::digest(b"abcdef")));
        assert_eq!(store.get("t/m").await.unwrap(), b"abcdef");
        let mut writer = store.writer("t/n", 2);
        assert!(matches!(
            writer.write(b"abc").await,
            Err(WriteError::TooLarge)
        ));
        writer.abort().await;
        assert!(store.get("t/n").await.is_err());
    }
}
