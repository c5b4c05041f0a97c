"""Public tables beyond observations: their columns, comments and keys, declared once.

From each declaration come the core table, the public view (latest vintage, with source and
vintage), the COMMENTs the data dictionary is generated from, and the validation of parser output.
A column named ``country_iso3`` is filled from the parser's ``country_code`` (a code or a name).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    comment: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    comment: str
    columns: tuple[Column, ...]
    #: Columns that identify a row within one payload (duplicates fail validation).
    key: tuple[str, ...]
    #: Columns the public view takes from another declared table's view, ``(column, SQL over its alias j)``,
    #: matched on ``joined_on``: what a source states in another of its files (e.g. whether a supply-chain
    #: provider is a country) is read from there, never guessed from a name.
    joined: tuple[tuple[Column, str], ...] = ()
    #: ``(other table, column)`` the joined columns are matched on.
    joined_on: tuple[str, str] | None = None

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def maps_countries(self) -> bool:
        return "country_iso3" in self.names


COUNTRY = Column("country_iso3", "VARCHAR", "ISO 3166 alpha-3 code of the country (see the countries view); NULL "
                 "when the source gives none or a name that maps to no country (listed in unmapped_codes).")
COUNTRY_NAME = Column("country_name", "VARCHAR", "The country as the source spells it.")
SOURCE_URL = Column("source_url", "VARCHAR", "Where the figure was published (several URLs are separated by ' ; ').")

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("ai_models", "AI models: one row per model and country of its developers (a model with developers in two "
          "countries has two rows). Epoch AI's notable, large-scale and frontier models, and the Korean model "
          "catalogue.", (
              Column("model", "VARCHAR", "Model name as the source gives it.", True),
              Column("organization", "VARCHAR", "Developer organisation(s), comma-separated as in the source."),
              COUNTRY, COUNTRY_NAME,
              Column("published", "DATE", "Publication or release date (first day of the month or year where "
                     "the source gives only that; see date_precision)."),
              Column("date_precision", "VARCHAR", "day, month or year: how precise published is."),
              Column("parameters", "DOUBLE", "Number of parameters."),
              Column("training_compute_flop", "DOUBLE", "Training compute in FLOP."),
              Column("domain", "VARCHAR", "Domain(s), e.g. Language, Vision, Biology."),
              Column("open_weights", "VARCHAR", "Whether the weights are downloadable: yes, no, partial or unknown."),
              Column("accessibility", "VARCHAR", "The source's accessibility category, e.g. Open weights "
                     "(unrestricted), API access, Unreleased."),
              Column("collection", "VARCHAR", "Which list the row comes from: notable, large_scale, frontier "
                     "(Epoch AI) or korea_catalogue.", True),
              Column("link", "VARCHAR", "Link to the model's paper, card or announcement."),
              Column("notes", "VARCHAR", "Notes of the source on the row."),
          ), ("collection", "model", "country_name")),
    Table("benchmark_scores", "Benchmark and leaderboard scores of AI models, with who reported them. Scores from "
          "different sources use different prompts, shots and judges: compare within one benchmark and source.", (
              Column("model", "VARCHAR", "Model name or id as the source gives it.", True),
              Column("benchmark", "VARCHAR", "Benchmark, e.g. GPQA Diamond, KMMLU, LogicKor overall.", True),
              Column("score", "DOUBLE", "The score on the benchmark's declared scale (unit), the same for every row "
                     "of the benchmark: reported_score converted where the source used another scale (rescaled).",
                     True),
              Column("unit", "VARCHAR", "The benchmark's declared scale: score (0-100), judge score (1-10), ECI "
                     "points or normalised score (0-100).", True),
              Column("reported_score", "DOUBLE", "The score as the source published it, in reported_scale."),
              Column("reported_scale", "VARCHAR", "Scale of reported_score, e.g. fraction (0-1), score (0-100), "
                     "judge score x 10 (0-100)."),
              Column("rescaled", "BOOLEAN", "True where score is reported_score converted to the declared scale."),
              Column("scale_basis", "VARCHAR", "How reported_scale is known: stated by the source, or inferred from "
                     "the values of the source's whole table column (e.g. all within 0-1)."),
              Column("evaluated", "DATE", "When the score was evaluated or submitted, where the source says (Epoch AI: "
                     "the run's start; Open LLM Leaderboard: submission; Chatbot Arena table: its date); not the "
                     "model's release (released)."),
              Column("released", "DATE", "Release date of the model, where the source gives it (Epoch AI: Release "
                     "date; Open LLM Leaderboard: upload to the Hugging Face Hub)."),
              Column("reported_by", "VARCHAR", "independent (Epoch AI, LMSYS, Open LLM Leaderboard, LogicKor) or "
                     "vendor (model cards, READMEs, developers' papers).", True),
              Column("reporter", "VARCHAR", "Who published the figure."),
              Column("organization", "VARCHAR", "Developer of the model as the source names it (a Hugging Face "
                     "namespace for model ids); where the source names only the model, the organisation whose model "
                     "family the name starts with (collectors/organisations.csv)."),
              Column("country_iso3", "VARCHAR", "Country of the developer: the source's where it gives one, else "
                     "from the reviewed organisations table (collectors/organisations.csv); NULL for organisations "
                     "the table lacks (listed in unmapped_codes)."),
              Column("setting", "VARCHAR", "Evaluation setting: shots, prompt style, reasoning mode."),
              SOURCE_URL,
              Column("record_id", "VARCHAR", "The source's own id of the row (an evaluation run), where it has one."),
          ), ("model", "benchmark", "setting", "reporter", "evaluated", "record_id")),
    Table("policy_events", "AI and semiconductor policy events by country: strategies, laws, funding, chips.", (
        Column("date", "DATE", "Date of the event (first of the month where only the month is known).", True),
        Column("date_precision", "VARCHAR", "day or month.", True),
        COUNTRY,
        Column("title", "VARCHAR", "Short title.", True),
        Column("title_ko", "VARCHAR", "Short title in Korean (policy/events_ko.csv): the official Korean name of a "
               "Korean policy, a translation for other countries; NULL where none is given (Korean pages then show "
               "title)."),
        Column("category", "VARCHAR", "strategy, law, funding, chips, compute, talent, data or regulation.", True),
        Column("amount_usd", "DOUBLE", "Amount in US dollars where the cited source states one (nominal)."),
        Column("summary", "VARCHAR", "One-sentence summary."),
        SOURCE_URL,
    ), ("date", "country_iso3", "title")),
    Table("supply_chain_providers", "Providers in the ETO Chip Explorer supply-chain data: countries and firms, with "
          "the firms' home countries. Licence CC BY-NC 4.0.", (
              Column("provider_id", "VARCHAR", "ETO id of the provider (joins supply_chain_shares).", True),
              Column("provider", "VARCHAR", "Country code or firm name.", True),
              Column("provider_type", "VARCHAR", "country or organization, as the source types the provider.", True),
              Column("country_iso3", "VARCHAR", "ISO 3166 alpha-3 code of the provider when the source types it "
                     "a country (ETO's MAL is Malaysia, MYS), else of the firm's home country; NULL when it maps to "
                     "no country (listed in unmapped_codes)."),
              Column("name_collision", "VARCHAR", "For a firm whose name equals a country or aggregate code or name "
                     "(the foundry UMC and the World Bank's Upper middle income, Arm and Armenia): that code and "
                     "name. The firm stays a firm: only the source's provider_type makes a provider a country."),
          ), ("provider_id",)),
    Table("supply_chain_shares", "Share of each semiconductor supply-chain segment provided by each country or firm "
          "(ETO Chip Explorer / CSET, reference year about 2019). Licence CC BY-NC 4.0: non-commercial use only.", (
              Column("segment_id", "VARCHAR", "ETO id of the supply-chain segment (S1...).", True),
              Column("segment", "VARCHAR", "Segment name, e.g. Fabrication, Design, Assembly, testing, and "
                     "packaging (ATP).", True),
              Column("provider_id", "VARCHAR", "ETO id of the provider.", True),
              Column("provider", "VARCHAR", "Provider: a country code or a firm name.", True),
              Column("share_pct", "DOUBLE", "Market share of the provider in the segment, %."),
              Column("negligible", "BOOLEAN", "True where the source marks the share as negligible.", True),
          ), ("segment_id", "provider_id"),
          joined=(
              (Column("provider_type", "VARCHAR", "country or organization, as the source's provider list types "
                      "the provider (supply_chain_providers); NULL for a provider the list lacks."), "j.provider_type"),
              (Column("country_iso3", "VARCHAR", "ISO 3166 alpha-3 code of the provider when the provider list "
                      "types it a country, else NULL (a firm's name is never read as a country code: UMC is a "
                      "foundry, not Upper middle income)."),
               "CASE WHEN j.provider_type = 'country' THEN j.country_iso3 END"),
              (Column("home_iso3", "VARCHAR", "Home country of a firm provider (from supply_chain_providers); NULL "
                      "for a country."), "CASE WHEN j.provider_type = 'organization' THEN j.country_iso3 END"),
          ),
          joined_on=("supply_chain_providers", "provider_id")),
    Table("trade_by_partner", "A reporter's trade in a product with each partner by period, with the share of its "
          "trade with all partners: how exposed is Korea's memory trade to one buyer? Korea Customs Service: "
          "monthly exports of HS 8541, 8542, 8486 and the 10-digit HSK lines under 8542 (DRAM, NAND, "
          "multi-component ICs incl. HBM, chip inputs) to each destination it lists; its 10-day provisional "
          "month totals of DRAM modules to China and the US.", (
              Column("country_iso3", "VARCHAR", "ISO 3166 alpha-3 code of the reporting country (the exporter)."),
              Column("partner_iso3", "VARCHAR", "ISO 3166 alpha-3 code of the partner (the destination of exports); "
                     "NULL where the source's partner code maps to no country (partner_code keeps it, and the run "
                     "message names it)."),
              Column("partner_code", "VARCHAR", "The partner as the source writes it (Korea customs: ISO 3166 "
                     "alpha-2; its 10-day figures: the Korean name).", True),
              Column("flow", "VARCHAR", "X (exports) or M (imports).", True),
              Column("product_code", "VARCHAR", "HS heading or Korean 10-digit HSK line, e.g. 8542 (integrated "
                     "circuits), 8542321010 (DRAM), 8542321030 (NAND), 8542323000 (multi-component ICs incl. HBM).",
                     True),
              Column("product", "VARCHAR", "The product in English."),
              Column("freq", "VARCHAR", "M (monthly).", True),
              Column("period", "DATE", "First day of the period.", True),
              Column("value_usd", "DOUBLE", "Value traded with the partner in the period, USD.", True),
              Column("total_usd", "DOUBLE", "The reporter's trade in the product with all partners in the period, "
                     "USD, as the source totals it: the base of share_pct."),
              Column("share_pct", "DOUBLE", "value_usd as a % of total_usd. The shares of the listed partners "
                     "need not add up to 100: the source lists its main destinations only."),
              Column("flags", "VARCHAR", "P: provisional (10-day figures); empty otherwise."),
          ), ("flow", "product_code", "partner_code", "freq", "period")),
    Table("company_market_shares", "Memory and foundry market shares of companies by quarter, as TrendForce figures "
          "were quoted in news pages (TRANSCRIBED, secondary: not fit for official statistics).", (
              Column("segment", "VARCHAR", "DRAM, NAND or Foundry.", True),
              Column("period", "DATE", "First day of the quarter (or year) the figure covers.", True),
              Column("period_label", "VARCHAR", "The period as the source writes it, e.g. 2Q25.", True),
              Column("rank", "INTEGER", "Rank in the segment, where stated."),
              Column("company", "VARCHAR", "Company.", True),
              COUNTRY,
              Column("revenue_usd", "DOUBLE", "Revenue in USD."),
              Column("revenue_qoq_pct", "DOUBLE", "Revenue change on the previous quarter, %."),
              Column("share_pct", "DOUBLE", "Market share, %."),
              Column("source_org", "VARCHAR", "Original publisher of the figure."),
              SOURCE_URL,
              Column("notes", "VARCHAR", "Scope notes of the transcriber."),
          ), ("segment", "period_label", "company", "source_url")),
    Table("semiconductor_sales", "World semiconductor sales by region (WSTS figures as quoted in SIA press releases; "
          "TRANSCRIBED, secondary). The same period can appear in several releases (revisions).", (
              Column("period", "DATE", "First day of the period.", True),
              Column("period_label", "VARCHAR", "The period as the source writes it.", True),
              Column("period_type", "VARCHAR", "month_3mma, month, quarter, year, growth...", True),
              Column("region", "VARCHAR", "WSTS/SIA region: Americas, Europe, Japan, China, Asia Pacific/All "
                     "Other, Worldwide.", True),
              COUNTRY,
              Column("value", "DOUBLE", "The figure in unit (USD for sales, % for growth).", True),
              Column("unit", "VARCHAR", "USD or %.", True),
              Column("release_covering", "VARCHAR", "Data month of the release the figure came from."),
              Column("source_org", "VARCHAR", "Who published the figure."),
              SOURCE_URL,
              Column("notes", "VARCHAR", "Notes of the transcriber."),
          ), ("period_label", "period_type", "region", "release_covering", "source_url")),
)}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_sql(table: Table) -> str:
    """CREATE TABLE for the core table (a no-op when it exists)."""
    columns = ",\n    ".join(f"{c.name} {c.type}" + (" NOT NULL" if c.required else "") for c in table.columns)
    return f"CREATE TABLE IF NOT EXISTS core.{table.name} (\n    payload_id BIGINT NOT NULL,\n    {columns}\n);"


def migrate_sql(table: Table, existing: set[str]) -> list[str]:
    """ALTER statements adding the columns a newer declaration has (nullable: older rows lack them), and
    making nullable the columns it no longer has (kept for older rows; new rows do not fill them)."""
    added = [f"ALTER TABLE core.{table.name} ADD COLUMN {c.name} {c.type}" for c in table.columns
             if c.name not in existing]
    retired = [f"ALTER TABLE core.{table.name} ALTER COLUMN {name} DROP NOT NULL"
               for name in sorted(existing - set(table.names) - {"payload_id"})]
    return added + retired


def view_sql(table: Table) -> str:
    """The commented public view of the table's rows from current payloads."""
    names = ", ".join([f"t.{c.name}" for c in table.columns] + [f"{sql} AS {c.name}" for c, sql in table.joined])
    join = ""
    if table.joined_on:
        other, on = table.joined_on
        join = f"\nLEFT JOIN {other} AS j ON j.{on} = t.{on}"
    statements = [
        f"CREATE OR REPLACE VIEW {table.name} AS SELECT {names}, p.source_id, p.vintage\n"
        f"FROM core.{table.name} AS t JOIN core.current_payloads AS p USING (payload_id){join};",
        f"COMMENT ON VIEW {table.name} IS {_quote(table.comment)};",
    ]
    for column in [*table.columns, *(c for c, _ in table.joined)]:
        statements.append(f"COMMENT ON COLUMN {table.name}.{column.name} IS {_quote(column.comment)};")
    statements.append(f"COMMENT ON COLUMN {table.name}.source_id IS 'Collector that loaded the row.';")
    statements.append(f"COMMENT ON COLUMN {table.name}.vintage IS 'Release of the payload the row came from.';")
    return "\n".join(statements)
