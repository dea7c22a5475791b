-- The shop's own customers table, as it was before the kit (the worked example in docs/webshop-kit.md).
CREATE TABLE customers (
  cust_no serial PRIMARY KEY,
  mail text,
  company text,
  first_name text,
  last_name text,
  phone text,
  org_no text,
  updated timestamptz NOT NULL DEFAULT now()
);

-- What the kit needs added: the version, the creation time, the worker's external ids, the contract's fields the
-- table has no column for, and the normalised lookup keys the kit computes (indexed, so lookups stay fast).
ALTER TABLE customers
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN external_ids jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN kit_fields jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN email_key text,
  ADD COLUMN organization_number_key text,
  ADD COLUMN department_code_key text;
CREATE INDEX customers_feed ON customers (updated, cust_no);
CREATE INDEX customers_email_key ON customers (email_key);
CREATE INDEX customers_organization_number_key ON customers (organization_number_key);
CREATE INDEX customers_department_code_key ON customers (department_code_key);
CREATE INDEX customers_external_ids ON customers USING gin (external_ids jsonb_path_ops);

-- Rows that existed before: whole milliseconds (the feed's unit), their lookup keys, and a clock that starts after
-- the latest of them. Run after the kit's own migration (migrations/postgres/0001_webshop_kit.sql).
UPDATE customers SET
  updated = date_trunc('milliseconds', updated),
  created_at = date_trunc('milliseconds', created_at),
  email_key = lower(btrim(mail)),
  organization_number_key = nullif(regexp_replace(org_no, '\D', '', 'g'), ''),
  kit_fields = jsonb_build_object('kind', CASE WHEN company IS NULL THEN 'person' ELSE 'company' END);
UPDATE webshop_kit_clock
  SET last_ms = GREATEST(last_ms, (SELECT coalesce(floor(extract(epoch FROM max(updated)) * 1000), 0) FROM customers));
