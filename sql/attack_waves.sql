-- Missile and drone attack waves (Petro Ivaniuk's dataset, `ingest missiles`). Idempotent.
--   duckdb strikes.duckdb -f sql/attack_waves.sql
-- One row of attack_waves = one attack wave of one weapon model, versioned by row_key
-- (append-only: a new row only when a wave's content changed). See
-- analytics/sources/missiles.py for the row_key and the parsing rules, and analytics/weapons.py
-- for the weapon classes.
--
-- Times: time_start/time_end are Kyiv wall-clock time AS WRITTEN by the Air Force (not UTC);
-- time_precision says whether time_start is a date only ('date', stored at 00:00) or has a time.
-- Counts: BIGINT, NULL = not reported (never 0 for empty).
-- reporter_level: 'national' (Air Force command, General Staff, Commander-in-Chief),
-- 'regional' (regional air commands PvK South/East/Center/West, regional administrations),
-- 'unknown'. Some waves are reported by both a national and a regional post: rows are NOT
-- deduplicated. The weekly/monthly views keep reporter_level as a column: summing over all
-- levels can count such a wave twice; filter reporter_level = 'national' (or use
-- attack_waves_national) for one consistent national series.

CREATE TABLE IF NOT EXISTS attack_waves (
    row_key                    VARCHAR NOT NULL,
    source_row                 BIGINT,
    ingest_id                  INTEGER,
    content_hash               VARCHAR,
    time_start                 TIMESTAMP,
    time_end                   TIMESTAMP,
    time_precision             VARCHAR,   -- 'date' | 'minute' (of time_start)
    time_end_precision         VARCHAR,   -- 'date' | 'minute' | NULL
    model                      VARCHAR,
    weapon_class               VARCHAR,
    weapon_family              VARCHAR,   -- missile | drone | bomb | mixed | unknown
    launched                   BIGINT,
    destroyed                  BIGINT,
    not_reach_goal             BIGINT,
    still_attacking            BIGINT,
    num_hit_location           BIGINT,
    num_fall_fragment_location BIGINT,
    turbojet                   BIGINT,
    turbojet_destroyed         BIGINT,
    launch_place               VARCHAR,
    target                     VARCHAR,
    target_main                VARCHAR,
    carrier                    VARCHAR,
    border_crossing            VARCHAR,   -- Python literal as written
    affected_region            VARCHAR,   -- Python literal as written (the file's `affected region`)
    destroyed_details          VARCHAR,   -- Python literal as written
    launched_details           VARCHAR,   -- Python literal as written
    launch_place_details       VARCHAR,   -- Python literal as written
    source                     VARCHAR,   -- the row's own source (post id or URL)
    reporter                   VARCHAR,   -- channel of the post, e.g. kpszsu, pvkpivden
    reporter_level             VARCHAR,   -- national | regional | unknown
    details_hash               VARCHAR    -- sha1 of the fields attack_wave_targets is built from
);

-- Long form of target, target_main, affected region and the *_details literals: one row per
-- place (or per model for launched_details). Either oblast_code (gazetteer) or target_label
-- ('Ukraine', 'macro-region:south', 'Russia:...', 'Black Sea', ...) is set, or neither
-- (unresolved text). count: the number the details give for that key (NULL when NaN, absent,
-- or when one key names several places).
CREATE TABLE IF NOT EXISTS attack_wave_targets (
    row_key      VARCHAR NOT NULL,
    source_row   BIGINT,
    ingest_id    INTEGER,
    content_hash VARCHAR,
    wave_key     VARCHAR NOT NULL,   -- attack_waves.row_key
    field        VARCHAR NOT NULL,   -- target | target_main | affected_region | destroyed_details | launched_details
    position     BIGINT,
    text         VARCHAR,            -- the part as written
    oblast_code  VARCHAR,
    target_label VARCHAR,
    weapon_class VARCHAR,            -- launched_details only (its keys are models)
    count        BIGINT,
    details_hash VARCHAR             -- the wave's details_hash this row was derived from
);

-- Latest version of each wave / target row.
CREATE OR REPLACE VIEW attack_waves_latest AS
SELECT *
FROM attack_waves
QUALIFY row_number() OVER (PARTITION BY row_key ORDER BY ingest_id DESC) = 1;

-- Target rows of the latest version of each wave: a row whose wave has since changed its
-- target/details (details_hash differs) is history, not current.
CREATE OR REPLACE VIEW attack_wave_targets_latest AS
SELECT t.*
FROM (
    SELECT *
    FROM attack_wave_targets
    QUALIFY row_number() OVER (PARTITION BY row_key ORDER BY ingest_id DESC) = 1
) AS t
JOIN attack_waves_latest AS w
  ON w.row_key = t.wave_key AND w.details_hash IS NOT DISTINCT FROM t.details_hash;

-- Waves reported by a national post only (no regional duplicates).
CREATE OR REPLACE VIEW attack_waves_national AS
SELECT * FROM attack_waves_latest WHERE reporter_level = 'national';

-- Waves per ISO week (Monday, of the Kyiv date of time_start), weapon class and reporter level.
-- launched/destroyed/not_reach_goal: sums of reported values (NULL when none reported in the
-- cell); not_reach_goal = weapons that did not reach a target without being shot down (lost to
-- electronic warfare, mostly drones). Over the waves that report both launched and destroyed:
-- interception_rate = destroyed / launched (shot down only) and
-- neutralised_rate = (destroyed + not_reach_goal) / launched (shot down or lost), where a wave
-- that leaves not_reach_goal blank counts none lost (the Air Force writes the figure when there
-- are losses): so neutralised_rate is a lower bound, and always >= interception_rate.
CREATE OR REPLACE VIEW weekly_attacks AS
SELECT
    CAST(date_trunc('week', time_start) AS DATE)                        AS week,
    CAST(weapon_class AS VARCHAR)                                       AS weapon_class,
    CAST(reporter_level AS VARCHAR)                                     AS reporter_level,
    CAST(count(*) AS BIGINT)                                            AS waves,
    CAST(sum(launched) AS BIGINT)                                       AS launched,
    CAST(sum(destroyed) AS BIGINT)                                      AS destroyed,
    CAST(count(*) FILTER (WHERE launched IS NOT NULL AND destroyed IS NOT NULL) AS BIGINT)
                                                                        AS waves_with_both,
    CAST(sum(destroyed) FILTER (WHERE launched IS NOT NULL) AS DOUBLE)
        / CAST(nullif(sum(launched) FILTER (WHERE destroyed IS NOT NULL), 0) AS DOUBLE)
                                                                        AS interception_rate,
    CAST(sum(not_reach_goal) AS BIGINT)                                 AS not_reach_goal,
    CAST(sum(destroyed + coalesce(not_reach_goal, 0)) FILTER (WHERE launched IS NOT NULL) AS DOUBLE)
        / CAST(nullif(sum(launched) FILTER (WHERE destroyed IS NOT NULL), 0) AS DOUBLE)
                                                                        AS neutralised_rate
FROM attack_waves_latest
GROUP BY ALL;

-- Same, by calendar month (first day of the month).
CREATE OR REPLACE VIEW monthly_attacks AS
SELECT
    CAST(date_trunc('month', time_start) AS DATE)                       AS month,
    CAST(weapon_class AS VARCHAR)                                       AS weapon_class,
    CAST(reporter_level AS VARCHAR)                                     AS reporter_level,
    CAST(count(*) AS BIGINT)                                            AS waves,
    CAST(sum(launched) AS BIGINT)                                       AS launched,
    CAST(sum(destroyed) AS BIGINT)                                      AS destroyed,
    CAST(count(*) FILTER (WHERE launched IS NOT NULL AND destroyed IS NOT NULL) AS BIGINT)
                                                                        AS waves_with_both,
    CAST(sum(destroyed) FILTER (WHERE launched IS NOT NULL) AS DOUBLE)
        / CAST(nullif(sum(launched) FILTER (WHERE destroyed IS NOT NULL), 0) AS DOUBLE)
                                                                        AS interception_rate,
    CAST(sum(not_reach_goal) AS BIGINT)                                 AS not_reach_goal,
    CAST(sum(destroyed + coalesce(not_reach_goal, 0)) FILTER (WHERE launched IS NOT NULL) AS DOUBLE)
        / CAST(nullif(sum(launched) FILTER (WHERE destroyed IS NOT NULL), 0) AS DOUBLE)
                                                                        AS neutralised_rate
FROM attack_waves_latest
GROUP BY ALL;

-- Waves per ISO week, oblast named in the wave's `target`, weapon class and reporter level.
-- A wave naming several oblasts is counted ONCE PER NAMED OBLAST, so `waves` does not add up
-- across oblasts to the national total. Its launched/destroyed are NOT split (the source does
-- not say how many went where): they are the whole wave's counts, hence the column names
-- launched_whole_wave / destroyed_whole_wave; never add them up across oblasts.
-- oblast_code NULL collects the waves whose target names no oblast ("Ukraine", "south", ...).
CREATE OR REPLACE VIEW weekly_attacks_oblast AS
WITH wave_oblast AS (
    SELECT DISTINCT t.wave_key, t.oblast_code
    FROM attack_wave_targets_latest AS t
    WHERE t.field = 'target' AND t.oblast_code IS NOT NULL
)
SELECT
    CAST(date_trunc('week', w.time_start) AS DATE)   AS week,
    CAST(o.oblast_code AS VARCHAR)                   AS oblast_code,
    CAST(w.weapon_class AS VARCHAR)                  AS weapon_class,
    CAST(w.reporter_level AS VARCHAR)                AS reporter_level,
    CAST(count(*) AS BIGINT)                         AS waves,
    CAST(sum(w.launched) AS BIGINT)                  AS launched_whole_wave,
    CAST(sum(w.destroyed) AS BIGINT)                 AS destroyed_whole_wave
FROM attack_waves_latest AS w
LEFT JOIN wave_oblast AS o ON o.wave_key = w.row_key
GROUP BY ALL;
