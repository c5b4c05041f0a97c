-- Derived public views: computed from the loaded data, documented like the rest.
-- Applied after schema.sql and the declared tables (they read observations, ai_models, benchmark_scores).

CREATE OR REPLACE VIEW ic_export_shares AS
WITH exports AS (
    SELECT o.year, o.country_iso3, o.value, o.flags
    FROM observations AS o
    JOIN core.countries AS c ON c.iso3 = o.country_iso3
    WHERE o.indicator_id = 'comtrade:8542:X' AND NOT c.is_aggregate
), totals AS (
    SELECT year, sum(value) AS total, count(*) AS n_reporters FROM exports GROUP BY year
), shares AS (
    SELECT e.*, 100 * e.value / t.total AS share_pct, t.total, t.n_reporters,
           rank() OVER (PARTITION BY e.year ORDER BY e.value DESC) AS rank
    FROM exports AS e JOIN totals AS t USING (year)
), large AS (  -- economies that held at least 1% of the reported total in some year
    SELECT DISTINCT country_iso3 FROM shares WHERE share_pct >= 1
), missing AS (
    SELECT t.year, string_agg(l.country_iso3, ',' ORDER BY l.country_iso3) AS missing
    FROM totals AS t CROSS JOIN large AS l
    WHERE NOT EXISTS (SELECT 1 FROM exports AS e WHERE e.year = t.year AND e.country_iso3 = l.country_iso3)
    GROUP BY t.year
)
SELECT s.year, s.country_iso3, s.value AS exports_usd, s.share_pct, CAST(s.rank AS INTEGER) AS rank,
       CAST(s.n_reporters AS INTEGER) AS n_reporters, s.total AS reporters_total_usd,
       m.missing IS NULL AS coverage_complete, m.missing AS missing_large_exporters, nullif(s.flags, '') AS flags
FROM shares AS s LEFT JOIN missing AS m USING (year);

COMMENT ON VIEW ic_export_shares IS 'Each economy''s share of world integrated-circuit (HS 8542) exports per year, computed over the economies that reported to UN Comtrade that year. Check coverage_complete: in a year where large exporters have not reported (2024 lacks Taiwan and Singapore), the shares of the others are overstated.';
COMMENT ON COLUMN ic_export_shares.year IS 'Calendar year.';
COMMENT ON COLUMN ic_export_shares.country_iso3 IS 'Reporting economy (TWN is Comtrade''s S19 "Other Asia, nes").';
COMMENT ON COLUMN ic_export_shares.exports_usd IS 'HS 8542 exports to the world, USD (Hong Kong''s include re-exports).';
COMMENT ON COLUMN ic_export_shares.share_pct IS 'Share of the sum of all reporters'' exports that year, %.';
COMMENT ON COLUMN ic_export_shares.rank IS 'Rank among that year''s reporters (1 = largest exporter).';
COMMENT ON COLUMN ic_export_shares.n_reporters IS 'Number of economies behind the total.';
COMMENT ON COLUMN ic_export_shares.reporters_total_usd IS 'Sum of all reporters'' exports that year, USD.';
COMMENT ON COLUMN ic_export_shares.coverage_complete IS 'False when an economy that held at least 1% of the total in some year did not report this year.';
COMMENT ON COLUMN ic_export_shares.missing_large_exporters IS 'Those economies (ISO3, comma-separated), when coverage is incomplete.';
COMMENT ON COLUMN ic_export_shares.flags IS 'Flags of the value, e.g. the S19 = Taiwan note.';

CREATE OR REPLACE VIEW models_by_country AS
WITH counted AS (
    SELECT collection, country_iso3, CAST(year(published) AS INTEGER) AS year, count(DISTINCT model) AS models
    FROM ai_models
    WHERE country_iso3 IS NOT NULL AND published IS NOT NULL
    GROUP BY ALL
), as_of AS (  -- the day each collection speaks for: its producer's date, else the day it was fetched
    SELECT m.collection, max(coalesce(TRY_CAST(p.release AS DATE), CAST(p.fetched_at AS DATE))) AS as_of
    FROM core.ai_models AS m JOIN core.current_payloads AS p USING (payload_id)
    GROUP BY ALL
)
SELECT c.collection, c.country_iso3, c.year, CAST(c.models AS INTEGER) AS models,
       CAST(sum(c.models) OVER (PARTITION BY c.collection, c.country_iso3 ORDER BY c.year) AS INTEGER) AS cumulative,
       c.year < year(a.as_of) AS complete
FROM counted AS c LEFT JOIN as_of AS a USING (collection);

COMMENT ON VIEW models_by_country IS 'AI models per country and year of publication, and the running total, per collection (notable, large_scale, frontier, korea_catalogue). A model developed in two countries counts for each.';
COMMENT ON COLUMN models_by_country.collection IS 'notable, large_scale, frontier (Epoch AI) or korea_catalogue.';
COMMENT ON COLUMN models_by_country.country_iso3 IS 'Country of a developer organisation.';
COMMENT ON COLUMN models_by_country.year IS 'Year of publication.';
COMMENT ON COLUMN models_by_country.models IS 'Models published that year.';
COMMENT ON COLUMN models_by_country.cumulative IS 'Models published up to and including that year.';
COMMENT ON COLUMN models_by_country.complete IS 'False for a year that was not over on the day the collection speaks for (its producer''s date, else the day it was fetched): a part-year count, not comparable with full years.';

CREATE OR REPLACE VIEW benchmark_best_by_country AS
WITH best AS (
    SELECT benchmark, unit, reported_by, country_iso3, max(score) AS best_score, arg_max(model, score) AS best_model,
           count(*) AS n_scores
    FROM benchmark_scores
    WHERE country_iso3 IS NOT NULL
    GROUP BY ALL
), top AS (
    SELECT benchmark, unit, reported_by, max(score) AS global_best, arg_max(model, score) AS global_best_model
    FROM benchmark_scores GROUP BY ALL
)
SELECT b.benchmark, b.unit, b.reported_by, b.country_iso3, b.best_score, b.best_model,
       CAST(b.n_scores AS INTEGER) AS n_scores, t.global_best, t.global_best_model,
       t.global_best - b.best_score AS gap, 100 * b.best_score / nullif(t.global_best, 0) AS pct_of_best,
       CAST(rank() OVER (PARTITION BY b.benchmark, b.unit, b.reported_by ORDER BY b.best_score DESC) AS INTEGER)
           AS country_rank
FROM best AS b JOIN top AS t USING (benchmark, unit, reported_by);

COMMENT ON VIEW benchmark_best_by_country IS 'Best score per benchmark and country, the global best (any model, also of unknown country) and the gap. Independent and vendor-reported scores are kept apart.';
COMMENT ON COLUMN benchmark_best_by_country.benchmark IS 'Benchmark.';
COMMENT ON COLUMN benchmark_best_by_country.unit IS 'Unit of the scores.';
COMMENT ON COLUMN benchmark_best_by_country.reported_by IS 'independent or vendor.';
COMMENT ON COLUMN benchmark_best_by_country.country_iso3 IS 'Country of the model''s developer.';
COMMENT ON COLUMN benchmark_best_by_country.best_score IS 'Highest score of a model from that country.';
COMMENT ON COLUMN benchmark_best_by_country.best_model IS 'The model with that score.';
COMMENT ON COLUMN benchmark_best_by_country.n_scores IS 'Scores of that country''s models on the benchmark.';
COMMENT ON COLUMN benchmark_best_by_country.global_best IS 'Highest score of any model.';
COMMENT ON COLUMN benchmark_best_by_country.global_best_model IS 'The model with the global best.';
COMMENT ON COLUMN benchmark_best_by_country.gap IS 'global_best - best_score (0 for the leading country).';
COMMENT ON COLUMN benchmark_best_by_country.pct_of_best IS 'best_score as % of global_best.';
COMMENT ON COLUMN benchmark_best_by_country.country_rank IS 'Rank of the country on the benchmark (1 = leader).';

CREATE OR REPLACE VIEW investment_intensity AS
WITH investment AS (
    SELECT indicator_id, country_iso3, year, value, unit FROM observations
    WHERE indicator_id IN ('oecd_vc:VC_USD', 'cset_ai_investment:private_ai_investment')
), gdp AS (
    SELECT country_iso3, year, value FROM observations WHERE indicator_id = 'worldbank:NY.GDP.MKTP.CD'
), population AS (
    SELECT country_iso3, year, value FROM observations WHERE indicator_id = 'worldbank:SP.POP.TOTL'
)
SELECT i.indicator_id, i.country_iso3, i.year, i.value AS investment, i.unit,
       g.value AS gdp_usd, 100 * i.value / g.value AS pct_of_gdp, p.value AS population,
       i.value / p.value AS per_capita
FROM investment AS i
LEFT JOIN gdp AS g USING (country_iso3, year)
LEFT JOIN population AS p USING (country_iso3, year);

COMMENT ON VIEW investment_intensity IS 'Venture capital (OECD) and private AI investment (CSET) as % of GDP and per person, using World Bank GDP (current USD) and population. CSET values are in constant USD: their % of GDP is approximate. NULL where GDP or population is not loaded.';
COMMENT ON COLUMN investment_intensity.indicator_id IS 'oecd_vc:VC_USD or cset_ai_investment:private_ai_investment.';
COMMENT ON COLUMN investment_intensity.country_iso3 IS 'Country.';
COMMENT ON COLUMN investment_intensity.year IS 'Year.';
COMMENT ON COLUMN investment_intensity.investment IS 'Investment in unit.';
COMMENT ON COLUMN investment_intensity.unit IS 'Unit of investment.';
COMMENT ON COLUMN investment_intensity.gdp_usd IS 'GDP, current USD (World Bank).';
COMMENT ON COLUMN investment_intensity.pct_of_gdp IS 'Investment as % of GDP.';
COMMENT ON COLUMN investment_intensity.population IS 'Population (World Bank SP.POP.TOTL).';
COMMENT ON COLUMN investment_intensity.per_capita IS 'Investment per person, in unit.';

CREATE OR REPLACE VIEW observation_changes AS
WITH vintages AS (
    SELECT payload_id, source_id, dataset, vintage, loaded_at,
           lag(payload_id) OVER (PARTITION BY source_id, dataset ORDER BY payload_id) AS previous_id,
           lag(vintage) OVER (PARTITION BY source_id, dataset ORDER BY payload_id) AS previous_vintage
    FROM raw.payloads
), after AS (
    SELECT v.payload_id, o.indicator_id, o.country_iso3, o.freq, o.period, o.value, o.unit
    FROM vintages AS v JOIN core.observations AS o USING (payload_id)
), before AS (
    SELECT v.payload_id, o.indicator_id, o.country_iso3, o.freq, o.period, o.value, o.unit
    FROM vintages AS v JOIN core.observations AS o ON o.payload_id = v.previous_id
), known_periods AS (
    SELECT DISTINCT payload_id, indicator_id, freq, period FROM before
), diff AS (
    SELECT coalesce(a.payload_id, b.payload_id) AS payload_id,
           coalesce(a.indicator_id, b.indicator_id) AS indicator_id,
           coalesce(a.country_iso3, b.country_iso3) AS country_iso3,
           coalesce(a.freq, b.freq) AS freq, coalesce(a.period, b.period) AS period,
           CASE WHEN b.payload_id IS NULL THEN 'new' WHEN a.payload_id IS NULL THEN 'removed' ELSE 'revised' END
               AS change,
           b.value AS old_value, a.value AS new_value, coalesce(a.unit, b.unit) AS unit
    FROM after AS a
    FULL JOIN before AS b ON a.payload_id = b.payload_id AND a.indicator_id = b.indicator_id
        AND a.country_iso3 = b.country_iso3 AND a.freq = b.freq AND a.period = b.period
    WHERE a.payload_id IS NULL OR b.payload_id IS NULL OR a.value <> b.value
)
SELECT d.indicator_id, d.country_iso3, d.freq, d.period, CAST(year(d.period) AS INTEGER) AS year, d.change,
       d.old_value, d.new_value, d.unit,
       d.change = 'new' AND k.payload_id IS NULL AS new_period,
       v.source_id, v.dataset, v.vintage, v.previous_vintage, v.loaded_at
FROM diff AS d
JOIN vintages AS v USING (payload_id)
LEFT JOIN known_periods AS k USING (payload_id, indicator_id, freq, period);

COMMENT ON VIEW observation_changes IS 'What each vintage changed: every value that is new, revised or removed against the previous vintage of the same dataset (a dataset''s first vintage: all its values are new). Published versions are named by their time: a vintage belongs to the first version published after its loaded_at (kaim changes, the dashboard''s What changed page).';
COMMENT ON COLUMN observation_changes.indicator_id IS 'Indicator id (see the indicators view).';
COMMENT ON COLUMN observation_changes.country_iso3 IS 'Country or aggregate code.';
COMMENT ON COLUMN observation_changes.freq IS 'Frequency: A annual, Q quarterly, M monthly.';
COMMENT ON COLUMN observation_changes.period IS 'First day of the period the value refers to.';
COMMENT ON COLUMN observation_changes.year IS 'Calendar year of the period.';
COMMENT ON COLUMN observation_changes.change IS 'new (no value for this key in the previous vintage), revised (a different value) or removed (the new vintage no longer has it).';
COMMENT ON COLUMN observation_changes.old_value IS 'The value in the previous vintage (NULL when new).';
COMMENT ON COLUMN observation_changes.new_value IS 'The value in this vintage (NULL when removed).';
COMMENT ON COLUMN observation_changes.unit IS 'Unit of the values.';
COMMENT ON COLUMN observation_changes.new_period IS 'True for a new value of a period the previous vintage had for no country (a new year, quarter or month of the indicator).';
COMMENT ON COLUMN observation_changes.source_id IS 'Collector that loaded the vintage.';
COMMENT ON COLUMN observation_changes.dataset IS 'Dataset of the source (one payload file per vintage).';
COMMENT ON COLUMN observation_changes.vintage IS 'The vintage that made the change (see observation_vintages).';
COMMENT ON COLUMN observation_changes.previous_vintage IS 'The vintage it is compared with (NULL for a dataset''s first vintage).';
COMMENT ON COLUMN observation_changes.loaded_at IS 'When the vintage was loaded into the warehouse (UTC).';
