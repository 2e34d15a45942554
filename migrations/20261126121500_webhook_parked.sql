-- An event whose application kept failing is parked for a person to look at and replay.
alter table webhook_event drop constraint webhook_event_outcome_check;
alter table webhook_event add constraint webhook_event_outcome_check
    check (outcome in ('applied', 'unmatched', 'quarantined', 'unreadable', 'parked'));
create index webhook_event_set_aside_idx on webhook_event (received_at)
    where outcome in ('unmatched', 'quarantined', 'unreadable', 'parked');
