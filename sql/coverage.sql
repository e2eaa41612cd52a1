-- Coverage: which source covers which oblast on which day. Idempotent; runs after views.sql.
--   duckdb strikes.duckdb -f sql/coverage.sql
-- A count of 0 is only a zero where some source was watching. Each incident source covers,
-- from its first to its last incident (its own range), every day except its internal gaps
-- (source_gaps: 4+ ISO weeks without an incident), and only the units (oblasts) it lists at
-- least once: a unit a source never names is not covered by it. Days outside a source's range
-- have no row. Alerts have their own calendar (alert_coverage, alerts.sql); coverage_calendar
-- (quality.sql) is the union of both.

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

-- Source x day, national: covered unless the day's ISO week lies in one of the source's gaps.
CREATE OR REPLACE VIEW source_day_coverage AS
WITH spans AS (
    SELECT source, min(occurred_on) AS lo, max(occurred_on) AS hi FROM incidents GROUP BY source
),
days AS (
    SELECT s.source, CAST(t.d AS DATE) AS day
    FROM spans AS s, LATERAL (
        SELECT unnest(generate_series(CAST(s.lo AS TIMESTAMP), CAST(s.hi AS TIMESTAMP),
                                      INTERVAL 1 DAY)) AS d
    ) AS t
)
SELECT d.source, d.day, CAST(count(g.source) = 0 AS BOOLEAN) AS covered
FROM days AS d
LEFT JOIN source_gaps AS g
  ON g.source = d.source
 AND CAST(date_trunc('week', d.day) AS DATE) BETWEEN g.first_empty_week AND g.last_empty_week
GROUP BY ALL;

-- The incident coverage calendar: source x oblast (all 27 units) x day of the source's range.
-- not_covered_because: 'gap' (an internal gap of the source) or 'unit never listed'.
CREATE OR REPLACE VIEW incident_coverage AS
WITH listed AS (
    SELECT DISTINCT source, oblast_code FROM incidents WHERE oblast_code IS NOT NULL
)
SELECT
    CAST(d.source AS VARCHAR)                         AS source,
    CAST(o.code AS VARCHAR)                           AS oblast_code,
    CAST(d.day AS DATE)                               AS day,
    CAST(d.covered AND l.oblast_code IS NOT NULL AS BOOLEAN) AS covered,
    CAST(CASE WHEN l.oblast_code IS NULL THEN 'unit never listed'
              WHEN NOT d.covered THEN 'gap' END AS VARCHAR) AS not_covered_because
FROM source_day_coverage AS d
CROSS JOIN oblasts AS o
LEFT JOIN listed AS l ON l.source = d.source AND l.oblast_code = o.code;

-- Oblast x day covered by at least one incident source; oblast_code 'UA' = national (a source
-- covers the nation on every day of its range outside its gaps, whatever units it lists).
CREATE OR REPLACE VIEW incident_day_coverage AS
SELECT oblast_code, day, CAST(bool_or(covered) AS BOOLEAN) AS covered,
       CAST(string_agg(source, ',' ORDER BY source) FILTER (WHERE covered) AS VARCHAR) AS sources
FROM incident_coverage
GROUP BY ALL
UNION ALL
SELECT 'UA', day, CAST(bool_or(covered) AS BOOLEAN),
       CAST(string_agg(source, ',' ORDER BY source) FILTER (WHERE covered) AS VARCHAR)
FROM source_day_coverage
GROUP BY ALL;

-- Covered days per period and oblast ('UA' = national). covered = EVERY day of the period is
-- covered (a partly covered period is a lower bound, not a figure to model); covered_days
-- says how much of it is.
CREATE OR REPLACE VIEW daily_coverage AS
SELECT day AS period, oblast_code, CAST(covered AS BOOLEAN) AS covered,
       CAST(CASE WHEN covered THEN 1 ELSE 0 END AS BIGINT) AS covered_days
FROM incident_day_coverage;

CREATE OR REPLACE VIEW weekly_coverage AS
SELECT CAST(date_trunc('week', day) AS DATE) AS period, oblast_code,
       CAST(count(*) FILTER (WHERE covered) = 7 AS BOOLEAN) AS covered,
       CAST(count(*) FILTER (WHERE covered) AS BIGINT) AS covered_days
FROM incident_day_coverage
GROUP BY ALL;

CREATE OR REPLACE VIEW monthly_coverage AS
SELECT period, oblast_code,
       CAST(covered_days = date_diff('day', period, CAST(period + INTERVAL 1 MONTH AS DATE))
            AS BOOLEAN) AS covered,
       covered_days
FROM (
    SELECT CAST(date_trunc('month', day) AS DATE) AS period, oblast_code,
           CAST(count(*) FILTER (WHERE covered) AS BIGINT) AS covered_days
    FROM incident_day_coverage
    GROUP BY ALL
);

-- National coverage of each source by ISO week and month (covered = every day of the period
-- covered by that source), for series that read chosen sources only (report, --source).
CREATE OR REPLACE VIEW weekly_source_coverage AS
SELECT CAST(date_trunc('week', day) AS DATE) AS period, source,
       CAST(count(*) FILTER (WHERE covered) = 7 AS BOOLEAN) AS covered,
       CAST(count(*) FILTER (WHERE covered) AS BIGINT) AS covered_days
FROM source_day_coverage
GROUP BY 1, 2;

CREATE OR REPLACE VIEW monthly_source_coverage AS
SELECT period, source,
       CAST(covered_days = date_diff('day', period, CAST(period + INTERVAL 1 MONTH AS DATE))
            AS BOOLEAN) AS covered,
       covered_days
FROM (
    SELECT CAST(date_trunc('month', day) AS DATE) AS period, source,
           CAST(count(*) FILTER (WHERE covered) AS BIGINT) AS covered_days
    FROM source_day_coverage
    GROUP BY 1, 2
);
