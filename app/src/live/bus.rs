//! In-process fan-out of live events to the streams of open browsers.

use super::LiveEvent;
use tokio::sync::broadcast;

/// How many events a slow stream may lag before it is told to refetch everything.
const CAPACITY: usize = 1024;

/// The publisher side of live updates. Cheap to clone.
#[derive(Clone)]
pub struct LiveBus {
    sender: broadcast::Sender<LiveEvent>,
}

impl Default for LiveBus {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(CAPACITY);
        Self { sender }
    }
}

impl LiveBus {
    /// Sends an event to every open stream (nobody listening is fine).
    pub fn publish(&self, event: LiveEvent) {
        let _ = self.sender.send(event);
    }

    /// A receiver for one stream.
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }
}
