-- Data-quality views across all tables and the report's summary views. Runs last (SQL_FILES
-- in analytics/store/database.py):   duckdb strikes.duckdb -f sql/quality.sql

-- How region strings resolved, per table and source: to an oblast, to a named non-oblast
-- target (attack waves only: "Ukraine", "south", a Russian region...), or not at all.
-- Unresolved rate = unresolved / rows (`strike-analytics status` prints it per source).
CREATE OR REPLACE VIEW region_resolution AS
SELECT 'incidents' AS "table", source,
       CAST(count(*) AS BIGINT) AS rows,
       CAST(count(oblast_code) AS BIGINT) AS to_oblast,
       CAST(0 AS BIGINT) AS to_named_target,
       CAST(count(*) - count(oblast_code) AS BIGINT) AS unresolved
FROM incidents GROUP BY source
UNION ALL
SELECT 'alerts', dataset || ':' || coalesce(lang, '?'),
       CAST(count(*) AS BIGINT), CAST(count(oblast_code) AS BIGINT), CAST(0 AS BIGINT),
       CAST(count(*) - count(oblast_code) AS BIGINT)
FROM alerts_latest GROUP BY ALL
UNION ALL
SELECT 'attack_wave_targets', field,
       CAST(count(*) AS BIGINT), CAST(count(oblast_code) AS BIGINT),
       CAST(count(*) FILTER (WHERE oblast_code IS NULL AND target_label IS NOT NULL) AS BIGINT),
       CAST(count(*) FILTER (WHERE oblast_code IS NULL AND target_label IS NULL) AS BIGINT)
FROM attack_wave_targets_latest
WHERE field <> 'launched_details'   -- its keys are weapon models, not places
GROUP BY ALL;

-- Quarantined rows once per file content and row (re-ingesting a file records them again
-- under the new ingest; this view counts each problem once, at its latest ingest).
CREATE OR REPLACE VIEW quarantine_current AS
SELECT q.*, i.source, i.file, i.sha256
FROM quarantine q JOIN ingests i USING (ingest_id)
QUALIFY row_number() OVER (PARTITION BY i.sha256, q.row_number ORDER BY q.ingest_id DESC) = 1;

-- Ingests per source and kind: what the report's "Sources and their ingests" table prints.
CREATE OR REPLACE VIEW ingest_summary AS
SELECT source, kind, CAST(count(*) AS BIGINT) AS ingests,
       sum(rows_read) AS rows_read, sum(rows_new) AS rows_new,
       sum(rows_revised) AS rows_revised, sum(rows_unchanged) AS rows_unchanged,
       sum(rows_quarantined) AS rows_quarantined, max(finished_at) AS last_finished_at
FROM ingests
GROUP BY ALL;

-- Quarantined rows by source, column and reason; each row of a file counts once however
-- often the file was ingested (files are told apart by their sha256).
CREATE OR REPLACE VIEW quarantine_by_reason AS
SELECT i.source, coalesce(q.column_name, '') AS column_name, q.reason,
       CAST(count(DISTINCT (i.sha256, q.row_number)) AS BIGINT) AS rows
FROM quarantine q JOIN ingests i USING (ingest_id)
GROUP BY ALL;

-- Flagged incidents: the latest revision of each incident whose most recent ingest flagged it
-- (data_flags, schema.sql), with the casualties it holds. The row counts in every total with
-- its primary value; the flag says which secondary values were set aside and why.
CREATE OR REPLACE VIEW flagged_incidents AS
WITH latest_flag AS (
    SELECT *
    FROM data_flags
    QUALIFY row_number() OVER (PARTITION BY incident_id ORDER BY ingest_id DESC, row_number) = 1
)
SELECT i.incident_id, i.source, i.occurred_on, i.oblast_code, i.killed, i.killed_low,
       i.killed_high, i.injured, f.reason, f.ingest_id AS flagged_by_ingest
FROM incidents AS i
JOIN latest_flag AS f USING (incident_id)
WHERE f.ingest_id >= i.ingest_id;

-- Flagged incidents by source and month, with the casualties they hold.
CREATE OR REPLACE VIEW flags_by_month AS
SELECT source, CAST(date_trunc('month', occurred_on) AS DATE) AS period,
       CAST(count(*) AS BIGINT) AS flagged, CAST(sum(killed) AS BIGINT) AS killed,
       CAST(sum(injured) AS BIGINT) AS injured
FROM flagged_incidents
GROUP BY ALL;

-- The quarantined incident rows with the date and casualties they hold, as far as they can be
-- read (NULL where not): the date from the canonical `occurred_on` or UCDP's `date_start`
-- (month/day/year), killed from `killed` or UCDP's `best`, injured from `injured`; a count
-- outside 0..100,000 (schema.COUNT_CEILING) is not a count anyone could publish: NULL. A report
-- counts the quarantined rows of its period (and those of unknown date) next to its headline.
CREATE OR REPLACE VIEW quarantine_casualties AS
SELECT
    q.source, q.file, q.ingest_id, q.row_number, q.column_name, q.reason,
    CAST(coalesce(
        try_cast(json_extract_string(q.raw, '$.occurred_on') AS DATE),
        try_cast(try_strptime(json_extract_string(q.raw, '$.date_start'),
                              ['%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %H:%M', '%Y-%m-%d %H:%M:%S',
                               '%Y-%m-%d']) AS DATE)
    ) AS DATE)                                                              AS occurred_on,
    CAST(CASE WHEN k BETWEEN 0 AND 100000 THEN k END AS BIGINT)        AS killed,
    CAST(CASE WHEN i BETWEEN 0 AND 100000 THEN i END AS BIGINT)        AS injured
FROM (
    SELECT *,
           coalesce(try_cast(json_extract_string(raw, '$.killed') AS BIGINT),
                    try_cast(json_extract_string(raw, '$.best') AS BIGINT)) AS k,
           try_cast(json_extract_string(raw, '$.injured') AS BIGINT) AS i
    FROM quarantine_current
) AS q
WHERE q.source NOT LIKE 'air_raid_alerts%' AND q.source NOT LIKE 'missile%';

-- The coverage calendar of every source: source x oblast x day, covered or not, with the
-- reason (incident_coverage, coverage.sql; alert_coverage, alerts.sql).
CREATE OR REPLACE VIEW coverage_calendar AS
SELECT 'incidents' AS family, source, oblast_code, day, covered, not_covered_because
FROM incident_coverage
UNION ALL
SELECT 'alerts', 'air_raid_alerts:' || dataset, oblast_code, day, covered, not_covered_because
FROM alert_coverage;
