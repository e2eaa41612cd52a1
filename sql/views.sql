-- Views and macros over the incident history. Idempotent.
--   duckdb strikes.duckdb -f sql/views.sql

-- The latest revision of each incident.
CREATE OR REPLACE VIEW incidents AS
SELECT * EXCLUDE (rn)
FROM (
    SELECT r.*, row_number() OVER (PARTITION BY incident_id ORDER BY revision DESC) AS rn
    FROM incident_revisions AS r
)
WHERE rn = 1;

-- What the database knew at a past moment `ts` (UTC): the latest revision among the ingests
-- that had finished (committed) by then. This is what a report published at `ts` showed.
CREATE OR REPLACE MACRO incidents_as_of(ts) AS TABLE
SELECT * EXCLUDE (rn)
FROM (
    SELECT r.*, row_number() OVER (PARTITION BY incident_id ORDER BY revision DESC) AS rn
    FROM incident_revisions AS r
    WHERE r.ingest_id IN (SELECT ingest_id FROM ingests WHERE finished_at <= CAST(ts AS TIMESTAMP))
)
WHERE rn = 1;

-- Casualty sums keep NULL apart from zero: killed/injured are sums of *reported* values
-- (NULL when no incident in the cell reported one); *_reported counts incidents with a value.
CREATE OR REPLACE VIEW daily_oblast AS
SELECT
    CAST(occurred_on AS DATE)              AS period,
    oblast_code,
    CAST(count(*) AS BIGINT)               AS incidents,
    CAST(sum(killed) AS BIGINT)            AS killed,
    CAST(sum(injured) AS BIGINT)           AS injured,
    CAST(count(killed) AS BIGINT)          AS killed_reported,
    CAST(count(injured) AS BIGINT)         AS injured_reported
FROM incidents
GROUP BY ALL;

CREATE OR REPLACE VIEW weekly_oblast AS
SELECT
    CAST(date_trunc('week', occurred_on) AS DATE) AS period,   -- ISO week, starts Monday
    oblast_code,
    CAST(count(*) AS BIGINT)               AS incidents,
    CAST(sum(killed) AS BIGINT)            AS killed,
    CAST(sum(injured) AS BIGINT)           AS injured,
    CAST(count(killed) AS BIGINT)          AS killed_reported,
    CAST(count(injured) AS BIGINT)         AS injured_reported
FROM incidents
GROUP BY ALL;

CREATE OR REPLACE VIEW monthly_oblast AS
SELECT
    CAST(date_trunc('month', occurred_on) AS DATE) AS period,
    oblast_code,
    CAST(count(*) AS BIGINT)               AS incidents,
    CAST(sum(killed) AS BIGINT)            AS killed,
    CAST(sum(injured) AS BIGINT)           AS injured,
    CAST(count(killed) AS BIGINT)          AS killed_reported,
    CAST(count(injured) AS BIGINT)         AS injured_reported
FROM incidents
GROUP BY ALL;

-- Region strings that did not resolve to an oblast, most common first.
CREATE OR REPLACE VIEW unresolved_regions AS
SELECT source, region_raw, CAST(count(*) AS BIGINT) AS incidents
FROM incidents
WHERE oblast_code IS NULL
GROUP BY ALL
ORDER BY incidents DESC, source, region_raw;

-- How late data arrived: days between the event and the ingest of each revision.
CREATE OR REPLACE VIEW revision_lag AS
SELECT
    incident_id, revision, source, occurred_on, recorded_at,
    CAST(date_diff('day', occurred_on, CAST(recorded_at AS DATE)) AS BIGINT) AS lag_days
FROM incident_revisions;
