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

-- Several datasets record the same alerts (official and volunteer overlap from 2022-03-15).
-- Per oblast they are merged as a UNION OF INTERVALS, never added: alerts of any dataset that
-- overlap (in time, same oblast) form one island, from the first start to the last end.
-- Touching alerts (one starts exactly when the other ends) stay apart. `datasets` says which
-- datasets contributed; `imputed` is true when every alert of the island has an imputed end
-- (volunteer `naive`: no end message seen, end = start + 30 min).
CREATE OR REPLACE VIEW alert_union AS
WITH a AS (
    SELECT oblast_code, started_at, finished_at, dataset, coalesce(naive, false) AS imputed
    FROM oblast_alerts
),
m AS (
    SELECT *, max(finished_at) OVER (
        PARTITION BY oblast_code ORDER BY started_at, finished_at
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM a
),
i AS (
    SELECT *, sum(CASE WHEN prev_end IS NULL OR started_at >= prev_end THEN 1 ELSE 0 END) OVER (
        PARTITION BY oblast_code ORDER BY started_at, finished_at ROWS UNBOUNDED PRECEDING) AS island
    FROM m
)
SELECT
    CAST(oblast_code AS VARCHAR)                                  AS oblast_code,
    CAST(island AS BIGINT)                                        AS island,
    min(started_at)                                               AS started_at,
    max(finished_at)                                              AS finished_at,
    CAST(string_agg(DISTINCT dataset, ',' ORDER BY dataset) AS VARCHAR) AS datasets,
    CAST(count(*) AS BIGINT)                                      AS alerts_merged,
    CAST(bool_and(imputed) AS BOOLEAN)                            AS imputed
FROM i
GROUP BY oblast_code, island;

-- The same union over alerts with a MEASURED end only: minutes of alert_union outside it are
-- known only from imputed ends (imputed_minutes in daily_alerts).
CREATE OR REPLACE VIEW alert_union_measured AS
WITH a AS (
    SELECT oblast_code, started_at, finished_at FROM oblast_alerts WHERE NOT coalesce(naive, false)
),
m AS (
    SELECT *, max(finished_at) OVER (
        PARTITION BY oblast_code ORDER BY started_at, finished_at
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM a
),
i AS (
    SELECT *, sum(CASE WHEN prev_end IS NULL OR started_at >= prev_end THEN 1 ELSE 0 END) OVER (
        PARTITION BY oblast_code ORDER BY started_at, finished_at ROWS UNBOUNDED PRECEDING) AS island
    FROM m
)
SELECT CAST(oblast_code AS VARCHAR) AS oblast_code, CAST(island AS BIGINT) AS island,
       min(started_at) AS started_at, max(finished_at) AS finished_at
FROM i
GROUP BY oblast_code, island;

-- Everything cut into days below: each dataset's own alerts (dataset = its name), the union
-- (dataset = 'union', row_key = oblast:island) and the measured-only union ('union_measured').
CREATE OR REPLACE VIEW alert_pieces AS
SELECT dataset, oblast_code, row_key, started_at, finished_at, coalesce(naive, false) AS imputed
FROM oblast_alerts
UNION ALL
SELECT 'union', oblast_code, oblast_code || ':' || island, started_at, finished_at, imputed
FROM alert_union
UNION ALL
SELECT 'union_measured', oblast_code, oblast_code || ':' || island, started_at, finished_at, false
FROM alert_union_measured;

-- Each alert cut into the Kyiv local days (Europe/Kyiv, with its 23- and 25-hour DST days) it
-- overlaps. Day d runs from local midnight of d to local midnight of d + 1, both converted to
-- instants, so the pieces of an alert partition it: their minutes add up to its duration.
CREATE OR REPLACE VIEW alert_day_parts AS
WITH a AS (
    SELECT
        dataset, oblast_code, row_key, started_at, finished_at, imputed,
        started_at AT TIME ZONE 'UTC'                                          AS s_at,
        finished_at AT TIME ZONE 'UTC'                                         AS f_at,
        CAST((started_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Kyiv' AS DATE)  AS start_day,
        CAST((finished_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Kyiv' AS DATE) AS end_day
    FROM alert_pieces
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
    CAST(imputed AS BOOLEAN)                AS imputed,
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
    CAST(sum(minutes) AS DOUBLE)                           AS alert_minutes,
    CAST(coalesce(sum(minutes) FILTER (WHERE imputed), 0) AS DOUBLE) AS imputed_minutes
FROM alert_day_parts
WHERE dataset NOT IN ('union', 'union_measured')
GROUP BY ALL;

CREATE OR REPLACE VIEW weekly_alerts_by_dataset AS
SELECT
    CAST(date_trunc('week', period) AS DATE)   AS period,   -- ISO week (Monday), Kyiv days
    CAST(oblast_code AS VARCHAR)               AS oblast_code,
    CAST(dataset AS VARCHAR)                   AS dataset,
    CAST(sum(alerts) AS BIGINT)                AS alerts,
    CAST(sum(alert_minutes) AS DOUBLE)         AS alert_minutes,
    CAST(sum(imputed_minutes) AS DOUBLE)       AS imputed_minutes
FROM daily_alerts_by_dataset
GROUP BY ALL;

-- The default series: the UNION of every dataset's oblast-level alerts (alert_union), never
-- their sum. alerts = union islands that START that Kyiv day; alert_minutes = union minutes in
-- the day; imputed_minutes = union minutes not covered by any alert with a measured end;
-- imputed_share = imputed_minutes / alert_minutes. dataset = the datasets whose alerts make up
-- the day's islands ('official', 'volunteer' or 'official,volunteer'); use
-- *_alerts_by_dataset for one dataset alone. Days without an alert have no row (panels fill
-- covered days with 0, see alert_coverage).
CREATE OR REPLACE VIEW daily_alerts AS
WITH u AS (
    SELECT period, oblast_code, row_key, starts_in_period, minutes
    FROM alert_day_parts WHERE dataset = 'union'
),
meas AS (
    SELECT period, oblast_code, sum(minutes) AS measured
    FROM alert_day_parts WHERE dataset = 'union_measured' GROUP BY ALL
),
days AS (
    SELECT u.period, u.oblast_code,
           CAST(count(*) FILTER (WHERE u.starts_in_period) AS BIGINT) AS alerts,
           CAST(sum(u.minutes) AS DOUBLE)                              AS alert_minutes,
           CAST(string_agg(DISTINCT x.datasets, ',') AS VARCHAR)      AS ds
    FROM u JOIN alert_union AS x ON u.row_key = x.oblast_code || ':' || x.island
    GROUP BY ALL
)
SELECT
    CAST(d.period AS DATE)                                              AS period,
    CAST(d.oblast_code AS VARCHAR)                                      AS oblast_code,
    CAST(array_to_string(list_sort(list_distinct(string_split(d.ds, ','))), ',') AS VARCHAR)
                                                                        AS dataset,
    d.alerts,
    d.alert_minutes,
    CAST(greatest(d.alert_minutes - coalesce(m.measured, 0), 0) AS DOUBLE) AS imputed_minutes,
    CAST(greatest(d.alert_minutes - coalesce(m.measured, 0), 0)
         / nullif(d.alert_minutes, 0) AS DOUBLE)                        AS imputed_share
FROM days AS d
LEFT JOIN meas AS m USING (period, oblast_code);

CREATE OR REPLACE VIEW weekly_alerts AS
SELECT
    CAST(date_trunc('week', period) AS DATE)   AS period,   -- ISO week (Monday), Kyiv days
    CAST(oblast_code AS VARCHAR)               AS oblast_code,
    CAST(array_to_string(list_sort(list_distinct(flatten(list(string_split(dataset, ','))))), ',')
         AS VARCHAR)                           AS dataset,
    CAST(sum(alerts) AS BIGINT)                AS alerts,
    CAST(sum(alert_minutes) AS DOUBLE)         AS alert_minutes,
    CAST(sum(imputed_minutes) AS DOUBLE)       AS imputed_minutes,
    CAST(sum(imputed_minutes) / nullif(sum(alert_minutes), 0) AS DOUBLE) AS imputed_share
FROM daily_alerts
GROUP BY 1, 2;

-- The alert coverage calendar: dataset x oblast (all 27 units) x Kyiv day of the dataset's
-- range (its first to its last oblast-level alert). A dataset covers a unit it lists, from the
-- unit's first to its last alert in the dataset, outside the dataset's internal gaps (4+ ISO
-- weeks without any alert of the dataset). A unit whose first (last) alert lies within 28 days
-- of the dataset's start (end) is covered from the start (to the end). Alerts are frequent in
-- every unit under alert, so a unit that stops being listed for good is under a permanent
-- alert (Luhansk from 2022-04, Crimea from 2022-12), not quiet; a unit never listed
-- (Sevastopol) is never covered. not_covered_because: 'unit never listed', 'unit not listed
-- before its first or after its last alert' or 'gap'.
CREATE OR REPLACE VIEW alert_coverage AS
WITH parts AS (
    SELECT DISTINCT dataset, oblast_code, period FROM alert_day_parts
    WHERE dataset NOT IN ('union', 'union_measured')
),
spans AS (SELECT dataset, min(period) AS lo, max(period) AS hi FROM parts GROUP BY dataset),
weeks AS (
    SELECT DISTINCT dataset, CAST(date_trunc('week', period) AS DATE) AS week FROM parts
),
days AS (
    SELECT s.dataset, CAST(t.d AS DATE) AS day
    FROM spans AS s, LATERAL (
        SELECT unnest(generate_series(CAST(s.lo AS TIMESTAMP), CAST(s.hi AS TIMESTAMP),
                                      INTERVAL 1 DAY)) AS d
    ) AS t
),
marked AS (  -- each day with the run of empty weeks it lies in (gaps-and-islands by week)
    SELECT d.dataset, d.day, w.week IS NULL AS empty_week,
           CAST(date_trunc('week', d.day) AS DATE) AS week
    FROM days AS d
    LEFT JOIN weeks AS w ON w.dataset = d.dataset AND w.week = CAST(date_trunc('week', d.day) AS DATE)
),
runs AS (
    SELECT dataset, week, empty_week,
           row_number() OVER (PARTITION BY dataset ORDER BY week)
           - row_number() OVER (PARTITION BY dataset, empty_week ORDER BY week) AS run
    FROM (SELECT DISTINCT dataset, week, empty_week FROM marked)
),
gap_weeks AS (
    SELECT dataset, week FROM runs WHERE empty_week
    QUALIFY count(*) OVER (PARTITION BY dataset, run) >= 4
),
listed AS (
    SELECT p.dataset, p.oblast_code,
           CASE WHEN min(p.period) <= any_value(s.lo) + 28 THEN any_value(s.lo)
                ELSE min(p.period) END AS first_day,
           CASE WHEN max(p.period) >= any_value(s.hi) - 28 THEN any_value(s.hi)
                ELSE max(p.period) END AS last_day
    FROM parts AS p JOIN spans AS s USING (dataset)
    GROUP BY p.dataset, p.oblast_code
),
cells AS (
    SELECT m.dataset, o.code AS oblast_code, m.day,
           CASE WHEN l.oblast_code IS NULL THEN 'unit never listed'
                WHEN m.day NOT BETWEEN l.first_day AND l.last_day
                    THEN 'unit not listed before its first or after its last alert'
                WHEN g.week IS NOT NULL THEN 'gap' END AS why
    FROM marked AS m
    CROSS JOIN oblasts AS o
    LEFT JOIN listed AS l ON l.dataset = m.dataset AND l.oblast_code = o.code
    LEFT JOIN gap_weeks AS g ON g.dataset = m.dataset AND g.week = m.week
)
SELECT
    CAST(dataset AS VARCHAR)        AS dataset,
    CAST(oblast_code AS VARCHAR)    AS oblast_code,
    CAST(day AS DATE)               AS day,
    CAST(why IS NULL AS BOOLEAN)    AS covered,
    CAST(why AS VARCHAR)            AS not_covered_because
FROM cells;

-- Oblast x Kyiv day covered by at least one alert dataset (and by which).
CREATE OR REPLACE VIEW alert_day_coverage AS
SELECT oblast_code, day, CAST(bool_or(covered) AS BOOLEAN) AS covered,
       CAST(string_agg(dataset, ',' ORDER BY dataset) FILTER (WHERE covered) AS VARCHAR)
           AS datasets
FROM alert_coverage
GROUP BY ALL;

-- Which dataset covered which month: covered days and oblasts per dataset and month.
CREATE OR REPLACE VIEW alert_dataset_periods AS
SELECT dataset, CAST(date_trunc('month', day) AS DATE) AS period,
       min(day) AS first_day, max(day) AS last_day,
       CAST(count(DISTINCT day) FILTER (WHERE covered) AS BIGINT) AS covered_days,
       CAST(count(DISTINCT oblast_code) FILTER (WHERE covered) AS BIGINT) AS oblasts_covered
FROM alert_coverage
GROUP BY ALL
ORDER BY dataset, period;
