//! Reading a stored file for a person: only members of the tenant that owns it (whatever their
//! role, in a tenant that is not suspended) may; for anyone else it does not exist.

use super::media::{MediaKind, kind_of};
use crate::ids::UserId;
use sqlx::PgPool;
use uuid::Uuid;

/// A stored file as it is served.
#[derive(Debug, Clone)]
pub struct Readable {
    /// Its type.
    pub mime_type: String,
    /// Its kind.
    pub kind: MediaKind,
    /// Its name, when known.
    pub file_name: Option<String>,
    /// Where it is stored.
    pub storage_key: String,
}

impl Readable {
    /// Whether a browser may show it in the page: an accepted image, video or audio type. Anything
    /// else (documents, and types WhatsApp sent that GroupDesk does not know) is downloaded.
    pub fn inline(&self) -> bool {
        self.kind != MediaKind::Document && kind_of(&self.mime_type) == Some(self.kind)
    }
}

/// The stored file `media_id`, if `user` belongs to the tenant that owns it.
pub async fn readable(
    pool: &PgPool,
    user: UserId,
    media_id: Uuid,
) -> Result<Option<Readable>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select md.mime_type, md.kind, md.file_name, md.storage_key as "storage_key!"
           from media md
           join membership m on m.tenant_id = md.tenant_id and m.app_user_id = $2
           join tenant t on t.tenant_id = md.tenant_id and t.suspended_at is null
           where md.media_id = $1 and md.state = 'stored'"#,
        media_id,
        user.0
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|row| {
        Some(Readable {
            kind: MediaKind::parse(&row.kind)?,
            mime_type: row.mime_type,
            file_name: row.file_name,
            storage_key: row.storage_key,
        })
    }))
}
