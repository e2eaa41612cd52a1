-- strike-analytics core schema. Idempotent: safe to run on an existing database.
--   duckdb strikes.duckdb -f sql/schema.sql
-- Times are stored as naive TIMESTAMP in UTC unless a column name says otherwise.

CREATE SEQUENCE IF NOT EXISTS ingest_id_seq START 1;

CREATE TABLE IF NOT EXISTS ingests (
    ingest_id        INTEGER PRIMARY KEY,
    source           VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,
    file             VARCHAR NOT NULL,
    sha256           VARCHAR NOT NULL,
    rows_read        BIGINT NOT NULL,
    rows_new         BIGINT NOT NULL,
    rows_revised     BIGINT NOT NULL,
    rows_unchanged   BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP NOT NULL,
    package_version  VARCHAR NOT NULL,
    warnings         VARCHAR[]
);

-- Append-only: every distinct version of every incident, with the ingest that brought it.
-- A revision is added only when some content column differs (NULL-aware) from the latest one.
CREATE TABLE IF NOT EXISTS incident_revisions (
    incident_id      VARCHAR NOT NULL,
    revision         INTEGER NOT NULL,
    ingest_id        INTEGER NOT NULL,
    source_row       BIGINT NOT NULL,
    recorded_at      TIMESTAMP NOT NULL,
    source           VARCHAR NOT NULL,
    source_event_id  VARCHAR,
    occurred_on      DATE NOT NULL,
    occurred_at      TIMESTAMP,
    oblast_code      VARCHAR,
    region_raw       VARCHAR,
    settlement       VARCHAR,
    latitude         DOUBLE,
    longitude        DOUBLE,
    strike_type      VARCHAR NOT NULL,
    weapon           VARCHAR,
    target_type      VARCHAR,
    killed           BIGINT,
    killed_low       BIGINT,
    killed_high      BIGINT,
    injured          BIGINT,
    civilian         BOOLEAN,
    reported_at      TIMESTAMP,
    source_url       VARCHAR,
    notes            VARCHAR
    -- (incident_id, revision) is unique by construction in analytics/store.py and checked by
    -- the tests; no index, so a million-row ingest does not pay for an ART index build.
);

-- Rows that failed parsing or validation, with the reason. Counted in every report.
CREATE TABLE IF NOT EXISTS quarantine (
    ingest_id   INTEGER NOT NULL,
    row_number  BIGINT NOT NULL,
    raw         VARCHAR NOT NULL,   -- the row as JSON
    column_name VARCHAR,
    reason      VARCHAR NOT NULL
);

-- Accepted rows that carry a data-quality flag: the primary value was kept, some secondary value
-- (a UCDP low/high or deaths breakdown that disagrees with best) was set to NULL, raw kept in
-- notes. Written at every ingest that reads the row; `flagged_incidents` (quality.sql) keeps the
-- flags that apply to each incident's latest revision. Counted in every report.
CREATE TABLE IF NOT EXISTS data_flags (
    ingest_id   INTEGER NOT NULL,
    row_number  BIGINT NOT NULL,
    incident_id VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL
);

-- The gazetteer (filled by the package from analytics/reference/data, see analytics/reference/oblasts.py).
CREATE TABLE IF NOT EXISTS oblasts (
    code            VARCHAR PRIMARY KEY,
    katottg         VARCHAR,
    name            VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    name_uk         VARCHAR NOT NULL,
    name_ru         VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    centre          VARCHAR,
    population_2022 BIGINT,
    tile_row        INTEGER,
    tile_col        INTEGER
);

CREATE TABLE IF NOT EXISTS oblast_aliases (
    alias      VARCHAR NOT NULL,
    normalized VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,
    lang       VARCHAR,
    kind       VARCHAR
);
