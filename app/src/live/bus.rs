//! In-process fan-out of live events to the streams of open browsers. Events reach the bus from
//! the database (see [`super::store`]), so every server process sees every event.

use super::LiveEvent;
use std::sync::Arc;
use tokio::sync::broadcast;

/// How many events a slow stream may lag before it is told to refetch everything.
const CAPACITY: usize = 4096;

/// A live event with its durable, increasing ID (the SSE `id:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    /// The `live_event` row ID.
    pub id: i64,
    /// The event.
    pub event: LiveEvent,
    /// The event as one server-sent event (`id:` and `data:` lines), rendered once here rather
    /// than once per open stream.
    pub frame: Arc<str>,
}

impl Numbered {
    /// Numbers `event` and renders its frame.
    pub fn new(id: i64, event: LiveEvent) -> Self {
        let data = serde_json::to_string(&event.change).unwrap_or_else(|_| "{}".to_owned());
        let frame = format!("id: {id}\ndata: {data}\n\n").into();
        Self { id, event, frame }
    }
}

/// The fan-out side of live updates. Cheap to clone.
#[derive(Clone)]
pub struct LiveBus {
    sender: broadcast::Sender<Numbered>,
}

impl Default for LiveBus {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(CAPACITY);
        Self { sender }
    }
}

impl LiveBus {
    /// Hands a stored event to every open stream of this process (nobody listening is fine).
    pub fn send(&self, event: Numbered) {
        let _ = self.sender.send(event);
    }

    /// A receiver for one stream.
    pub fn subscribe(&self) -> broadcast::Receiver<Numbered> {
        self.sender.subscribe()
    }
}
