-- The worker takes the oldest unprocessed event; without this it filtered processed rows first.
create index webhook_event_queue_idx on webhook_event (webhook_event_id) where processed_at is null;
