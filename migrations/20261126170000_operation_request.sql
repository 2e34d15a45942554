-- What an operation asked WhatsApp for (the participants to remove, the settings to change), so
-- each item's outcome can be shown next to it when the webhook arrives.
alter table operation add column request_detail jsonb;
