-- Which identity key sealed each national ID / organisation number, so values under a new and a retired key coexist
-- while ./contact-centre keys rotate re-encrypts them. NULL: sealed before key ids were recorded (any key may open it).
ALTER TABLE crm_customer ADD COLUMN identity_key_id text;
CREATE INDEX crm_customer_identity_key ON crm_customer (identity_key_id);
