-- Air-raid alerts (Vadym Klymenko's dataset, `ingest alerts`). Idempotent.
--   duckdb strikes.duckdb -f sql/alerts.sql
-- One row of alerts = one alert; started_at/finished_at are UTC (naive TIMESTAMP).
-- dataset: 'official' (state alert system; level oblast/raion/hromada) or 'volunteer'
-- (collected from Telegram, oblast level only; naive = no end message seen, end = start + 30 min).
-- lang: 'en' | 'uk' (the same alerts exist in both languages; see the views' dedup rule).
-- Not in the data: the permanent alerts in Luhansk oblast (from 2022-04-04) and Crimea
-- (from 2022-12-10); days without any alert have no row in the views (no zero-fill).

CREATE TABLE IF NOT EXISTS alerts (
    row_key      VARCHAR NOT NULL,
    source_row   BIGINT,
    ingest_id    INTEGER,
    content_hash VARCHAR,
    oblast_code  VARCHAR,
    region_raw   VARCHAR,
    raion        VARCHAR,
    hromada      VARCHAR,
    level        VARCHAR,     -- oblast | raion | hromada
    started_at   TIMESTAMP,   -- UTC
    finished_at  TIMESTAMP,   -- UTC
    dataset      VARCHAR,     -- official | volunteer
    lang         VARCHAR,     -- en | uk
    source       VARCHAR,     -- the official file's `source` column; NULL for volunteer
    naive        BOOLEAN      -- volunteer only; NULL for official
);

-- Latest version of each alert row.
CREATE OR REPLACE VIEW alerts_latest AS
SELECT *
FROM alerts
QUALIFY row_number() OVER (PARTITION BY row_key ORDER BY ingest_id DESC) = 1;

-- Oblast-level alerts, one per (dataset, oblast, start): the English and Ukrainian copies of an
-- alert count once. Raion and hromada alerts (official dataset) are local alerts inside an
-- oblast and are NOT counted here (they stay in `alerts`).
CREATE OR REPLACE VIEW oblast_alerts AS
SELECT *
FROM alerts_latest
WHERE level = 'oblast' AND oblast_code IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY dataset, oblast_code, started_at ORDER BY lang, ingest_id DESC, row_key
) = 1;

-- Each alert cut into the Kyiv local days (Europe/Kyiv, with its 23- and 25-hour DST days) it
-- overlaps. Day d runs from local midnight of d to local midnight of d + 1, both converted to
-- instants, so the pieces of an alert partition it: their minutes add up to its duration.
CREATE OR REPLACE VIEW alert_day_parts AS
WITH a AS (
    SELECT
        dataset, oblast_code, row_key, started_at, finished_at,
        started_at AT TIME ZONE 'UTC'                                          AS s_at,
        finished_at AT TIME ZONE 'UTC'                                         AS f_at,
        CAST((started_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Kyiv' AS DATE)  AS start_day,
        CAST((finished_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Kyiv' AS DATE) AS end_day
    FROM oblast_alerts
),
d AS (
    SELECT a.*, unnest(range(0, date_diff('day', start_day, end_day) + 1)) AS k
    FROM a
),
b AS (
    SELECT
        d.*,
        CAST(start_day + CAST(k AS INTEGER) AS DATE)                                 AS period,
        CAST(start_day + CAST(k AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'Europe/Kyiv' AS day_from,
        CAST(start_day + CAST(k + 1 AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'Europe/Kyiv' AS day_to
    FROM d
)
SELECT
    CAST(dataset AS VARCHAR)                AS dataset,
    CAST(oblast_code AS VARCHAR)            AS oblast_code,
    CAST(period AS DATE)                    AS period,
    row_key,
    started_at,
    finished_at,
    CAST(k = 0 AS BOOLEAN)                  AS starts_in_period,
    CAST((epoch(least(f_at, day_to)) - epoch(greatest(s_at, day_from))) / 60.0 AS DOUBLE)
                                            AS minutes
FROM b
WHERE k = 0 OR least(f_at, day_to) > greatest(s_at, day_from);

-- Alerts per Kyiv local day and oblast, for every dataset: alerts = alerts that START that day;
-- alert_minutes = minutes of alert within the day (an alert over midnight is split). Minutes
-- are a sum over alerts (within one oblast and dataset, oblast-level alerts do not overlap).
CREATE OR REPLACE VIEW daily_alerts_by_dataset AS
SELECT
    CAST(period AS DATE)                                   AS period,
    CAST(oblast_code AS VARCHAR)                           AS oblast_code,
    CAST(dataset AS VARCHAR)                               AS dataset,
    CAST(count(*) FILTER (WHERE starts_in_period) AS BIGINT) AS alerts,
    CAST(sum(minutes) AS DOUBLE)                           AS alert_minutes
FROM alert_day_parts
GROUP BY ALL;

CREATE OR REPLACE VIEW weekly_alerts_by_dataset AS
SELECT
    CAST(date_trunc('week', period) AS DATE)   AS period,   -- ISO week (Monday), Kyiv days
    CAST(oblast_code AS VARCHAR)               AS oblast_code,
    CAST(dataset AS VARCHAR)                   AS dataset,
    CAST(sum(alerts) AS BIGINT)                AS alerts,
    CAST(sum(alert_minutes) AS DOUBLE)         AS alert_minutes
FROM daily_alerts_by_dataset
GROUP BY ALL;

-- The default series: ONE dataset, never the sum of both (volunteer and official record the
-- same alerts). The official dataset when the database holds any official oblast-level alert,
-- else the volunteer one. The dataset column says which; use *_by_dataset to choose.
CREATE OR REPLACE VIEW daily_alerts AS
SELECT *
FROM daily_alerts_by_dataset
WHERE dataset = (
    SELECT CASE WHEN count(*) FILTER (WHERE dataset = 'official') > 0
                THEN 'official' ELSE 'volunteer' END
    FROM oblast_alerts
);

CREATE OR REPLACE VIEW weekly_alerts AS
SELECT *
FROM weekly_alerts_by_dataset
WHERE dataset = (
    SELECT CASE WHEN count(*) FILTER (WHERE dataset = 'official') > 0
                THEN 'official' ELSE 'volunteer' END
    FROM oblast_alerts
);
