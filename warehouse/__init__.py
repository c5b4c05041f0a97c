"""The DuckDB warehouse: raw payload layer, core tables, public views, the writer and publishing."""
