-- Webhooks are stored one row per event (a dedup key per event, not per body), each in a lane:
-- the events of one group share a lane, and one worker at a time applies a lane, oldest first,
-- so lanes run in parallel while each group's events keep their order.
alter table webhook_event add column lane smallint not null default 0 check (lane >= 0);

-- The worker looks for lanes with due events, then takes a lane's oldest due events.
drop index webhook_event_queue_idx;
create index webhook_event_lane_idx on webhook_event (lane, webhook_event_id) where processed_at is null;
