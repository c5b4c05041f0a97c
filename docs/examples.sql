-- Worked example queries on the published warehouse (`kaim sql "..."`, or any DuckDB client on the file
-- `kaim path` prints). Each block starts with "-- name:"; tests/test_collect_all.py runs every one.

-- name: korea_rank_per_indicator
-- Korea's rank among economies (not aggregates) on every annual indicator, in the latest year Korea reports.
WITH latest AS (
    SELECT indicator_id, max(year) AS year FROM observations
    WHERE country_iso3 = 'KOR' AND freq = 'A' GROUP BY indicator_id
), ranked AS (
    SELECT o.indicator_id, o.year, o.country_iso3, o.value,
           rank() OVER (PARTITION BY o.indicator_id ORDER BY o.value DESC) AS rank,
           count(*) OVER (PARTITION BY o.indicator_id) AS economies
    FROM observations AS o
    JOIN latest USING (indicator_id, year)
    JOIN countries AS c ON c.iso3 = o.country_iso3
    WHERE NOT c.is_aggregate AND o.freq = 'A'
)
SELECT r.indicator_id, i.name_en, i.name_ko, r.year, r.value, i.unit, r.rank, r.economies
FROM ranked AS r JOIN indicators AS i USING (indicator_id)
WHERE r.country_iso3 = 'KOR'
ORDER BY i.pillar, r.indicator_id;

-- name: ic_export_share_trend
-- Korea's share of world integrated-circuit exports, with the coverage flag of each year.
SELECT year, round(share_pct, 2) AS share_pct, rank, n_reporters, coverage_complete, missing_large_exporters
FROM ic_export_shares
WHERE country_iso3 = 'KOR'
ORDER BY year;

-- name: gerd_gap_to_leaders
-- GERD as % of GDP: Korea against the US, China, Japan, Taiwan and Germany, latest year each reports.
SELECT c.name_en, c.name_ko, o.year, round(o.value, 3) AS gerd_pct_gdp, o.flags
FROM observations AS o JOIN countries AS c ON c.iso3 = o.country_iso3
WHERE o.indicator_id = 'oecd_msti:G_XGDP' AND o.country_iso3 IN ('KOR', 'USA', 'CHN', 'JPN', 'TWN', 'DEU')
QUALIFY row_number() OVER (PARTITION BY o.country_iso3 ORDER BY o.year DESC) = 1
ORDER BY o.value DESC;

-- name: revisions_of_a_value
-- Every vintage of Korea's 2024 GERD loaded so far (revisions stay queryable).
SELECT vintage, value, flags, is_current, fetched_at
FROM observation_vintages
WHERE indicator_id = 'oecd_msti:G_XGDP' AND country_iso3 = 'KOR' AND year = 2024
ORDER BY fetched_at;

-- name: catch_up_years
-- When Korea's projected path crosses each peer's (after `kaim forecast`), trusted only where skilful.
SELECT c.indicator_id, i.name_en, c.peer_iso3, c.status, c.year, round(c.probability, 2) AS probability
FROM catch_up AS c JOIN indicators AS i USING (indicator_id)
WHERE c.country_iso3 = 'KOR' AND c.skilful
ORDER BY c.status, c.year, c.indicator_id;
