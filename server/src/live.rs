//! Live updates: server-sent events for the caller's tenant only, resumable with
//! `Last-Event-ID`, fed from PostgreSQL so every server process streams every event.

use crate::state::ServerState;
use app::AppError;
use app::live::{LiveBus, Numbered, store};
use app::tenants::Role;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, header};
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use std::convert::Infallible;
use std::time::Duration;
use tokio::time::Instant;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::IntervalStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_util::sync::CancellationToken;
use tower_sessions::Session;

/// How often the listener looks for events even without a notification (a lost `NOTIFY`,
/// a reconnect).
const POLL: Duration = Duration::from_secs(1);
/// How long the relay waits for a hole in the event numbers to fill (see [`relay`]).
const HOLE_PATIENCE: Duration = Duration::from_secs(1);
/// How often the relay looks again while it waits for a hole.
const HOLE_POLL: Duration = Duration::from_millis(5);
/// How often old events are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// How often an idle stream sends a comment, so proxies and browsers keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// The most events one write carries.
const WRITE_BATCH: usize = 256;

/// Appends one event in the `text/event-stream` format: its ID (for `Last-Event-ID`) and its
/// change as one line of JSON, rendered once per event (see [`Numbered::new`]).
fn push_event(out: &mut String, numbered: &Numbered) {
    out.push_str(&numbered.frame);
}

/// `GET /api/live`: events of the caller's tenant, until the client leaves or the server stops.
/// A reconnecting browser sends `Last-Event-ID`; what it missed is replayed first. Events that
/// are ready together go out in one write (under load, one write instead of hundreds per
/// stream), each still a separate server-sent event.
pub async fn stream(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let member = app::tenants::member_of(&state.app, &session, Role::ALL).await?;
    let tenant_id = member.tenant_id();
    let last_seen = headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<i64>().ok());
    // Subscribe before reading the backlog, so nothing falls between the two.
    let receiver = state.app.live.subscribe();
    let backlog = match last_seen {
        Some(after) => store::tenant_after(&state.app.pool, tenant_id, after).await?,
        None => Vec::new(),
    };
    let mut newest = backlog
        .last()
        .map(|event| event.id)
        .or(last_seen)
        .unwrap_or(0);
    let mut replay = String::new();
    for event in &backlog {
        push_event(&mut replay, event);
    }
    let live = futures::StreamExt::ready_chunks(BroadcastStream::new(receiver), WRITE_BATCH)
        .filter_map(move |batch| {
            let mut out = String::new();
            for message in batch {
                match message {
                    Ok(numbered)
                        if numbered.event.tenant_id == tenant_id && numbered.id > newest =>
                    {
                        newest = numbered.id;
                        push_event(&mut out, &numbered);
                    }
                    Ok(_) => {}
                    // The stream fell behind: tell the page to refetch everything.
                    Err(BroadcastStreamRecvError::Lagged(_)) => {
                        out.push_str("data: {\"kind\":\"resync\"}\n\n");
                    }
                }
            }
            (!out.is_empty()).then_some(out)
        });
    let keep_alive = IntervalStream::new(tokio::time::interval_at(
        Instant::now() + KEEP_ALIVE,
        KEEP_ALIVE,
    ))
    .map(|_| ":\n\n".to_owned());
    let first = (!replay.is_empty()).then_some(replay);
    let events = futures::stream::select(tokio_stream::iter(first).chain(live), keep_alive);
    let shutdown = state.shutdown.clone();
    let events = futures::StreamExt::take_until(events, async move { shutdown.cancelled().await })
        .map(|chunk| Ok::<_, Infallible>(Bytes::from(chunk)));
    Ok((
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
            (HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        Body::from_stream(events),
    )
        .into_response())
}

/// Moves stored events to this process's bus: woken by `NOTIFY`, polling as a safety net, and
/// pruning old events now and then. Runs until `shutdown`.
///
/// Each event is read once per process and sent to every local stream. Events are numbered when
/// they are inserted but become visible when their transaction commits, and transactions commit
/// in any order: a hole in the numbers may be an event still committing. The relay waits for a
/// hole (woken by that commit's `NOTIFY`, looking again every few milliseconds) for up to
/// [`HOLE_PATIENCE`], so it neither skips a late event nor sends events out of order; a hole
/// still empty after that was a rolled-back insert and is passed over.
pub async fn relay(pool: PgPool, bus: LiveBus, shutdown: CancellationToken) {
    let mut last = match store::latest(&pool).await {
        Ok(id) => id,
        Err(error) => {
            tracing::error!(error = %error, "live relay could not start");
            0
        }
    };
    let mut listener = listen(&pool).await;
    let mut last_prune = tokio::time::Instant::now();
    let mut hole_since: Option<tokio::time::Instant> = None;
    loop {
        let notified = async {
            match listener.as_mut() {
                Some(listener) => listener.recv().await.is_ok(),
                None => std::future::pending().await,
            }
        };
        let wait = if hole_since.is_some() {
            HOLE_POLL
        } else {
            POLL
        };
        tokio::select! {
            ok = notified => if !ok { listener = listen(&pool).await; },
            () = tokio::time::sleep(wait) => {}
            () = shutdown.cancelled() => return,
        }
        'read: loop {
            let events = match store::after(&pool, last).await {
                Ok(events) if events.is_empty() => break,
                Ok(events) => events,
                Err(error) => {
                    tracing::warn!(error = %error, "live relay could not read events");
                    break;
                }
            };
            for event in events {
                if event.id != last + 1 {
                    let since = *hole_since.get_or_insert_with(tokio::time::Instant::now);
                    if since.elapsed() < HOLE_PATIENCE {
                        break 'read;
                    }
                }
                hole_since = None;
                last = event.id;
                bus.send(event);
            }
        }
        if last_prune.elapsed() >= PRUNE_EVERY {
            last_prune = tokio::time::Instant::now();
            if let Err(error) = store::prune(&pool).await {
                tracing::warn!(error = %error, "could not prune live events");
            }
        }
    }
}

async fn listen(pool: &PgPool) -> Option<PgListener> {
    let mut listener = match PgListener::connect_with(pool).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::warn!(error = %error, "live relay cannot LISTEN; polling instead");
            return None;
        }
    };
    match listener.listen(store::CHANNEL).await {
        Ok(()) => Some(listener),
        Err(error) => {
            tracing::warn!(error = %error, "live relay cannot LISTEN; polling instead");
            None
        }
    }
}
