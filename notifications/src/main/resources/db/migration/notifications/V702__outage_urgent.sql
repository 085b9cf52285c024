-- Urgent outages (hazards): with notifications.voice.urgent, customers who get an SMS are called as well.
ALTER TABLE notify_outage ADD COLUMN urgent boolean NOT NULL DEFAULT false;
