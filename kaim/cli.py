"""The ``kaim`` command line: collect, mirror pull, publish, path, status, serve, sql."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb

from collectors.errors import CollectorError
from collectors.http import make_session
from collectors.registry import RegistryError, select
from collectors.runner import pull_mirror
from kaim import output, pipeline
from kaim.errors import UserError
from kaim.settings import Settings, SettingsError, load_settings
from warehouse import pins, publish, sandbox
from warehouse.lock import LockHeldError
from warehouse.peers import forecast_countries
from warehouse.records import Run
from warehouse.status import status_frame

log = logging.getLogger("kaim")

#: Errors shown as one line with a non-zero exit; anything else is a bug and shows a traceback.
USER_ERRORS = (SettingsError, RegistryError, LockHeldError, publish.NotPublishedError, CollectorError,
               sandbox.QueryRefused, sandbox.QueryFailed, UserError, duckdb.Error, OSError)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_collect(args: argparse.Namespace, settings: Settings) -> int:
    collectors = select(args.sources)
    total = len(collectors)
    position = {c.id: n for n, c in enumerate(collectors, 1)}

    def progress(source_id: str, run: Run | None) -> None:
        if run is None:
            _say(f"[{position[source_id]}/{total}] {source_id} ...")
        else:
            _say(f"[{position[source_id]}/{total}] {source_id}: {output.describe_run(run)}")

    mirror = Path(args.mirror) if args.mirror else None
    result = pipeline.collect(settings, collectors, mirror=mirror, progress=progress)
    _say(output.collect_summary(result.runs, result.published))
    if result.failed:
        _say(f"kaim: error: failed source(s): {', '.join(r.source_id for r in result.failed)}")
        return 1
    return 0


def cmd_mirror_pull(args: argparse.Namespace, settings: Settings) -> int:
    collectors = select(args.sources)
    mirror = Path(args.dir)

    def progress(source_id: str, outcome: str | None) -> None:
        _say(f"{source_id} ..." if outcome is None else f"{source_id}: {outcome}")

    errors = pull_mirror(collectors, mirror, make_session(settings.http), progress=progress)
    _say(f"mirror {mirror}: {len(collectors) - len(errors)} of {len(collectors)} source(s) written")
    if errors:
        _say(f"kaim: error: failed source(s): {', '.join(errors)}")
        return 1
    return 0


def cmd_publish(args: argparse.Namespace, settings: Settings) -> int:
    print(pipeline.publish(settings).published)
    return 0


def cmd_path(args: argparse.Namespace, settings: Settings) -> int:
    print(publish.latest(settings.warehouse))
    return 0


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    with publish.connect_published(settings.warehouse) as con:
        frame = status_frame(con, settings.failing_after)
    print(output.render(frame, args.format))
    return 0


def cmd_sql(args: argparse.Namespace, settings: Settings) -> int:
    with sandbox.connect(publish.latest(settings.warehouse)) as con:
        result = sandbox.run(con, args.query, row_limit=args.limit, time_limit=args.timeout)
    print(output.render(result.frame, args.format))
    if result.truncated:
        _say(f"kaim: note: showing the first {args.limit:,} rows (--limit N for more)")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from kaim.serve import serve

    if os.geteuid() == 0 and not args.allow_root:
        raise UserError("refusing to serve as root: run kaim serve as an unprivileged user (README, "
                        "\"Deploying in public\"), or pass --allow-root")
    publish.latest(settings.warehouse)  # fail early, in one line, when nothing is published yet
    _say(f"serving the dashboard on http://{args.host}:{args.port}/ ({args.workers} worker(s)); Ctrl-C stops")
    serve(args.host, args.port, args.workers, access_log=not settings.behind_proxy)
    return 0


def cmd_catchup(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse import scenarios

    chosen = args.indicator or []
    with publish.connect_published(settings.warehouse) as con:
        rows = scenarios.frame(con, scenarios.CATCH_UP_SQL, country=scenarios.FOCUS, indicators=chosen)
        gaps = scenarios.frame(con, scenarios.GAP_SQL, country=scenarios.FOCUS, indicators=chosen)
        names = con.execute("SELECT indicator_id, name_en FROM indicators").df()
    table = scenarios.catch_up_table(rows, gaps).merge(names, on="indicator_id", how="left")
    columns = ["indicator_id", "name_en", "peer_iso3", "status", "year", "probability", "last_year", "p_crossed",
               "p_overtaken", "gap_year", "gap", "gap_share", "skilful", "reason"]
    print(output.render(table[columns].round({"probability": 2, "p_crossed": 2, "p_overtaken": 2, "gap_share": 3}),
                        args.format))
    return 0


def cmd_required_growth(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse import scenarios

    country = args.country.upper()
    with publish.connect_published(settings.warehouse) as con:
        series = scenarios.frame(con, scenarios.SERIES_SQL, indicator=args.indicator, country=country)
        forecast = scenarios.frame(con, scenarios.FORECAST_SQL, indicators=[args.indicator])
        others = scenarios.frame(con, scenarios.STANDINGS_SQL, indicator=args.indicator, year=args.year,
                                 country=country)
    try:
        answer = scenarios.scenario(args.indicator, country, series, forecast[forecast["country_iso3"] == country],
                                    args.year, value=args.target, rank=args.rank, others=others,
                                    growth=None if args.growth is None else args.growth / 100)
    except ValueError as exc:
        raise UserError(f"{args.indicator} for {country}: {exc}") from exc
    print(answer.sentence())
    return 0


def cmd_changes(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard import changelog, data

    publish.latest(settings.warehouse)
    with data.using(data.Reader(settings.dashboard)):
        try:
            history = changelog.history(since=args.since, limit=args.limit)
        except (changelog.UnknownVersion, changelog.ChangesUnavailable) as exc:
            raise UserError(str(exc)) from exc
        for vc in history:
            print(f"{vc.version.id}  {changelog.published_text(vc.version, args.lang)}")
            print("\n".join(f"  {line}" for line in changelog.lines(vc, args.lang, max_lines=args.max_lines)))
    if not history:
        _say(f"kaim: note: no version published after {args.since}" if args.since else "kaim: note: no versions")
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard import data, pin, report

    publish.latest(settings.warehouse)
    started = time.perf_counter()
    peers = [p.strip().upper() for p in args.peers.split(",") if p.strip()]
    pinned = pin.pinned.set(_published_stamp(settings, args.version)) if args.version else None
    try:
        with data.using(data.Reader(settings.dashboard)):
            out = report.write(args.country.upper(), peers, args.lang, args.format, Path(args.out))
    except report.ReportError as exc:
        raise UserError(str(exc)) from exc
    finally:
        if pinned is not None:
            pin.pinned.reset(pinned)
    _say(f"wrote the {args.format.upper()} briefing on {args.country.upper()} to {out} "
         f"in {time.perf_counter() - started:.1f} s")
    return 0


def _published_stamp(settings: Settings, stamp: str) -> str:
    """``stamp`` if it names a published version on disk, else a clear error listing those there are."""
    kept = sorted(pins.published(settings.warehouse))
    if stamp not in kept:
        raise UserError(f"--version {stamp!r} is not a published version here; the versions kept are "
                        f"{', '.join(kept) or 'none'}")
    return stamp


def cmd_forecast(args: argparse.Namespace, settings: Settings) -> int:
    _say("fitting forecasts (only series whose data changed since their last fit" +
         (", all of them" if args.force else "") + ") ...")
    step = pipeline.ForecastStep(None if args.all else forecast_countries(), force=args.force, jobs=args.jobs)
    result = pipeline.forecast(settings, step)
    refit = result.refit
    _say(f"{refit.series:,} series: {refit.refitted:,} refitted ({refit.forecast:,} forecast, {refit.declined:,} "
         f"declined), {refit.removed:,} removed, in {result.forecast_seconds:.1f} s; published {result.published}")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse.export import export_parquet

    published = publish.latest(settings.warehouse)
    started = time.perf_counter()
    written = export_parquet(published, Path(args.dir))
    _say(f"exported {len(written)} views of {published.name} to {args.dir} in {time.perf_counter() - started:.1f} s "
         "(README.md and schema.md beside them)")
    return 0


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse.dictionary import markdown

    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        text = markdown(con)
    if args.out == "-":
        print(text, end="")
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        _say(f"wrote the data dictionary to {args.out}")
    return 0


def cmd_schedule(args: argparse.Namespace, settings: Settings) -> int:
    from kaim import schedule

    logging.getLogger().setLevel(min(logging.getLogger().level, logging.INFO))
    _say(f"kaim schedule: collecting on each source's schedule (UTC) into {settings.home}; Ctrl-C stops")
    try:
        schedule.run(settings)
    except KeyboardInterrupt:
        _say("kaim schedule: stopped")
    return 0


def _command(sub: argparse._SubParsersAction, name: str, summary: str) -> argparse.ArgumentParser:
    """A command listed in its parent's help with ``summary``, which its own ``--help`` shows too."""
    return sub.add_parser(name, help=summary, description=summary)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kaim", description="Korea AI Monitor: collect, publish and query the warehouse.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _command(sub, "collect", "collect sources (live, or from a mirror folder) and publish")
    p.add_argument("sources", nargs="*", metavar="SOURCE", help="source ids (default: all)")
    p.add_argument("--mirror", metavar="DIR", help="read payloads from DIR/<source>/ instead of the internet")
    p.set_defaults(func=cmd_collect)

    p = _command(sub, "mirror", "manage a mirror folder for air-gapped networks")
    mirror_sub = p.add_subparsers(dest="mirror_command", required=True, metavar="ACTION")
    pull = _command(mirror_sub, "pull", "fetch every source live and write it to DIR in the mirror layout")
    pull.add_argument("dir", metavar="DIR")
    pull.add_argument("--source", dest="sources", action="append", metavar="SOURCE",
                      help="only this source (repeatable)")
    pull.set_defaults(func=cmd_mirror_pull)

    p = _command(sub, "publish", "publish the writer database as a new read-only version")
    p.set_defaults(func=cmd_publish)

    p = _command(sub, "schedule", "run the scheduled collectors in the foreground (the writer process)")
    p.set_defaults(func=cmd_schedule)

    p = _command(sub, "path", "print the path of the latest published DuckDB file")
    p.set_defaults(func=cmd_path)

    p = _command(sub, "status", "per source: last run, status, rows, latest period, age")
    p.add_argument("--format", choices=output.FORMATS, default="table")
    p.set_defaults(func=cmd_status)

    p = _command(sub, "serve", "serve the dashboard (gunicorn) on the published warehouse")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--allow-root", action="store_true", help="serve even as root (never in public)")
    p.set_defaults(func=cmd_serve)

    p = _command(sub, "forecast", "fit forecasts of changed series, then publish")
    p.add_argument("--all", action="store_true", help="every country, not only the dashboard's peer groups")
    p.add_argument("--force", action="store_true", help="refit every series, changed or not")
    p.add_argument("--jobs", type=int, default=2, help="processes for fitting (default 2)")
    p.set_defaults(func=cmd_forecast)

    p = _command(sub, "catchup", "when Korea's projection crosses each peer's, per indicator")
    p.add_argument("--indicator", action="append", help="indicator id (repeatable; default all)")
    p.add_argument("--format", choices=output.FORMATS, default="table")
    p.set_defaults(func=cmd_catchup)

    p = _command(sub, "required-growth", "annual growth needed to reach a target value or rank by a year "
                 "(or, with --growth, the rank a growth rate reaches)")
    p.add_argument("--indicator", required=True)
    p.add_argument("--year", type=int, required=True, help="target year")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--target", type=float, help="target value, in the indicator's unit")
    target.add_argument("--rank", type=int, help="target rank among economies (1 = first)")
    target.add_argument("--growth", type=float, metavar="PERCENT",
                        help="the reverse: the value and rank Korea reaches at PERCENT growth a year")
    p.add_argument("--country", default="KOR")
    p.set_defaults(func=cmd_required_growth)

    p = _command(sub, "changes", "what each published version changed: revised values, new periods, sources, "
                                 "Korea's ranks")
    p.add_argument("--since", metavar="VERSION", help="only versions published after VERSION (an id it prints)")
    p.add_argument("--lang", choices=("en", "ko"), default="en")
    p.add_argument("--limit", type=int, default=20, help="versions at most (default 20)")
    p.add_argument("--max-lines", type=int, default=50, help="revised values listed per version (default 50)")
    p.set_defaults(func=cmd_changes)

    p = _command(sub, "report", "write an analyst briefing (PDF, HTML or XLSX) on a country and its peers")
    p.add_argument("--country", default="KOR", help="ISO3 code of the country (default KOR)")
    p.add_argument("--peers", default="USA,CHN,JPN,TWN,DEU", help="comma-separated ISO3 codes of the peers")
    p.add_argument("--lang", choices=("ko", "en"), default="ko")
    p.add_argument("--format", choices=("pdf", "html", "xlsx"), required=True)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--version", metavar="STAMP", help="the published version to report on (its stamp, as a "
                   "pinned link's v= names it); default: the current one")
    p.set_defaults(func=cmd_report)

    p = _command(sub, "export", "export the published warehouse")
    export_sub = p.add_subparsers(dest="export_format", required=True, metavar="FORMAT")
    parquet = _command(export_sub, "parquet", "every public view as Parquet in DIR, with README and schema")
    parquet.add_argument("dir", metavar="DIR")
    parquet.set_defaults(func=cmd_export)

    p = _command(sub, "docs", "write the data dictionary (Markdown) generated from the warehouse COMMENTs")
    p.add_argument("--out", default="docs/schema.md", help="file to write, or - for standard output")
    p.set_defaults(func=cmd_docs)

    p = _command(sub, "sql", "run one read-only SELECT on the published warehouse")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=sandbox.DEFAULT_ROW_LIMIT, help="maximum rows (default 10000)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds before the query is cut off (default 60)")
    p.add_argument("--format", choices=output.FORMATS, default="table")
    p.set_defaults(func=cmd_sql)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s %(message)s")
        return args.func(args, settings)
    except USER_ERRORS as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        _say(f"kaim: error: {first_line}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
