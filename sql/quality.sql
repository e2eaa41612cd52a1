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

-- Coverage gaps: runs of 4 or more ISO weeks without a single incident from a source, between
-- its first and last incident. A source that reports nothing for weeks in the middle of its
-- range may have stopped covering (UCDP's Ukraine export of 2023 covers 2022 only in parts):
-- zero-filled counts over such a gap would read as "no strikes", which the data do not say.
CREATE OR REPLACE VIEW source_gaps AS
WITH weeks AS (
    SELECT source, CAST(date_trunc('week', occurred_on) AS DATE) AS week,
           CAST(count(*) AS BIGINT) AS incidents
    FROM incidents GROUP BY ALL
),
spans AS (
    SELECT source, min(week) AS first_week, max(week) AS last_week FROM weeks GROUP BY source
),
calendar AS (
    SELECT s.source, CAST(w.week AS DATE) AS week
    FROM spans s, LATERAL (
        SELECT unnest(generate_series(s.first_week, s.last_week, INTERVAL 7 DAY)) AS week
    ) w
),
marked AS (
    SELECT c.source, c.week, coalesce(w.incidents, 0) AS incidents,
           row_number() OVER (PARTITION BY c.source ORDER BY c.week)
             - row_number() OVER (PARTITION BY c.source, coalesce(w.incidents, 0) = 0
                                  ORDER BY c.week) AS island
    FROM calendar c LEFT JOIN weeks w USING (source, week)
)
SELECT source, min(week) AS first_empty_week, max(week) AS last_empty_week,
       CAST(count(*) AS BIGINT) AS empty_weeks
FROM marked
WHERE incidents = 0
GROUP BY source, island
HAVING count(*) >= 4
ORDER BY source, first_empty_week;

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
