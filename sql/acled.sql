-- ACLED events that are not strikes on Ukraine (protests, riots, strategic developments,
-- non-violent sub-events, events outside Ukraine). Kept out of incident counts, not lost.
-- Append-only and versioned by row_key (= event_id_cnty) like every extra table. Idempotent:
--   duckdb strikes.duckdb -f sql/acled.sql

CREATE TABLE IF NOT EXISTS acled_other_events (
    row_key            VARCHAR NOT NULL,   -- event_id_cnty
    source_row         BIGINT,
    ingest_id          INTEGER,
    content_hash       VARCHAR,
    event_id_cnty      VARCHAR NOT NULL,
    event_date         DATE NOT NULL,
    kept_out_because   VARCHAR NOT NULL,   -- 'not a strike: <event type / sub-event type>' or 'outside Ukraine: <country>'
    disorder_type      VARCHAR,
    event_type         VARCHAR,
    sub_event_type     VARCHAR,
    actor1             VARCHAR,
    actor2             VARCHAR,
    country            VARCHAR,
    admin1             VARCHAR,
    oblast_code        VARCHAR,
    location           VARCHAR,
    latitude           DOUBLE,
    longitude          DOUBLE,
    fatalities         BIGINT,
    civilian_targeting BOOLEAN,
    reported_at        TIMESTAMP,
    source             VARCHAR,
    notes              VARCHAR
);

-- The latest version of each other event.
CREATE OR REPLACE VIEW acled_other_events_latest AS
SELECT
    CAST(row_key AS VARCHAR)             AS event_id_cnty,
    CAST(event_date AS DATE)             AS event_date,
    CAST(kept_out_because AS VARCHAR)    AS kept_out_because,
    CAST(event_type AS VARCHAR)          AS event_type,
    CAST(sub_event_type AS VARCHAR)      AS sub_event_type,
    CAST(admin1 AS VARCHAR)              AS admin1,
    CAST(oblast_code AS VARCHAR)         AS oblast_code,
    CAST(location AS VARCHAR)            AS location,
    CAST(fatalities AS BIGINT)           AS fatalities,
    CAST(civilian_targeting AS BOOLEAN)  AS civilian_targeting,
    CAST(reported_at AS TIMESTAMP)       AS reported_at,
    CAST(notes AS VARCHAR)               AS notes,
    CAST(ingest_id AS INTEGER)           AS ingest_id
FROM acled_other_events
QUALIFY row_number() OVER (PARTITION BY row_key ORDER BY ingest_id DESC) = 1;
