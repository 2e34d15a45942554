-- When the suspension flag last changed, by WhatsApp's clock, so a late webhook cannot undo a newer one.
alter table whatsapp_group add column suspension_changed_at timestamptz;
