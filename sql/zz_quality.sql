-- Data-quality views across all tables. Runs after the per-source files (name order).
--   duckdb strikes.duckdb -f sql/zz_quality.sql

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
