"""The `sitrep` command line: `sitrep extract INPUT... [-o OUT.jsonl] [--pretty]`.

Reading is sitrep.io's, extraction sitrep.extract.pipeline's; this module wires them
together, reports what was skipped, and renders the --pretty view.

Exit codes of `sitrep extract`:
  0  every input was read and extracted
  1  some inputs were skipped (each reported on stderr as FILE:LINE: why); the rest was written
  2  usage error: bad option value (e.g. --published), no input given
  3  the extractor failed on some documents (a bug; reported on stderr); the rest was written
A document that takes longer than its time budget (--time-budget) is skipped (code 1).
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from sitrep.extract.budget import DEFAULT_TIME_BUDGET, TimeBudgetExceeded
from sitrep.io import MAX_CHARS, ExtractionWriter, Problem, find_inputs, input_size, iter_documents
from sitrep.model import Document, Extraction

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_EXTRACTOR = 0, 1, 2, 3
PROGRESS_MIN_BYTES = 1_000_000
PROBLEMS_SHOWN_PER_FILE = 10
_TIME_BUDGET_OPTION = typer.Option(
    "--time-budget", min=0.0, metavar="SECONDS",
    help="Seconds a report of up to 100,000 characters may take (a longer one gets as much again "
         "per 100,000); a report past it is skipped and named on stderr. 0: no limit.")

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news reports about political violence into sourced incident records.")


@app.callback()
def main() -> None:
    """sitrep: news reports in, incident records (events, tallies, claims, mentions) out."""


def _date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD",
                                 param_hint="'--published'") from None


@app.command("extract")
def extract_command(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT",
        help="A .txt report, a JSON Lines file of input documents (.jsonl, .jsonl.gz), "
             "a folder of them (read recursively), or - for JSON Lines on stdin.")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write JSON Lines here (.gz compresses) instead of stdout.")] = None,
    published: Annotated[Optional[str], typer.Option(
        help="Publication date YYYY-MM-DD of .txt reports and of JSON rows without one "
             "(default: today).")] = None,
    pretty: Annotated[bool, typer.Option(
        "--pretty", help="Print readable tables instead of JSON Lines "
                         "(with -o, the JSON Lines still go to the file).")] = False,
    max_chars: Annotated[int, typer.Option(
        min=1, help="Skip a document whose text is longer than this many characters.")] = MAX_CHARS,
    progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar on stderr (default: on a terminal, for inputs over 1 MB).",
        show_default=False)] = None,
    link: Annotated[Optional[bool], typer.Option(
        "--link/--no-link",
        help="Link the events of all documents of the run into incidents and write "
             "incident_id on each event (default: on when more than one document is extracted). "
             "The JSON Lines are then written when the run ends.",
        show_default=False)] = None,
    time_budget: Annotated[float, _TIME_BUDGET_OPTION] = DEFAULT_TIME_BUDGET,
) -> None:
    """Extract events, tallies, claims and mentions from each input document.

    Output: one JSON object per document (the extraction format), in input order; with
    linking, each event carries the incident_id shared by every report of one incident.
    Exit code 0 all done; 1 some inputs skipped (see stderr); 2 usage error;
    3 the extractor failed on some documents.
    """
    from sitrep.extract.pipeline import extract  # imported here, to keep --help fast
    from sitrep.fuse.batch import LinkedBatch

    day = _date(published) or dt.date.today()
    err = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)
    out = _pretty_console() if pretty else None
    files = list(find_inputs(inputs))
    if output is not None and any(isinstance(f, Path) and f.resolve() == output.resolve()
                                  for f in files):
        # Opening the output would empty an input before it is read.
        raise typer.BadParameter(f"{output} is also an input; write the output elsewhere",
                                 param_hint="'--output'")
    try:
        writer = ExtractionWriter(output) if output is not None or not pretty else None
    except OSError as e:
        raise typer.BadParameter(f"cannot write {output}: {e.strerror or e}",
                                 param_hint="'--output'") from None
    # Linking needs the whole batch: extractions wait in a spool file, only each event's
    # linking facts stay in memory (see sitrep.fuse.batch).
    batch = LinkedBatch(writer) if writer is not None and link is not False else None

    size = input_size(files)
    show = progress if progress is not None else (err.is_terminal and size >= PROGRESS_MIN_BYTES)
    bar = Progress(TextColumn("extracting"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                   console=err, transient=True, disable=not show)
    task = bar.add_task("extract", total=size or None)

    done = skipped = failed = 0
    per_file: Counter[str] = Counter()
    try:
        with bar:
            for item in iter_documents(files, day, max_chars,
                                       lambda n: bar.advance(task, n)):
                if isinstance(item, Problem):
                    skipped += 1
                    per_file[item.path] += 1
                    if per_file[item.path] <= PROBLEMS_SHOWN_PER_FILE:
                        err.print(f"skipped {item}", markup=False)
                    continue
                result = _extract_one(extract, item, err, time_budget)
                if result is TIMED_OUT:
                    skipped += 1
                    continue
                if result is None:
                    failed += 1
                    continue
                done += 1
                if batch is not None:
                    batch.add(result, item)
                elif writer is not None:
                    writer.write(result)
                if out is not None:
                    render(result, item, out)
        if batch is not None:
            # --link, or by default when the run had more than one document.
            batch.finish(link=link is True or (link is None and done > 1))
    except KeyboardInterrupt:
        if batch is not None:
            batch.finish(link=False)  # what was extracted is kept, without incident ids
        err.print(f"sitrep: interrupted after {done} documents", markup=False)
        raise typer.Exit(130)
    except BrokenPipeError:
        # Reader went away (`sitrep extract ... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_OK)
    finally:
        if batch is not None:
            batch.discard()
        if writer is not None:
            writer.close()

    for path, count in per_file.items():
        if count > PROBLEMS_SHOWN_PER_FILE:
            err.print(f"skipped {path}: {count - PROBLEMS_SHOWN_PER_FILE} more problems not shown",
                      markup=False)
    if skipped or failed or err.is_terminal:
        err.print(f"sitrep: {done} extracted, {skipped} skipped, {failed} failed", markup=False)
    raise typer.Exit(EXIT_EXTRACTOR if failed else EXIT_SKIPPED if skipped else EXIT_OK)


TIMED_OUT = object()


def _extract_one(extract: Callable[..., Extraction], doc: Document, err: Console,
                 time_budget: float) -> object:
    """The extraction, None when the extractor failed, TIMED_OUT past the time budget."""
    try:
        return extract(doc, budget=time_budget)
    except TimeBudgetExceeded as e:
        err.print(f"skipped {doc.id}: {e}", markup=False)
        return TIMED_OUT
    except Exception as e:  # noqa: BLE001 - one bad document must not stop a batch
        frame = traceback.extract_tb(e.__traceback__)[-1]
        err.print(f"failed {doc.id}: extractor error {type(e).__name__}: {e} "
                  f"({Path(frame.filename).name}:{frame.lineno})", markup=False)
        return None


# ---------------------------------------------------------------- --pretty


def _pretty_console() -> Console:
    console = Console(highlight=False, emoji=False)
    if not console.is_terminal:
        console = Console(highlight=False, emoji=False, width=140)
    console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]  # rich would exit 1
    return console


def _broken_pipe() -> None:
    raise BrokenPipeError


def _dash(value: object) -> str:
    return "–" if value is None or value == "" else str(value)


_QUALIFIED = {"at_least": "at least {}", "more_than": "over {}", "about": "about {}",
              "up_to": "up to {}", "vague": "~{} (vague)"}


def format_count(count: object) -> str:
    """'killed: at least 36 civilians (military)' from a Count, whatever fields it has."""
    best = getattr(count, "best", None)
    qualifier = getattr(count, "qualifier", None)
    low, high = getattr(count, "low", None), getattr(count, "high", None)
    if qualifier == "range" and low is not None and high is not None:
        figure = f"{low}–{high}"
    else:
        figure = _QUALIFIED.get(qualifier, "{}").format(_dash(best))
    group = getattr(count, "group", None)
    text = f"{_dash(getattr(count, 'outcome', None))}: {figure}"
    if group and group != "all":
        text += f" {group.replace('_', ' ')}"
    source = getattr(count, "source", None)
    return f"{text} ({source})" if source else text


def _place(location: object) -> str:
    parts: list[str] = []
    for field in ("name", "admin2", "admin1", "country"):
        value = getattr(location, field, None)
        if value and value not in parts:
            parts.append(value)
    return ", ".join(parts) or "–"


def _actor(actor: object) -> str:
    if actor is None:
        return "?"
    kind = getattr(actor, "kind", None)
    name = getattr(actor, "name", None) or "?"
    return f"{name} [{kind}]" if kind and kind != "unknown" else name


def _day(value: object, precision: object) -> str:
    suffix = {2: " (week)", 3: " (month)"}.get(precision, "")  # type: ignore[arg-type]
    return f"{_dash(value)}{suffix}"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _add_row(table: Table, *cells: str) -> None:
    # Plain Text, so that brackets in names ("[rebel_group]") are not read as markup.
    table.add_row(*(Text(cell) for cell in cells))


def _short(text: object, limit: int = 160) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(extraction: Extraction, doc: Document, console: Console) -> None:
    """A readable view of one extraction; renders whatever fields the records have."""
    events = getattr(extraction, "events", None) or []
    tallies = getattr(extraction, "tallies", None) or []
    claims = getattr(extraction, "claims", None) or []
    mentions = getattr(extraction, "mentions", None) or []
    dated = f", published {doc.published}" if doc.published else ""
    console.rule(Text.assemble((extraction.id, "bold"),
                               f"{dated}: {len(events)} events, {len(tallies)} tallies, "
                               f"{len(claims)} claims, {len(mentions)} mentions"), align="left")
    if doc.title:
        console.print(doc.title, markup=False)

    if events:
        table = _table("Events", "#", "date", "place", "type", "actors", "fatalities", "casualties")
        for i, e in enumerate(events, 1):
            kind = " / ".join(x for x in (getattr(e, "event_type", None),
                                          getattr(e, "sub_event_type", None)) if x) or "–"
            attack = getattr(e, "attack_type", None)
            if attack:
                kind += f"\nGTD: {attack}"
            _add_row(table, str(i), _day(getattr(e, "date", None), getattr(e, "date_precision", None)),
                          _place(getattr(e, "location", None)), kind,
                          f"{_actor(getattr(e, 'actor1', None))} → {_actor(getattr(e, 'actor2', None))}",
                          _dash(getattr(e, "fatalities", None)),
                          "\n".join(format_count(c) for c in getattr(e, "casualties", None) or []) or "–")
        console.print(table)
    if tallies:
        table = _table("Tallies", "label", "area", "period", "casualties", "source")
        for t in tallies:
            start, end = getattr(t, "start", None), getattr(t, "end", None)
            period = f"{start} – {end}" if start and end else f"until {end}" if end else _dash(start)
            area = ", ".join(x for x in (getattr(t, "area", None), getattr(t, "country", None)) if x)
            _add_row(table, _dash(getattr(t, "label", None)), area or "–", period,
                          "\n".join(format_count(c) for c in getattr(t, "casualties", None) or []) or "–",
                          _dash(getattr(t, "source", None)))
        console.print(table)
    if claims:
        table = _table("Claims", "kind", "speaker", "target", "text")
        for c in claims:
            speaker = _dash(getattr(c, "speaker", None))
            role = getattr(c, "speaker_role", None)
            _add_row(table, _dash(getattr(c, "kind", None)), f"{speaker}\n{role}" if role else speaker,
                          _dash(getattr(c, "target", None)), _short(getattr(c, "text", None)))
        console.print(table)
    if mentions:
        table = _table("Mentions", "kind", "name", "amount")
        for m in mentions:
            _add_row(table, _dash(getattr(m, "kind", None)), _dash(getattr(m, "name", None)),
                          _amount(getattr(m, "amount", None)))
        console.print(table)
    if not (events or tallies or claims or mentions):
        console.print("nothing found: no events, tallies, claims or mentions", markup=False)
    console.print()


def _amount(amount: object) -> str:
    if amount is None:
        return "–"
    low, high = getattr(amount, "low", None), getattr(amount, "high", None)
    if low is None:
        return "–"
    figure = f"{low:,.0f}" if low == high or high is None else f"{low:,.0f}–{high:,.0f}"
    currency = getattr(amount, "currency", None)
    return f"{figure} {currency}" if currency else figure


def _open_store(db: Optional[str]):
    from sitrep.store import Store

    try:
        return Store(db)
    except Exception as e:  # a bad URL or an unreachable server: say which, not a traceback
        raise typer.BadParameter(f"cannot open the database: {e}", param_hint="'--db'") from None


_DB_OPTION = typer.Option(help="Database URL (sqlite:///PATH or postgresql://...). Default: $SITREP_DB, "
                               "else SQLite in the user's data folder.", show_default=False)


def _incident_filters(country, admin1, date_from, date_to, event_type, actor, min_fatalities) -> dict:
    return {"country": country, "admin1": admin1, "date_from": _date_option(date_from, "--from"),
            "date_to": _date_option(date_to, "--to"), "event_type": event_type, "actor": actor,
            "min_fatalities": min_fatalities}


def _date_option(value: Optional[str], name: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint=f"'{name}'") from None


@app.command("ingest")
def ingest_command(
    sources: Annotated[list[str], typer.Argument(
        metavar="SOURCE",
        help="Text files, JSON Lines (.jsonl, .jsonl.gz), saved HTML pages, RSS/Atom feeds, folders of "
             "them, http(s) URLs of pages or feeds, or - for JSON Lines on stdin.")],
    db: Annotated[Optional[str], _DB_OPTION] = None,
    published: Annotated[Optional[str], typer.Option(
        help="Publication date YYYY-MM-DD of reports that carry none (default: today).")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow URLs on private, loopback and link-local addresses.")] = False,
    fuse: Annotated[bool, typer.Option(
        "--fuse/--no-fuse", help="Link the new reports' events with stored ones into incidents.")] = True,
    max_chars: Annotated[int, typer.Option(
        min=1, help="Skip a document whose text is longer than this many characters.")] = MAX_CHARS,
    progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress", help="Show a report counter on stderr (default: on a terminal).",
        show_default=False)] = None,
    time_budget: Annotated[float, _TIME_BUDGET_OPTION] = DEFAULT_TIME_BUDGET,
) -> None:
    """Extract each report and store it once; fuse reports of one incident.

    A report already stored (same canonical URL or same text) is left as it is, so running
    the command again after a crash finishes the batch without doubling anything. Exit code
    0 all done; 1 some inputs skipped (see stderr); 2 usage error; 3 the extractor failed on
    some reports.
    """
    from sitrep.ingest.run import ingest

    day = _date(published) or dt.date.today()
    err = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)
    store = _open_store(db)
    show = progress if progress is not None else err.is_terminal
    bar = Progress(TextColumn("ingesting"), TextColumn("{task.completed} reports"),
                   console=err, transient=True, disable=not show)
    task = bar.add_task("ingest", total=None)
    try:
        with bar:
            stats = ingest(sources, store, published=day, allow_private=allow_private, max_chars=max_chars,
                           fuse=fuse, time_budget=time_budget, on_problem=lambda p: err.print(f"skipped {p}", markup=False),
                           on_report=lambda: bar.advance(task))
    except KeyboardInterrupt:
        err.print("sitrep: interrupted; every report stored so far is kept, run again to finish",
                  markup=False)
        raise typer.Exit(130)
    finally:
        store.close()
    err.print(f"sitrep: {stats.added} added ({stats.near_duplicates} near-duplicates), "
              f"{stats.unchanged} already stored, {stats.skipped} skipped, {stats.failed} failed; "
              f"{stats.incidents} incidents updated", markup=False)
    raise typer.Exit(EXIT_EXTRACTOR if stats.failed else EXIT_SKIPPED if stats.skipped else EXIT_OK)


# The filters `incidents` and `export` share.
_Country = Annotated[Optional[str], typer.Option(help="Country name or ISO code.")]
_Admin1 = Annotated[Optional[str], typer.Option(help="Province or state.")]
_From = Annotated[Optional[str], typer.Option("--from", help="First day, YYYY-MM-DD.")]
_To = Annotated[Optional[str], typer.Option("--to", help="Last day, YYYY-MM-DD.")]
_Type = Annotated[Optional[str], typer.Option("--type", help="ACLED event type.")]
_ActorName = Annotated[Optional[str], typer.Option("--actor", help="Part of an actor's name.")]
_MinFatalities = Annotated[Optional[int], typer.Option(min=0, help="At least this many killed (best).")]


@app.command("incidents")
def incidents_command(
    db: Annotated[Optional[str], _DB_OPTION] = None,
    country: _Country = None,
    admin1: _Admin1 = None,
    date_from: _From = None,
    date_to: _To = None,
    event_type: _Type = None,
    actor: _ActorName = None,
    min_fatalities: _MinFatalities = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many incidents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one incident a line.")] = False,
) -> None:
    """The stored incidents, one per real event with every source's figures reconciled."""
    from sitrep.query import incident_rows

    filters = _incident_filters(country, admin1, date_from, date_to, event_type, actor, min_fatalities)
    store = _open_store(db)
    try:
        rows = incident_rows(store, limit=limit, **filters)
    finally:
        store.close()
    if as_json:
        for row in rows:
            print(row.model_dump_json())
        return
    console = Console()
    table = _table(f"{len(rows)} incident(s)", "date", "place", "type", "actors", "killed (low–high)",
                   "sources")
    for row in rows:
        place = ", ".join(x for x in (row.location, row.admin1, row.country) if x) or "–"
        killed = f"{row.fatalities} ({row.fatalities_low}–{row.fatalities_high})" if row.fatalities_high else str(row.fatalities)
        if row.contradiction:
            killed += " disputed"
        actors = " → ".join(x for x in (row.actor1, row.actor2) if x) or "–"
        _add_row(table, _dash(row.date), place, _dash(row.event_type), actors, killed, str(row.n_sources))
    console.print(table)


@app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="acled-csv, geojson, parquet or jsonl.")] = "jsonl",
    db: Annotated[Optional[str], _DB_OPTION] = None,
    country: _Country = None,
    admin1: _Admin1 = None,
    date_from: _From = None,
    date_to: _To = None,
    event_type: _Type = None,
    actor: _ActorName = None,
    min_fatalities: _MinFatalities = None,
) -> None:
    """Write the stored incidents (one per row or line) as ACLED-style CSV, GeoJSON, Parquet or JSON Lines."""
    from sitrep.export import FORMATS, ExportError, export
    from sitrep.query import incident_rows

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="'--format'")
    filters = _incident_filters(country, admin1, date_from, date_to, event_type, actor, min_fatalities)
    store = _open_store(db)
    try:
        rows = incident_rows(store, **filters)
    finally:
        store.close()
    try:
        result = export(rows, fmt, output)
    except ExportError as e:
        raise typer.BadParameter(str(e), param_hint="'--output'") from None
    left = f" ({result.left_out} left out: no coordinates)" if result.left_out else ""
    Console(stderr=True).print(f"sitrep: {result.written} incidents written to {result.path}{left}", markup=False)


@app.command("place")
def place_command(
    name: Annotated[str, typer.Argument(help="A place name as a report writes it, e.g. \"Musakhail\".")],
    country: Annotated[Optional[list[str]], typer.Option(
        "--country", "-c", help="A country the report is about (name or ISO code); repeatable.")] = None,
    context: Annotated[Optional[str], typer.Option(
        help="Text of a report to resolve the name in, as the extractor would.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the candidates as JSON.")] = False,
) -> None:
    """Look a place up in the offline gazetteer: every candidate, its score, and why one wins."""
    import json

    from sitrep.extract.geocode import context_for
    from sitrep.geo import gazetteer
    from sitrep.geo.countries import country_by_name
    from sitrep.geo.resolve import resolve

    codes = []
    for value in country or []:
        found = country_by_name(value)
        if found is None:
            raise typer.BadParameter(f"{value!r} is not a country sitrep knows", param_hint="'--country'")
        codes.append(found.iso2)
    ctx = context_for(context or "", gazetteer.default())
    if codes:
        ctx.main_country = ctx.main_country or codes[0]
        ctx.countries.update(codes)
    result = resolve(gazetteer.default(), name, ctx)
    if as_json:
        print(json.dumps({"name": name, "chosen": result.place.id if result.place else None, "reason": result.reason,
                          "candidates": [{"score": c.score, "reasons": c.reasons, **_place_dict(c.place)}
                                         for c in result.candidates]}, ensure_ascii=False, indent=1))
        return
    console = Console()
    console.print(f"{name!r}: {len(result.candidates)} candidate(s)", style="bold", markup=False)
    for c in result.candidates[:15]:
        p = c.place
        chosen = result.place is not None and p.id == result.place.id
        where = ", ".join(x for x in (p.admin2, p.admin1, p.country_code) if x)
        coords = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None else "no coordinates"
        population = f", population {p.population:,}" if p.population else ""
        console.print(f"{'→' if chosen else ' '} {c.score:>6.2f}  {p.name} ({p.kind}) {where}  {coords}{population}",
                      style="bold" if chosen else None, markup=False, highlight=False)
        if c.reasons:
            console.print(f"{'':10}{'; '.join(c.reasons)}", style="dim", markup=False, highlight=False)
    verdict = (f"chosen: {result.place.name} ({result.place.kind}, {result.place.country_code}) because {result.reason}"
               if result.place else f"unresolved: {result.reason} (the name is kept without coordinates)")
    console.print(verdict, markup=False)
    if result.place is None:
        raise typer.Exit(EXIT_SKIPPED)


def _place_dict(place) -> dict:
    return {k: getattr(place, k) for k in ("id", "name", "kind", "country_code", "admin1", "admin2", "lat", "lon",
                                           "population", "source")}



@app.command("serve")
def serve_command(
    db: Annotated[Optional[str], _DB_OPTION] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    assets: Annotated[Optional[str], typer.Option(
        help="The node_modules folder with the dashboard's map assets (`make setup` installs them). "
             "Default: $SITREP_ASSETS_DIR, else the repository's node_modules.", show_default=False)] = None,
) -> None:
    """Serve the dashboard at / and the REST API over the store (OpenAPI at /openapi.json,
    docs at /docs).

    Writes need a key from `sitrep keys create NAME`; reads are open unless
    $SITREP_API_READ_KEYS=1."""
    import uvicorn

    from sitrep.api.app import create_app

    uvicorn.run(create_app(_open_store(db), assets_dir=assets, warm=True), host=host, port=port)


keys_app = typer.Typer(no_args_is_help=True, help="API keys for the REST API's writes.")
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create_command(
    name: Annotated[str, typer.Argument(help="Who the key's writes are recorded as, e.g. amina.")],
    db: Annotated[Optional[str], _DB_OPTION] = None,
) -> None:
    """Create a key and print it once: only a salted hash of it is stored."""
    from sitrep.api.keys import create_key

    store = _open_store(db)
    try:
        key = create_key(store, name)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'NAME'") from None
    finally:
        store.close()
    print(key)
    Console(stderr=True, highlight=False).print(
        f"sitrep: key for {name!r} created; it is shown only now. Send it in the X-API-Key header.", markup=False)


@keys_app.command("list")
def keys_list_command(db: Annotated[Optional[str], _DB_OPTION] = None) -> None:
    """The keys' names, prefixes and creation times (never the keys)."""
    from sitrep.api.keys import list_keys

    store = _open_store(db)
    try:
        keys = list_keys(store)
    finally:
        store.close()
    for key in keys:
        print(f"{key.name}\tsitrep_{key.prefix}_…\t{key.created_at.isoformat(timespec='seconds')}")

if __name__ == "__main__":
    app()
