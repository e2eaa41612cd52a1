-- Aggregate views: the expected answers for analytics/aggregate.py (parity tests). Idempotent.
--   duckdb strikes.duckdb -f sql/aggregates.sql
-- Runs after schema.sql and views.sql (it reads the `incidents` view: latest revisions).
-- Casualty sums keep NULL apart from zero; counts are zero-filled in the panels.

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
-- every week, counts zero-filled, casualty sums NULL where nothing was reported, and rates
-- per 100,000 people (population_2022). Incidents without an oblast are not in the panel.
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
counts AS (
    SELECT
        CAST(date_trunc('week', occurred_on) AS DATE) AS period,
        oblast_code,
        CAST(count(*) AS BIGINT)       AS incidents,
        CAST(sum(killed) AS BIGINT)    AS killed,
        CAST(sum(injured) AS BIGINT)   AS injured,
        CAST(count(killed) AS BIGINT)  AS killed_reported,
        CAST(count(injured) AS BIGINT) AS injured_reported
    FROM incidents
    WHERE oblast_code IS NOT NULL
    GROUP BY ALL
)
SELECT
    w.period,
    o.code                                              AS oblast_code,
    CAST(coalesce(c.incidents, 0) AS BIGINT)            AS incidents,
    c.killed,
    c.injured,
    CAST(coalesce(c.killed_reported, 0) AS BIGINT)      AS killed_reported,
    CAST(coalesce(c.injured_reported, 0) AS BIGINT)     AS injured_reported,
    CAST(o.population_2022 AS BIGINT)                   AS population,
    CAST(coalesce(c.incidents, 0) AS DOUBLE) / o.population_2022 * 100000 AS incidents_per_100k,
    CAST(c.killed AS DOUBLE) / o.population_2022 * 100000  AS killed_per_100k,
    CAST(c.injured AS DOUBLE) / o.population_2022 * 100000 AS injured_per_100k
FROM weeks AS w
CROSS JOIN oblasts AS o
LEFT JOIN counts AS c ON c.period = w.period AND c.oblast_code = o.code;

-- National weekly totals, including incidents whose oblast is unknown.
CREATE OR REPLACE VIEW weekly_national AS
SELECT
    CAST(date_trunc('week', occurred_on) AS DATE) AS period,
    CAST('UA' AS VARCHAR)                  AS oblast_code,
    CAST(count(*) AS BIGINT)               AS incidents,
    CAST(sum(killed) AS BIGINT)            AS killed,
    CAST(sum(injured) AS BIGINT)           AS injured
FROM incidents
GROUP BY ALL;
