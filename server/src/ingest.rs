//! Group commit for the webhook endpoint: concurrent requests hand their events to a writer,
//! which stores everything waiting as one multi-row insert in one transaction (with
//! `synchronous_commit` on, so one WAL flush covers them all), then answers each request. A
//! request is acknowledged only after that commit; a failed commit fails every request in it.

use app::webhooks::store::{EventRow, store_rows};
use sqlx::PgPool;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::{Mutex, mpsc, oneshot};

/// Writers per process. Two let one batch be inserted while the other's commit is flushed.
const WRITERS: usize = 2;
/// The most rows one transaction takes; more wait for the next one.
const MAX_ROWS: usize = 1_000;
/// Requests that may wait for a writer before new ones wait to be queued.
const QUEUE: usize = 10_000;
/// Requests waiting at once from which the endpoint counts as busy ([`Pressure::busy`]): far
/// above what 2,000 webhooks/s keep waiting (a few), reached only when senders outrun the disk.
const BUSY: usize = 32;

/// Storing failed; nothing of the request is known to be stored.
#[derive(Debug, thiserror::Error)]
#[error("the webhook events could not be stored")]
pub struct NotStored;

struct Job {
    rows: Vec<EventRow>,
    reply: oneshot::Sender<Result<Vec<bool>, NotStored>>,
}

/// The handle requests use; cheap to clone. The writers stop when every handle is gone.
#[derive(Clone)]
pub struct Ingest {
    jobs: mpsc::Sender<Job>,
    waiting: Pressure,
}

/// How many requests wait for their events to be stored; cheap to clone.
#[derive(Clone, Default)]
pub struct Pressure(Arc<AtomicUsize>);

impl Pressure {
    /// Whether many requests wait: the background work that competes for the same CPU and
    /// disk ([`crate::worker`]) then gives way for a moment.
    pub fn busy(&self) -> bool {
        self.0.load(Ordering::Relaxed) >= BUSY
    }

    /// Counts a request as waiting until the returned guard is dropped (answered, or its sender
    /// hung up).
    fn waiting(&self) -> Waiting<'_> {
        self.0.fetch_add(1, Ordering::Relaxed);
        Waiting(&self.0)
    }
}

impl Ingest {
    /// Starts the writers.
    pub fn start(pool: PgPool) -> Self {
        let (jobs, receiver) = mpsc::channel(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        for _ in 0..WRITERS {
            tokio::spawn(write(pool.clone(), receiver.clone()));
        }
        Self {
            jobs,
            waiting: Pressure::default(),
        }
    }

    /// The endpoint's load, for the workers that give way to it.
    pub fn pressure(&self) -> Pressure {
        self.waiting.clone()
    }

    /// Stores `rows` durably; says per row whether it was new (false: a redelivery).
    pub async fn store(&self, rows: Vec<EventRow>) -> Result<Vec<bool>, NotStored> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let _waiting = self.waiting.waiting();
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { rows, reply })
            .await
            .map_err(|_| NotStored)?;
        answer.await.map_err(|_| NotStored)?
    }
}

/// A request counted by [`Pressure::waiting`].
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// One writer: takes whatever requests wait (at least one), stores them in one transaction,
/// answers them, repeats.
async fn write(pool: PgPool, receiver: Arc<Mutex<mpsc::Receiver<Job>>>) {
    loop {
        let batch = {
            let mut receiver = receiver.lock().await;
            let Some(first) = receiver.recv().await else {
                return;
            };
            let mut rows = first.rows.len();
            let mut batch = vec![first];
            while rows < MAX_ROWS {
                match receiver.try_recv() {
                    Ok(job) => {
                        rows += job.rows.len();
                        batch.push(job);
                    }
                    Err(_) => break,
                }
            }
            batch
        };
        let mut rows = Vec::new();
        let mut replies = Vec::with_capacity(batch.len());
        for job in batch {
            replies.push((job.rows.len(), job.reply));
            rows.extend(job.rows);
        }
        match store_rows(&pool, &rows).await {
            Ok(new) => {
                let mut new = new.into_iter();
                for (count, reply) in replies {
                    let _ = reply.send(Ok(new.by_ref().take(count).collect()));
                }
            }
            Err(error) => {
                tracing::error!(error = %error, requests = replies.len(), "webhook batch not stored");
                for (_, reply) in replies {
                    let _ = reply.send(Err(NotStored));
                }
            }
        }
    }
}
