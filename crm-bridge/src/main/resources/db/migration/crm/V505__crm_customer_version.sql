-- Optimistic concurrency for rectifications of a customer's master data (PATCH /api/crm/customers/{id}).
ALTER TABLE crm_customer ADD COLUMN version int NOT NULL DEFAULT 0;
