-- The city's store (docs/city-protocol.md). Times of tickets are epoch milliseconds (bigint),
-- exactly as centres measure them, so that the city's figures equal each hub's.

CREATE TABLE city_users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'viewer')),
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE city_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES city_users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX city_tokens_user ON city_tokens (user_id);

CREATE TABLE centres (
  id bigserial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  public_key text,
  enrolled_at timestamptz,
  acked_seq bigint NOT NULL DEFAULT 0,
  last_report_at timestamptz,
  live jsonb,
  live_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One-time codes: only their hash is kept; a new code for a centre replaces the old one.
CREATE TABLE enrolment_codes (
  centre_id bigint PRIMARY KEY REFERENCES centres (id) ON DELETE CASCADE,
  code_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- The latest state of each ticket of each centre: the highest version wins.
CREATE TABLE tickets (
  centre_id bigint NOT NULL REFERENCES centres (id),
  id text NOT NULL,
  service_day date NOT NULL,
  field_code text NOT NULL,
  field_name text NOT NULL,
  procedure_codes jsonb NOT NULL,
  priority text,
  channel text NOT NULL,
  status text NOT NULL,
  issued_at bigint NOT NULL,
  called_at bigint,
  started_at bigint,
  finished_at bigint,
  counter_number integer,
  officer text,
  recall_count integer NOT NULL,
  rating smallint,
  version bigint NOT NULL,
  PRIMARY KEY (centre_id, id)
);
-- Figures over a period for one centre or all of them read by day.
CREATE INDEX tickets_centre_day ON tickets (centre_id, service_day);
CREATE INDEX tickets_day ON tickets (service_day);

-- Each closed day's figures as the centre computed them, and whether the city's own agree.
CREATE TABLE centre_days (
  centre_id bigint NOT NULL REFERENCES centres (id),
  date date NOT NULL,
  figures jsonb NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  reconciled boolean NOT NULL DEFAULT false,
  PRIMARY KEY (centre_id, date)
);

CREATE TABLE city_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
