-- Warehouse schema: raw payload index, core tables, and the public views (with COMMENTs).
-- Re-applied at every writer start: tables are created if missing, views are replaced.

CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SEQUENCE IF NOT EXISTS raw.payload_ids;
CREATE SEQUENCE IF NOT EXISTS core.run_ids;

CREATE TABLE IF NOT EXISTS raw.payloads (
    payload_id   BIGINT PRIMARY KEY,
    source_id    VARCHAR NOT NULL,
    dataset      VARCHAR NOT NULL,
    file_name    VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    bytes        BIGINT NOT NULL,
    url          VARCHAR NOT NULL,
    fetched_at   TIMESTAMP NOT NULL,
    loaded_at    TIMESTAMP NOT NULL,
    release      VARCHAR,
    vintage      VARCHAR NOT NULL,
    stored_path  VARCHAR NOT NULL,
    run_id       BIGINT NOT NULL
);

-- Columns added after the first release: existing warehouses gain them in place.
ALTER TABLE raw.payloads ADD COLUMN IF NOT EXISTS parsed_by VARCHAR;

CREATE TABLE IF NOT EXISTS core.observations (
    payload_id   BIGINT NOT NULL,
    indicator_id VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    freq         VARCHAR NOT NULL,
    period       DATE NOT NULL,
    value        DOUBLE NOT NULL,
    unit         VARCHAR NOT NULL,
    flags        VARCHAR
);

CREATE TABLE IF NOT EXISTS core.country_meta (
    payload_id   BIGINT NOT NULL,
    iso3         VARCHAR NOT NULL,
    wb_name      VARCHAR,
    region       VARCHAR,
    income_group VARCHAR
);

CREATE TABLE IF NOT EXISTS core.unmapped_codes (
    payload_id   BIGINT NOT NULL,
    file_name    VARCHAR NOT NULL,
    field        VARCHAR NOT NULL,
    code         VARCHAR NOT NULL,
    rows         BIGINT NOT NULL,
    action       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS core.dropped_rows (
    payload_id   BIGINT NOT NULL,
    file_name    VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    rows         BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS core.runs (
    run_id       BIGINT PRIMARY KEY,
    source_id    VARCHAR NOT NULL,
    started      TIMESTAMP NOT NULL,
    finished     TIMESTAMP NOT NULL,
    status       VARCHAR NOT NULL,
    rows_added   BIGINT NOT NULL,
    rows_changed BIGINT NOT NULL,
    payloads_new INTEGER NOT NULL,
    origin       VARCHAR NOT NULL,
    message      VARCHAR
);
-- Columns added after the first release: existing warehouses gain them in place.
ALTER TABLE core.runs ADD COLUMN IF NOT EXISTS rows_removed BIGINT DEFAULT 0;
ALTER TABLE core.runs ADD COLUMN IF NOT EXISTS rows_dropped BIGINT DEFAULT 0;

-- Catalogue tables: rewritten from the code's declarations at every writer start.
CREATE TABLE IF NOT EXISTS core.sources (
    source_id    VARCHAR PRIMARY KEY,
    producer     VARCHAR NOT NULL,
    title        VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    license      VARCHAR NOT NULL,
    citation     VARCHAR,
    schedule     VARCHAR NOT NULL,
    cadence_days INTEGER NOT NULL
);
ALTER TABLE core.sources ADD COLUMN IF NOT EXISTS quality VARCHAR;
ALTER TABLE core.sources ADD COLUMN IF NOT EXISTS mirror_only VARCHAR;

CREATE TABLE IF NOT EXISTS core.indicators (
    indicator_id  VARCHAR PRIMARY KEY,
    source_id     VARCHAR NOT NULL,
    pillar        VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    name_ko       VARCHAR NOT NULL,
    unit          VARCHAR NOT NULL,
    upstream_code VARCHAR NOT NULL,
    description   VARCHAR,
    quality       VARCHAR NOT NULL,
    valid_min     DOUBLE,
    valid_max     DOUBLE
);

CREATE TABLE IF NOT EXISTS core.countries (
    iso3         VARCHAR PRIMARY KEY,
    name_en      VARCHAR NOT NULL,
    name_ko      VARCHAR NOT NULL,
    is_aggregate BOOLEAN NOT NULL,
    region       VARCHAR
);

CREATE OR REPLACE VIEW core.current_payloads AS
SELECT *
FROM raw.payloads
QUALIFY row_number() OVER (PARTITION BY source_id, dataset ORDER BY payload_id DESC) = 1;

-- Public views ------------------------------------------------------------------------------

CREATE OR REPLACE VIEW observation_vintages AS
SELECT
    o.indicator_id,
    o.country_iso3,
    o.freq,
    o.period,
    CAST(year(o.period) AS INTEGER) AS year,
    o.value,
    o.unit,
    p.source_id,
    p.vintage,
    nullif(o.flags, '') AS flags,
    p.payload_id IN (SELECT payload_id FROM core.current_payloads) AS is_current,
    p.fetched_at,
    p.sha256 AS payload_sha256
FROM core.observations AS o
JOIN raw.payloads AS p USING (payload_id);

COMMENT ON VIEW observation_vintages IS 'Every value of every vintage ever loaded: revisions stay queryable. One row per indicator, country, period and vintage.';
COMMENT ON COLUMN observation_vintages.indicator_id IS 'Indicator id, <source_id>:<upstream code> (see the indicators view).';
COMMENT ON COLUMN observation_vintages.country_iso3 IS 'ISO 3166 alpha-3 code, or a World Bank aggregate code (WLD, EUU, OED, EAS...); see the countries view.';
COMMENT ON COLUMN observation_vintages.freq IS 'Frequency: A annual, Q quarterly, M monthly.';
COMMENT ON COLUMN observation_vintages.period IS 'First day of the period the value refers to.';
COMMENT ON COLUMN observation_vintages.year IS 'Calendar year of the period.';
COMMENT ON COLUMN observation_vintages.value IS 'The value in base units (USD, not millions of USD; shares in percent).';
COMMENT ON COLUMN observation_vintages.unit IS 'Unit of value, e.g. %, USD, USD PPP, researchers (FTE).';
COMMENT ON COLUMN observation_vintages.source_id IS 'Collector that loaded the value (see the sources view).';
COMMENT ON COLUMN observation_vintages.vintage IS 'Release of the payload the value came from: the producer''s release date where the payload states one, else the fetch date; a suffix tells apart several payloads of the same date.';
COMMENT ON COLUMN observation_vintages.flags IS 'Producer''s observation status flags, e.g. P provisional, E estimated, B break in series, D definition differs; aux= marks auxiliary flags.';
COMMENT ON COLUMN observation_vintages.is_current IS 'True when the value belongs to the latest payload of its dataset (it is then in the observations view).';
COMMENT ON COLUMN observation_vintages.fetched_at IS 'When the payload was fetched (UTC); for mirror loads, the mirror file''s modification time.';
COMMENT ON COLUMN observation_vintages.payload_sha256 IS 'SHA-256 of the raw payload, as stored in the raw layer.';

CREATE OR REPLACE VIEW observations AS
SELECT indicator_id, country_iso3, freq, period, year, value, unit, source_id, vintage, flags
FROM observation_vintages
WHERE is_current;

COMMENT ON VIEW observations IS 'The latest vintage of every value: one row per indicator, country, frequency and period. Join indicators for names, units and sources; countries for names and regions.';
COMMENT ON COLUMN observations.indicator_id IS 'Indicator id, <source_id>:<upstream code>, e.g. oecd_msti:G_XGDP (see the indicators view).';
COMMENT ON COLUMN observations.country_iso3 IS 'ISO 3166 alpha-3 code (TWN for Taiwan), or a World Bank aggregate code (WLD, EUU, OED, EAS...).';
COMMENT ON COLUMN observations.freq IS 'Frequency: A annual, Q quarterly, M monthly.';
COMMENT ON COLUMN observations.period IS 'First day of the period the value refers to.';
COMMENT ON COLUMN observations.year IS 'Calendar year of the period.';
COMMENT ON COLUMN observations.value IS 'The value in base units (USD, not millions of USD; shares in percent).';
COMMENT ON COLUMN observations.unit IS 'Unit of value, e.g. %, USD, USD PPP, researchers (FTE).';
COMMENT ON COLUMN observations.source_id IS 'Collector that loaded the value (see the sources view).';
COMMENT ON COLUMN observations.vintage IS 'Release of the payload the value came from (producer''s release date, else fetch date).';
COMMENT ON COLUMN observations.flags IS 'Producer''s observation status flags, e.g. P provisional, E estimated, B break in series, D definition differs.';

CREATE OR REPLACE VIEW sources AS
SELECT s.source_id, s.producer, s.title, s.url, s.license, s.citation, s.quality, s.mirror_only, s.schedule,
       s.cadence_days,
       (SELECT max(p.vintage) FROM core.current_payloads AS p WHERE p.source_id = s.source_id) AS vintage,
       (SELECT max(p.fetched_at) FROM core.current_payloads AS p WHERE p.source_id = s.source_id) AS fetched_at,
       (SELECT max(p.release) FROM core.current_payloads AS p WHERE p.source_id = s.source_id) AS producer_date
FROM core.sources AS s;

COMMENT ON VIEW sources IS 'Every data source: producer, licence, citation, schedule and the vintage currently loaded.';
COMMENT ON COLUMN sources.source_id IS 'Collector id (its module name under collectors/sources).';
COMMENT ON COLUMN sources.producer IS 'Organisation that produces the data.';
COMMENT ON COLUMN sources.title IS 'Title of the dataset.';
COMMENT ON COLUMN sources.url IS 'Landing page of the dataset.';
COMMENT ON COLUMN sources.license IS 'Licence of the data, e.g. CC BY 4.0.';
COMMENT ON COLUMN sources.citation IS 'How to cite the data.';
COMMENT ON COLUMN sources.quality IS 'official (a statistical producer''s release), secondary (transcribed or compiled from quotations) or compiled (curated by this project from cited pages).';
COMMENT ON COLUMN sources.mirror_only IS 'Why the source is collected from a mirror folder only (no machine-readable live endpoint); NULL when it is fetched live.';
COMMENT ON COLUMN sources.schedule IS 'Cron expression (UTC) of scheduled collection.';
COMMENT ON COLUMN sources.cadence_days IS 'Days after which the loaded data counts as due for a refresh.';
COMMENT ON COLUMN sources.vintage IS 'Latest vintage among the source''s current payloads.';
COMMENT ON COLUMN sources.fetched_at IS 'When the newest current payload was fetched, or copied into the mirror it was read from (UTC).';
COMMENT ON COLUMN sources.producer_date IS 'The producer''s release or update date, as the newest current payload states it (WDI Last Updated Date, SDMX Prepared, OWID metadata lastUpdated...); NULL where the payloads state none: then only fetched_at is known.';

CREATE OR REPLACE VIEW indicators AS
SELECT i.indicator_id, i.pillar, i.name_en, i.name_ko, i.unit, i.source_id, i.upstream_code,
       i.description, s.url AS source_url, s.license, i.quality
FROM core.indicators AS i
JOIN core.sources AS s USING (source_id);

COMMENT ON VIEW indicators IS 'Every indicator: what it measures, in which unit, from which source under which licence.';
COMMENT ON COLUMN indicators.indicator_id IS 'Indicator id, <source_id>:<upstream code>.';
COMMENT ON COLUMN indicators.pillar IS 'Pillar: rd (R&D spending), semis (semiconductors), funding (startup funding), models (AI models & benchmarks), cross (cross-cutting and denominators).';
COMMENT ON COLUMN indicators.name_en IS 'Name in English.';
COMMENT ON COLUMN indicators.name_ko IS 'Name in Korean.';
COMMENT ON COLUMN indicators.unit IS 'Unit of the values in observations (base units).';
COMMENT ON COLUMN indicators.source_id IS 'Collector that loads it (see the sources view).';
COMMENT ON COLUMN indicators.upstream_code IS 'The producer''s own code for the series.';
COMMENT ON COLUMN indicators.description IS 'What the indicator measures, and caveats.';
COMMENT ON COLUMN indicators.source_url IS 'Landing page of the source dataset.';
COMMENT ON COLUMN indicators.license IS 'Licence of the data.';
COMMENT ON COLUMN indicators.quality IS 'official (published by a statistical producer) or secondary (transcribed or derived by a third party).';

CREATE OR REPLACE VIEW countries AS
SELECT c.iso3, c.name_en, c.name_ko,
       CASE WHEN c.is_aggregate THEN NULL ELSE coalesce(m.region, c.region) END AS region,
       m.income_group,
       c.is_aggregate
FROM core.countries AS c
LEFT JOIN (
    SELECT cm.* FROM core.country_meta AS cm
    WHERE cm.payload_id IN (SELECT payload_id FROM core.current_payloads)
) AS m USING (iso3);

COMMENT ON VIEW countries IS 'Every economy and aggregate the warehouse knows: ISO3 code, English and Korean names, World Bank region and income group.';
COMMENT ON COLUMN countries.iso3 IS 'ISO 3166 alpha-3 code (TWN for Taiwan; XKX Kosovo, CHI Channel Islands as in WDI), or a World Bank aggregate code.';
COMMENT ON COLUMN countries.name_en IS 'Short name in English.';
COMMENT ON COLUMN countries.name_ko IS 'Short name in Korean.';
COMMENT ON COLUMN countries.region IS 'World Bank region (NULL for aggregates); Taiwan, absent from World Bank data, is placed in East Asia & Pacific.';
COMMENT ON COLUMN countries.income_group IS 'World Bank income group, where the World Bank classifies the economy.';
COMMENT ON COLUMN countries.is_aggregate IS 'True for groups of economies (WLD, EUU, OED, regions, income groups).';

CREATE OR REPLACE VIEW collector_runs AS
SELECT source_id, started, finished, status, rows_added, rows_changed, rows_removed, rows_dropped, payloads_new,
       origin, message
FROM core.runs;

COMMENT ON VIEW collector_runs IS 'One row per collection attempt of a source: when, outcome, rows loaded and the error message of a failure.';
COMMENT ON COLUMN collector_runs.source_id IS 'Collector id.';
COMMENT ON COLUMN collector_runs.started IS 'Start of the run (UTC).';
COMMENT ON COLUMN collector_runs.finished IS 'End of the run (UTC).';
COMMENT ON COLUMN collector_runs.status IS 'ok (new data loaded), unchanged (payloads identical to the loaded ones) or failed.';
COMMENT ON COLUMN collector_runs.rows_added IS 'Observation rows inserted by the run (a new vintage holds the full payload).';
COMMENT ON COLUMN collector_runs.rows_changed IS 'Rows of the new vintage that are new or differ from the previous vintage.';
COMMENT ON COLUMN collector_runs.rows_removed IS 'Rows of the previous vintages whose key (indicator, country, period; or the table''s key) the new vintages no longer hold: values that disappeared upstream.';
COMMENT ON COLUMN collector_runs.rows_dropped IS 'Rows of the new payloads left out on purpose (sentinel periods, totals, empty scores...): each reason and count is in dropped_rows.';
COMMENT ON COLUMN collector_runs.payloads_new IS 'Payloads that differed from the loaded ones and were loaded as new vintages.';
COMMENT ON COLUMN collector_runs.origin IS 'live, or the mirror folder the payloads were read from.';
COMMENT ON COLUMN collector_runs.message IS 'For a failure: what went wrong, naming the file, field and row.';

CREATE OR REPLACE VIEW dropped_rows AS
SELECT p.source_id, d.file_name, d.reason, d.rows, p.vintage
FROM core.dropped_rows AS d
JOIN core.current_payloads AS p USING (payload_id);

COMMENT ON VIEW dropped_rows IS 'Rows of the loaded payloads that a parser or validation left out on purpose, by reason, with counts (sentinel periods, totals, breakdowns not loaded, empty or non-numeric cells, rows repeated verbatim). Nothing is dropped silently.';
COMMENT ON COLUMN dropped_rows.source_id IS 'Collector whose payload held the rows.';
COMMENT ON COLUMN dropped_rows.file_name IS 'Payload file holding the rows.';
COMMENT ON COLUMN dropped_rows.reason IS 'Why they were left out.';
COMMENT ON COLUMN dropped_rows.rows IS 'Number of rows left out for this reason.';
COMMENT ON COLUMN dropped_rows.vintage IS 'Release of the payload.';

CREATE OR REPLACE VIEW unmapped_codes AS
SELECT p.source_id, u.file_name, u.field, u.code, u.rows, u.action, p.vintage
FROM core.unmapped_codes AS u
JOIN core.current_payloads AS p USING (payload_id);

COMMENT ON VIEW unmapped_codes IS 'Country codes and names in the loaded payloads that map to no entry of the countries view (regions, organisations, historical entities). Nothing is dropped silently: each is listed here with what was done.';
COMMENT ON COLUMN unmapped_codes.source_id IS 'Collector whose payload holds the code.';
COMMENT ON COLUMN unmapped_codes.file_name IS 'Payload file holding the code.';
COMMENT ON COLUMN unmapped_codes.field IS 'Column or attribute holding the code.';
COMMENT ON COLUMN unmapped_codes.code IS 'The code or name as the source writes it.';
COMMENT ON COLUMN unmapped_codes.rows IS 'Number of rows carrying it.';
COMMENT ON COLUMN unmapped_codes.action IS 'dropped (an observation needs a country) or kept without country (country_iso3 NULL).';
COMMENT ON COLUMN unmapped_codes.vintage IS 'Release of the payload.';

-- Forecasts (written by `kaim forecast`, refitted only for series whose data changed) ------------------

CREATE TABLE IF NOT EXISTS core.forecast_inputs (
    indicator_id VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    input_hash   VARCHAR NOT NULL,
    generated_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS core.forecasts (
    indicator_id VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    model        VARCHAR NOT NULL,
    mean         DOUBLE,
    lo80         DOUBLE,
    hi80         DOUBLE,
    lo95         DOUBLE,
    hi95         DOUBLE,
    skill        DOUBLE,
    beats_naive  BOOLEAN,
    n_obs        INTEGER,
    note         VARCHAR,
    generated_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS core.backtests (
    indicator_id VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    model        VARCHAR,
    status       VARCHAR NOT NULL,
    n_obs        INTEGER,
    n_origins    INTEGER,
    n_errors     INTEGER,
    mase         DOUBLE,
    skill        DOUBLE,
    note         VARCHAR,
    generated_at TIMESTAMP NOT NULL
);

CREATE OR REPLACE VIEW forecasts AS
SELECT indicator_id, country_iso3, year, model, mean, lo80, hi80, lo95, hi95, skill, beats_naive, n_obs, note,
       generated_at
FROM core.forecasts;

COMMENT ON VIEW forecasts IS 'Annual projections with calibrated 80% and 95% intervals, for the series of the dashboard''s countries (kaim forecast). The method shown is chosen by rolling-origin backtest; skill is its backtest MASE relative to a no-change (naive) forecast, so below 1 beats naive. Where no method beats naive, the naive forecast is shown and labelled so (beats_naive false): do not read it as a trend.';
COMMENT ON COLUMN forecasts.indicator_id IS 'Indicator id (see the indicators view).';
COMMENT ON COLUMN forecasts.country_iso3 IS 'Country or aggregate code.';
COMMENT ON COLUMN forecasts.year IS 'Projected year (after the last observed year).';
COMMENT ON COLUMN forecasts.model IS 'Method shown: naive, drift or combination (equal-weight mean of ETS, Theta on logs and drift).';
COMMENT ON COLUMN forecasts.mean IS 'Point forecast, in the indicator''s unit.';
COMMENT ON COLUMN forecasts.lo80 IS 'Lower bound of the 80% interval (widened from backtest errors).';
COMMENT ON COLUMN forecasts.hi80 IS 'Upper bound of the 80% interval.';
COMMENT ON COLUMN forecasts.lo95 IS 'Lower bound of the 95% interval.';
COMMENT ON COLUMN forecasts.hi95 IS 'Upper bound of the 95% interval.';
COMMENT ON COLUMN forecasts.skill IS 'Backtest MASE of the method shown relative to naive (below 1 beats a no-change forecast; 1 when naive is shown; NULL without a backtest).';
COMMENT ON COLUMN forecasts.beats_naive IS 'True when skill < 1: only then does the dashboard draw a forecast fan.';
COMMENT ON COLUMN forecasts.n_obs IS 'Years the models saw (including interpolated gaps).';
COMMENT ON COLUMN forecasts.note IS 'Specification, why it was chosen, and data handling (breaks, gaps, short series).';
COMMENT ON COLUMN forecasts.generated_at IS 'When the series was last fitted (UTC).';

CREATE OR REPLACE VIEW backtests AS
SELECT indicator_id, country_iso3, model, status, n_obs, n_origins, n_errors, mase, skill, note, generated_at
FROM core.backtests;

COMMENT ON VIEW backtests IS 'Rolling-origin backtest of every candidate method per series (horizon up to 6 years), and series declined with the reason.';
COMMENT ON COLUMN backtests.indicator_id IS 'Indicator id.';
COMMENT ON COLUMN backtests.country_iso3 IS 'Country or aggregate code.';
COMMENT ON COLUMN backtests.model IS 'Method (naive, drift, ets, theta_log, combination...); NULL for a declined series.';
COMMENT ON COLUMN backtests.status IS 'shown (the method in forecasts), candidate, member (part of the combination only), failed, or declined (no forecast; see note).';
COMMENT ON COLUMN backtests.n_obs IS 'Years available to the models.';
COMMENT ON COLUMN backtests.n_origins IS 'Backtest origins (forecast start points) evaluated.';
COMMENT ON COLUMN backtests.n_errors IS 'Forecast errors behind the score.';
COMMENT ON COLUMN backtests.mase IS 'Mean absolute scaled error of the method over the backtest.';
COMMENT ON COLUMN backtests.skill IS 'mase relative to naive''s mase (below 1 beats naive).';
COMMENT ON COLUMN backtests.note IS 'Specification, failure or decline reason.';
COMMENT ON COLUMN backtests.generated_at IS 'When the series was last fitted (UTC).';

CREATE TABLE IF NOT EXISTS core.catch_up (
    indicator_id VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    peer_iso3    VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,
    year         INTEGER,
    probability  DOUBLE,
    skilful      BOOLEAN,
    message      VARCHAR
);

CREATE TABLE IF NOT EXISTS core.catch_up_years (
    indicator_id VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    peer_iso3    VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    mean         DOUBLE,
    peer_mean    DOUBLE,
    p_ahead      DOUBLE,
    skilful      BOOLEAN
);
ALTER TABLE core.catch_up_years ADD COLUMN IF NOT EXISTS p_crossed DOUBLE;
ALTER TABLE core.catch_up_years ADD COLUMN IF NOT EXISTS p_overtaken DOUBLE;

CREATE OR REPLACE VIEW catch_up_years AS
SELECT indicator_id, country_iso3, peer_iso3, year, mean, peer_mean, p_ahead, p_crossed, p_overtaken, skilful
FROM core.catch_up_years;

COMMENT ON VIEW catch_up_years IS 'Year by year over the forecast horizon, Korea''s and each peer''s projected means, the probability that Korea is ahead that year (each forecast treated as normal with the spread of its calibrated intervals, the two independent), and the probabilities that Korea, or the peer, has been ahead in some year by then. Trust it only where skilful is true.';
COMMENT ON COLUMN catch_up_years.indicator_id IS 'Indicator id.';
COMMENT ON COLUMN catch_up_years.country_iso3 IS 'The country catching up (KOR).';
COMMENT ON COLUMN catch_up_years.peer_iso3 IS 'The peer it is compared with (never an aggregate for a level measure).';
COMMENT ON COLUMN catch_up_years.year IS 'Projected year.';
COMMENT ON COLUMN catch_up_years.mean IS 'Korea''s point forecast, in the indicator''s unit.';
COMMENT ON COLUMN catch_up_years.peer_mean IS 'The peer''s point forecast.';
COMMENT ON COLUMN catch_up_years.p_ahead IS 'Probability that Korea is ahead of the peer that year.';
COMMENT ON COLUMN catch_up_years.p_crossed IS 'Probability that Korea has been ahead of the peer in at least one projected year up to this one (non-decreasing in the year; each forecast''s error drawn as a path of yearly shocks adding up to its predictive variance). NULL until the forecasts are refitted.';
COMMENT ON COLUMN catch_up_years.p_overtaken IS 'Probability that the peer has been ahead of Korea in at least one projected year up to this one (the same, from the peer''s side: what matters when Korea is already ahead).';
COMMENT ON COLUMN catch_up_years.skilful IS 'Both forecasts beat a no-change forecast in backtests.';

CREATE OR REPLACE VIEW catch_up AS
SELECT indicator_id, country_iso3, peer_iso3, status, year, probability, skilful, message FROM core.catch_up;

COMMENT ON VIEW catch_up IS 'When Korea''s projected path crosses each peer''s, per indicator, from the forecasts: the first year Korea''s mean is ahead, with the probability of being ahead that year (each year''s forecast treated as normal with the spread of its intervals). Trust it only where skilful is true.';
COMMENT ON COLUMN catch_up.indicator_id IS 'Indicator id.';
COMMENT ON COLUMN catch_up.country_iso3 IS 'The country catching up (KOR).';
COMMENT ON COLUMN catch_up.peer_iso3 IS 'The peer it is compared with.';
COMMENT ON COLUMN catch_up.status IS 'already_ahead, crosses (in year) or not_within_horizon.';
COMMENT ON COLUMN catch_up.year IS 'First projected year Korea is ahead (status crosses).';
COMMENT ON COLUMN catch_up.probability IS 'Probability that Korea is ahead in that year (or in the last forecast year when not within the horizon).';
COMMENT ON COLUMN catch_up.skilful IS 'True when both forecasts beat a no-change forecast in backtests.';
COMMENT ON COLUMN catch_up.message IS 'One sentence for a caption.';
