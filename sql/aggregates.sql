-- Aggregate views: the expected answers for analytics/aggregate.py (parity tests). Idempotent.
--   duckdb strikes.duckdb -f sql/aggregates.sql
-- Runs after schema.sql, views.sql and coverage.sql (it reads the `incidents` view: latest
-- revisions, and the *_coverage views).
-- Casualty sums keep NULL apart from zero; counts are zero-filled in the panels.

-- Incidents per period and oblast (NULL oblast = not resolved). Casualty sums keep NULL apart
-- from zero: killed/injured are sums of *reported* values (NULL when no incident in the cell
-- reported one); *_reported counts incidents with a value. Ranges: killed_low/killed_high sum
-- each incident's own range; an incident without one (a source that gives a single figure, or
-- a UCDP bound set aside as inconsistent) contributes its killed to both, so
-- killed_low <= killed <= killed_high cell by cell. covered/covered_days come from
-- coverage.sql (rows with a NULL oblast take the national coverage).
CREATE OR REPLACE VIEW daily_oblast AS
SELECT c.*, CAST(coalesce(v.covered, false) AS BOOLEAN) AS covered,
       CAST(coalesce(v.covered_days, 0) AS BIGINT) AS covered_days
FROM (
    SELECT
        CAST(occurred_on AS DATE)                                  AS period,
        oblast_code,
        CAST(count(*) AS BIGINT)               AS incidents,
        CAST(sum(killed) AS BIGINT)            AS killed,
        CAST(sum(injured) AS BIGINT)           AS injured,
        CAST(count(killed) AS BIGINT)          AS killed_reported,
        CAST(count(injured) AS BIGINT)         AS injured_reported,
        CAST(sum(coalesce(killed_low, killed)) AS BIGINT)  AS killed_low,
        CAST(sum(coalesce(killed_high, killed)) AS BIGINT) AS killed_high
    FROM incidents
    GROUP BY ALL
) AS c
LEFT JOIN daily_coverage AS v
  ON v.period = c.period AND v.oblast_code = coalesce(c.oblast_code, 'UA');

CREATE OR REPLACE VIEW weekly_oblast AS
SELECT c.*, CAST(coalesce(v.covered, false) AS BOOLEAN) AS covered,
       CAST(coalesce(v.covered_days, 0) AS BIGINT) AS covered_days
FROM (
    SELECT
        CAST(date_trunc('week', occurred_on) AS DATE)                                  AS period,
        oblast_code,
        CAST(count(*) AS BIGINT)               AS incidents,
        CAST(sum(killed) AS BIGINT)            AS killed,
        CAST(sum(injured) AS BIGINT)           AS injured,
        CAST(count(killed) AS BIGINT)          AS killed_reported,
        CAST(count(injured) AS BIGINT)         AS injured_reported,
        CAST(sum(coalesce(killed_low, killed)) AS BIGINT)  AS killed_low,
        CAST(sum(coalesce(killed_high, killed)) AS BIGINT) AS killed_high
    FROM incidents
    GROUP BY ALL
) AS c
LEFT JOIN weekly_coverage AS v
  ON v.period = c.period AND v.oblast_code = coalesce(c.oblast_code, 'UA');

CREATE OR REPLACE VIEW monthly_oblast AS
SELECT c.*, CAST(coalesce(v.covered, false) AS BOOLEAN) AS covered,
       CAST(coalesce(v.covered_days, 0) AS BIGINT) AS covered_days
FROM (
    SELECT
        CAST(date_trunc('month', occurred_on) AS DATE)                                  AS period,
        oblast_code,
        CAST(count(*) AS BIGINT)               AS incidents,
        CAST(sum(killed) AS BIGINT)            AS killed,
        CAST(sum(injured) AS BIGINT)           AS injured,
        CAST(count(killed) AS BIGINT)          AS killed_reported,
        CAST(count(injured) AS BIGINT)         AS injured_reported,
        CAST(sum(coalesce(killed_low, killed)) AS BIGINT)  AS killed_low,
        CAST(sum(coalesce(killed_high, killed)) AS BIGINT) AS killed_high
    FROM incidents
    GROUP BY ALL
) AS c
LEFT JOIN monthly_coverage AS v
  ON v.period = c.period AND v.oblast_code = coalesce(c.oblast_code, 'UA');

-- The same by source as well: a series that reads chosen sources (the report, --source) sums
-- these over `source IN (...)`; two sources are summed only when both are named.
CREATE OR REPLACE VIEW weekly_source_oblast AS
SELECT
    CAST(date_trunc('week', occurred_on) AS DATE)                                  AS period,
    source,
    oblast_code,
    CAST(count(*) AS BIGINT)               AS incidents,
    CAST(sum(killed) AS BIGINT)            AS killed,
    CAST(sum(injured) AS BIGINT)           AS injured,
    CAST(count(killed) AS BIGINT)          AS killed_reported,
    CAST(count(injured) AS BIGINT)         AS injured_reported,
    CAST(sum(coalesce(killed_low, killed)) AS BIGINT)  AS killed_low,
    CAST(sum(coalesce(killed_high, killed)) AS BIGINT) AS killed_high
FROM incidents
GROUP BY ALL;

CREATE OR REPLACE VIEW monthly_source_oblast AS
SELECT
    CAST(date_trunc('month', occurred_on) AS DATE)                                  AS period,
    source,
    oblast_code,
    CAST(count(*) AS BIGINT)               AS incidents,
    CAST(sum(killed) AS BIGINT)            AS killed,
    CAST(sum(injured) AS BIGINT)           AS injured,
    CAST(count(killed) AS BIGINT)          AS killed_reported,
    CAST(count(injured) AS BIGINT)         AS injured_reported,
    CAST(sum(coalesce(killed_low, killed)) AS BIGINT)  AS killed_low,
    CAST(sum(coalesce(killed_high, killed)) AS BIGINT) AS killed_high
FROM incidents
GROUP BY ALL;

-- ACLED's week: Saturday to Friday, labelled by its Saturday (dayofweek: Sunday = 0).
CREATE OR REPLACE VIEW acled_weekly_oblast AS
SELECT
    CAST(occurred_on - CAST((dayofweek(occurred_on) + 1) % 7 AS INTEGER) AS DATE) AS period,
    oblast_code,
    CAST(count(*) AS BIGINT)               AS incidents,
    CAST(sum(killed) AS BIGINT)            AS killed,
    CAST(sum(injured) AS BIGINT)           AS injured,
    CAST(count(killed) AS BIGINT)          AS killed_reported,
    CAST(count(injured) AS BIGINT)         AS injured_reported
FROM incidents
GROUP BY ALL;

-- Incidents by ISO week and strike type, with each type's share of the week.
CREATE OR REPLACE VIEW weekly_strike_type AS
SELECT
    period, strike_type, incidents,
    CAST(incidents AS DOUBLE) / sum(incidents) OVER (PARTITION BY period) AS share
FROM (
    SELECT
        CAST(date_trunc('week', occurred_on) AS DATE) AS period,
        strike_type,
        CAST(count(*) AS BIGINT) AS incidents
    FROM incidents
    GROUP BY ALL
);

-- Complete oblast x ISO-week panel over the data's date range: every oblast in `oblasts`,
-- every week, rates per 100,000 people (population_2022). Counts are zero-filled only where
-- some source covers at least one day of the cell (weekly_coverage.covered_days > 0); where
-- nothing covers, every figure is NULL (unknown, not zero). Casualty sums stay NULL where
-- nothing was reported. Incidents without an oblast are not in the panel.
CREATE OR REPLACE VIEW weekly_oblast_panel AS
WITH bounds AS (
    SELECT CAST(date_trunc('week', min(occurred_on)) AS DATE) AS lo,
           CAST(date_trunc('week', max(occurred_on)) AS DATE) AS hi
    FROM incidents
),
weeks AS (
    SELECT CAST(w AS DATE) AS period
    FROM bounds, range(CAST(lo AS TIMESTAMP), CAST(hi AS TIMESTAMP) + INTERVAL 1 DAY,
                       INTERVAL 7 DAY) AS t(w)
),
cells AS (
    SELECT w.period, o.code AS oblast_code, o.population_2022, c.incidents, c.killed,
           c.injured, c.killed_reported, c.injured_reported, c.killed_low, c.killed_high,
           coalesce(v.covered, false) AS covered, coalesce(v.covered_days, 0) AS covered_days,
           coalesce(v.covered_days, 0) > 0 OR c.incidents IS NOT NULL AS watched
    FROM weeks AS w
    CROSS JOIN oblasts AS o
    LEFT JOIN weekly_oblast AS c ON c.period = w.period AND c.oblast_code = o.code
    LEFT JOIN weekly_coverage AS v ON v.period = w.period AND v.oblast_code = o.code
)
SELECT
    period,
    oblast_code,
    CAST(CASE WHEN watched THEN coalesce(incidents, 0) END AS BIGINT)        AS incidents,
    killed,
    injured,
    CAST(CASE WHEN watched THEN coalesce(killed_reported, 0) END AS BIGINT)  AS killed_reported,
    CAST(CASE WHEN watched THEN coalesce(injured_reported, 0) END AS BIGINT) AS injured_reported,
    CAST(population_2022 AS BIGINT)                                          AS population,
    CAST(CASE WHEN watched THEN coalesce(incidents, 0) END AS DOUBLE)
        / population_2022 * 100000                                           AS incidents_per_100k,
    CAST(killed AS DOUBLE) / population_2022 * 100000                        AS killed_per_100k,
    CAST(injured AS DOUBLE) / population_2022 * 100000                       AS injured_per_100k,
    killed_low,
    killed_high,
    CAST(covered AS BOOLEAN)                                                 AS covered,
    CAST(covered_days AS BIGINT)                                             AS covered_days
FROM cells;

-- National weekly totals, including incidents whose oblast is unknown.
CREATE OR REPLACE VIEW weekly_national AS
SELECT
    CAST(date_trunc('week', occurred_on) AS DATE) AS period,
    CAST('UA' AS VARCHAR)                  AS oblast_code,
    CAST(count(*) AS BIGINT)               AS incidents,
    CAST(sum(killed) AS BIGINT)            AS killed,
    CAST(sum(injured) AS BIGINT)           AS injured,
    CAST(sum(coalesce(killed_low, killed)) AS BIGINT)  AS killed_low,
    CAST(sum(coalesce(killed_high, killed)) AS BIGINT) AS killed_high
FROM incidents
GROUP BY ALL;
