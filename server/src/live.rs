//! The live stream: server-sent events for the caller's tenant only.

use crate::state::ServerState;
use app::AppError;
use app::live::LiveEvent;
use app::tenants::Role;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tower_sessions::Session;

/// `GET /api/live`: events of the caller's tenant, until the client leaves or the server stops.
pub async fn stream(
    State(state): State<ServerState>,
    session: Session,
) -> Result<Sse<impl Stream<Item = Result<Event, axum::Error>>>, AppError> {
    let member = app::tenants::member_of(&state.app, &session, Role::ALL).await?;
    let tenant_id = member.tenant_id();
    let shutdown = state.shutdown.clone();
    let events =
        BroadcastStream::new(state.app.live.subscribe()).filter_map(move |message| match message {
            Ok(LiveEvent {
                tenant_id: to,
                change,
            }) if to == tenant_id => Some(Event::default().json_data(change)),
            Ok(_) => None,
            // The stream fell behind: tell the page to refetch everything.
            Err(BroadcastStreamRecvError::Lagged(_)) => {
                Some(Ok(Event::default().data(r#"{"kind":"resync"}"#)))
            }
        });
    let events = futures::StreamExt::take_until(events, async move { shutdown.cancelled().await });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
