//! `GET /api/audit.csv`: the tenant's audit entries matching the filter, streamed as CSV while
//! the database returns them (admins and support only).

use crate::state::ServerState;
use app::AppError;
use app::audit::csv;
use app::audit::filter::AuditFilter;
use app::tenants::{Role, member_of};
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio_stream::wrappers::ReceiverStream;
use tower_sessions::Session;

/// The filter, as the audit page's form sends it.
#[derive(Debug, Deserialize)]
pub struct CsvQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// Streams the CSV; the role is checked before anything is read.
pub async fn export(
    State(state): State<ServerState>,
    session: Session,
    Query(query): Query<CsvQuery>,
) -> Result<Response, AppError> {
    let member = member_of(&state.app, &session, &[Role::Admin, Role::Support]).await?;
    let filter = AuditFilter::parse(&query.action, &query.from, &query.to)?;
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(64);
    let pool = state.app.pool.clone();
    tokio::spawn(async move {
        if sender
            .send(Ok(Bytes::from_static(csv::HEADER.as_bytes())))
            .await
            .is_err()
        {
            return;
        }
        let result = app::audit::db::each(&pool, &member, &filter, i64::MAX, |row| {
            let sender = sender.clone();
            // A client that went away ends the export.
            async move { sender.send(Ok(Bytes::from(csv::line(&row)))).await.is_ok() }
        })
        .await;
        if let Err(error) = result {
            tracing::error!(error = %error, "audit export failed");
            let _ = sender
                .send(Err(std::io::Error::other("audit export failed")))
                .await;
        }
    });
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"groupdesk-audit.csv\"",
        ),
        (header::CACHE_CONTROL, "no-store"),
    ];
    Ok((headers, Body::from_stream(ReceiverStream::new(receiver))).into_response())
}
