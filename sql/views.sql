-- Views and macros over the incident history. Idempotent.
--   duckdb strikes.duckdb -f sql/views.sql

-- The latest revision of each incident. Most incidents were never revised: their one row is
-- revision 1 and needs no ranking, so only incidents with another revision number are ranked
-- (a window over all revisions costs a sort of every row; this, a hash of the few revised).
-- (incident_id, revision) is unique, so this is the row the window over all revisions picks.
CREATE OR REPLACE VIEW incidents AS
SELECT r.*
FROM incident_revisions AS r
WHERE r.incident_id NOT IN (SELECT incident_id FROM incident_revisions WHERE revision <> 1)
UNION ALL
SELECT * EXCLUDE (rn)
FROM (
    SELECT r.*, row_number() OVER (PARTITION BY incident_id ORDER BY revision DESC) AS rn
    FROM incident_revisions AS r
    WHERE r.incident_id IN (SELECT incident_id FROM incident_revisions WHERE revision <> 1)
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
