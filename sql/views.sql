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
