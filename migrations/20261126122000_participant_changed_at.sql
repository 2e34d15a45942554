-- When a participant last joined or left, by WhatsApp's clock, so events applied out of order
-- end in the same state. A removal that arrives before the join leaves a row with left_at set.
alter table participant add column changed_at timestamptz;
alter table participant alter column joined_at drop not null;
