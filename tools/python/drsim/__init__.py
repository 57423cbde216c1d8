"""drsim from Python (DESIGN.md §8, docs/python.md).

    import drsim
    s = drsim.load("scenarios/tracker_multi_az.json")
    r = drsim.run(s, trials=200)
    r.tiers                 # one row per tier, nested statistics flattened: rpo_p95_s, ...
    r.incidents()           # one row per incident
    drsim.sweep(s, {"databases[*].backup.snapshot.every": ["24h", "1h"]}, trials=100)

The simulation is drsim's own (the extension drsim._core runs the library calls the drsim
program runs), so the same scenario, seed and trials give bit-identical numbers to
`drsim run --json`. This package only turns the documents into pandas DataFrames.
"""

import copy
import json
import numbers
import os

import numpy as np
import pandas as pd

from . import _core
from ._core import Scenario, ScenarioError

__all__ = ["Result", "Scenario", "ScenarioError", "analyze", "load", "run", "sweep",
           "timeline", "to_dict"]

# The ranges drsim's options accept (tools/drsim.cc).
_MAX_TRIALS = 1_000_000_000
_MAX_THREADS = 1024
_MAX_SEED = 2**64 - 1

_DICT_LABEL = "<dict>"


def _scenario_error(problems):
    error = ScenarioError("\n".join(problems))
    error.problems = list(problems)
    return error


def load(source, *, allow_paths=()):
    """A checked scenario from a file path (str or os.PathLike) or a dict (the JSON document).

    Loaded by drsim's own loader: bad input raises ScenarioError with every problem, each naming
    the file (the path as given, or "<dict>") and the JSON path, or the line and column of
    malformed JSON, exactly as `drsim validate` prints them. Trace files are read from the
    file's folder, or for a dict from the working directory at the time of the call, and from
    the directories in `allow_paths` (as `--allow-paths`). A Scenario is returned as it is.
    """
    allowed = [os.fsdecode(p) for p in allow_paths]
    if isinstance(source, Scenario):
        return source
    if isinstance(source, dict):
        try:
            text = json.dumps(source, allow_nan=False, ensure_ascii=False)
        except (TypeError, ValueError) as e:
            raise _scenario_error([f"{_DICT_LABEL}: not a JSON document: {e}"]) from None
        return _core.load_text(text, _DICT_LABEL, os.getcwd(), allowed)
    if isinstance(source, (str, bytes, os.PathLike)):
        return _core.load_file(os.fsdecode(source), allowed)
    raise TypeError(f"drsim.load: expected a path or a dict, got {type(source).__name__}")


def _whole(option, value, lo, hi):
    """`value` checked as the CLI checks --option (None stays None)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{option}: expected a whole number, got {value!r}")
    return _core.whole_number(option, str(int(value)), lo, hi)


def _threads(threads):
    return _whole("threads", threads, 0, _MAX_THREADS) or 0  # 0: one per core


def _flatten(record, prefix="", unit=""):
    """One level of columns from a JSON object: nested objects join their keys with "_"
    (target.rpo_s -> target_rpo_s), and the unit of a key moves to the end of the names under it
    (rpo_s.p95 -> rpo_p95_s); a two-number "...ci95" interval becomes _lo and _hi columns.
    Lists of anything else stay lists. Generic, so that new fields become new columns."""
    out = {}
    for key, value in record.items():
        name = prefix + key
        if isinstance(value, dict):
            if key.endswith("_s"):
                out.update(_flatten(value, name[:-2] + "_", "_s"))
            else:
                out.update(_flatten(value, name + "_", unit))
        elif key.endswith("ci95") and (value is None or _is_interval(value)):
            lo, hi = value if value is not None else (None, None)
            out[name + "_lo" + unit] = lo
            out[name + "_hi" + unit] = hi
        elif isinstance(value, list) or isinstance(value, str) or isinstance(value, bool):
            out[name] = value
        else:  # a number or null: in the unit of the object it is in
            out[name + unit] = value
    return out


def _is_interval(value):
    return (isinstance(value, list) and len(value) == 2 and
            all(v is None or (isinstance(v, numbers.Real) and not isinstance(v, bool))
                for v in value))


# Columns that say what a row is about come first (the JSON's keys are sorted).
_ROW_NAMES = ("tier", "name", "service", "database")


def _frame(records, **attrs):
    frame = pd.DataFrame([_flatten(r) for r in records])
    first = [c for c in _ROW_NAMES if c in frame.columns]
    frame = frame[first + [c for c in frame.columns if c not in first]]
    frame.attrs.update(attrs)
    return frame


class Result:
    """What drsim.run returns: `drsim run --json`'s document as DataFrames.

    .tiers, .services, .failovers, .databases: one row per entry of that section, nested
    statistics flattened into columns (rpo_p95_s, rto_mean_ci95_lo_s, met_rpo_fraction, ...);
    .table(name) does the same for any other list section. .incidents(): one row per incident.
    .to_dict(): the whole document, equal to `drsim run --json`'s (its "engine" block aside,
    which holds wall time).
    """

    def __init__(self, scenario, document, incident_columns):
        self._scenario = scenario
        self._document = document
        self._incidents = incident_columns

    def __repr__(self):
        d = self._document
        partial = ", partial" if d["partial"] else ""
        return (f"<drsim.Result {d['scenario']!r}: {d['trials']} trials, seed {d['seed']}"
                f"{partial}>")

    def to_dict(self):
        """The `drsim run --json` document (a copy)."""
        return copy.deepcopy(self._document)

    @property
    def scenario(self):
        return self._scenario

    @property
    def seed(self):
        return self._document["seed"]

    @property
    def trials(self):
        return self._document["trials"]

    def table(self, name):
        """The list section `name` of the document as a flattened DataFrame."""
        section = self._document.get(name)
        if not isinstance(section, list):
            sections = [k for k, v in self._document.items() if isinstance(v, list)]
            raise KeyError(f"no list section {name!r} in the result (it has {sections})")
        return _frame(section)

    @property
    def tiers(self):
        return self.table("tiers")

    @property
    def services(self):
        return self.table("services")

    @property
    def failovers(self):
        return self.table("failovers")

    @property
    def databases(self):
        return self.table("databases")

    def incidents(self):
        """One row per incident, in trial order: the data of `drsim run --csv`.

        trial, service (categorical), tier, start_s, stopped_committing_s, serving_again_s,
        rto_s, rpo_s, lost_writes (nullable UInt64), path, total_loss, censored, planned (a
        failover test's or switchover's incident, counted apart in the statistics), path_of.
        Seconds are from the start of the trial. NaN / <NA> where the CSV's cell is empty: no
        end and no RTO for a censored incident, no RPO for a total loss or a loss not known yet,
        no lost writes where they are not known, no path for a censored incident.

        `path` (categorical) is how the incident ended: "failover", "wait" (the original came
        back), "pitr", "restore-snapshot", "restore-copy:REGION", "promote:REGION",
        "promote-copy:AZ", "pitr:REGION", "restore-snapshot:REGION", "switchover:REGION", or an
        object store's "switch:REGION"; `path_of` names the data store, region or AZ that path
        brought back (docs/python.md says which one when several came back).
        """
        c = self._incidents
        if c is None:
            raise ValueError("incidents were not kept: run with keep_incidents=True")
        names = [name for name, _ in self._scenario.services]
        tiers = np.array([tier for _, tier in self._scenario.services], dtype=np.int64)
        codes = c["service"]
        started = c["started_us"]
        serving = c["has_serving_again"]
        count = len(codes)
        return pd.DataFrame({
            "trial": c["trial"],
            "service": pd.Categorical.from_codes(codes, categories=names),
            "tier": tiers[codes] if count else np.array([], dtype=np.int64),
            "start_s": started / 1e6,
            "stopped_committing_s": c["stopped_committing_us"] / 1e6,
            "serving_again_s": np.where(serving, c["serving_again_us"] / 1e6, np.nan),
            "rto_s": np.where(serving, (c["serving_again_us"] - started) / 1e6, np.nan),
            "rpo_s": np.where(c["has_rpo"], c["rpo_us"] / 1e6, np.nan),
            "lost_writes": pd.arrays.IntegerArray(c["lost_writes"], ~c["has_lost_writes"]),
            "path": pd.Categorical.from_codes(c["path"], categories=c["path_names"]),
            "total_loss": c["total_loss"],
            "censored": c["censored"],
            "planned": c["planned"],
            "path_of": pd.Categorical.from_codes(c["path_of"], categories=c["path_of_names"]),
        })


def _scenario(scenario):
    return scenario if isinstance(scenario, Scenario) else load(scenario)


def run(scenario, trials=None, seed=None, threads=None, *, allow_huge=False,
        keep_incidents=True):
    """Monte Carlo trials of `scenario` (a Scenario, or what drsim.load takes), as `drsim run`.

    trials, seed: the scenario's unless given; threads: one per core unless given (results do
    not depend on it). allow_huge: run even what the work estimate refuses (--allow-huge).
    keep_incidents=False saves the memory of one row per incident (then .incidents() raises).
    Runs without the GIL; Ctrl-C stops it and raises KeyboardInterrupt.
    """
    s = _scenario(scenario)
    text, columns = _core.run(s, _whole("trials", trials, 1, _MAX_TRIALS),
                              _whole("seed", seed, 0, _MAX_SEED), _threads(threads),
                              allow_huge, keep_incidents)
    return Result(s, json.loads(text), columns)


def timeline(scenario, trial=0, seed=None, *, allow_huge=False):
    """Trial `trial` told as a story, as `drsim timeline --trial TRIAL --json`: one row per
    event (t_s, at, subject, kind, rds_event, text, cause: the row of the event that caused it).
    df.attrs["summary"] holds how each service fared, df.attrs["timeline"] the whole document.
    """
    s = _scenario(scenario)
    document = json.loads(_core.timeline(s, _whole("trial", trial, 0, _MAX_SEED),
                                         _whole("seed", seed, 0, _MAX_SEED), allow_huge))
    columns = ["t_s", "at", "subject", "kind", "rds_event", "text", "cause"]
    events = pd.DataFrame(document["events"], columns=columns)
    events["at"] = pd.to_datetime(events["at"], utc=True)
    events["t_s"] = events["t_s"].astype(float)
    events["cause"] = events["cause"].astype("Int64")
    events.attrs.update(summary=document["summary"], timeline=document, document=document)
    return events


def _set_argument(path, values):
    """The `--set PATH=V1,V2` argument of `values`, each written as JSON so that it reads back as
    the very value (a string "true" stays a string)."""
    if not isinstance(path, str):
        raise TypeError(f"drsim.sweep: a setting's path must be a str, got {path!r}")
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        raise TypeError(f"drsim.sweep: {path}: expected a list of values, got {values!r}")
    return path + "=" + ",".join(json.dumps(v, allow_nan=False, ensure_ascii=False)
                                 for v in values)


def _point_row(point, swept, pareto, cheapest):
    row = {"point": point["index"]}
    for path in swept:
        row[path] = point.get("settings", {}).get(path)
    for key, value in point.items():
        if key in ("index", "settings"):
            continue
        if key == "tiers":
            for tier in value:
                rest = {k: v for k, v in tier.items() if k != "tier"}
                row.update(_flatten(rest, f"tier{tier['tier']}_"))
        elif isinstance(value, dict) and value and all(k.isdigit() for k in value):
            for tier, v in value.items():  # keyed by tier, such as worst_compliance
                row.update(_flatten({key: v}, f"tier{tier}_"))
        else:
            row.update(_flatten({key: value}))
    row["on_pareto"] = point["index"] in pareto
    row["cheapest_compliant"] = point["index"] == cheapest
    return row


def sweep(scenario, settings, trials=None, seed=None, threads=None, *, allow_huge=False):
    """Every combination of `settings` ({PATH: [values]}, as `drsim sweep --set PATH=V1,V2`;
    the first path varies slowest), simulated with the same seed, priced and judged.

    One row per point: `point`, one column per PATH, then every field of the point in
    `drsim sweep --json`, flattened (cost_per_month, cost_instances, compliant, ...), per tier
    with a tierN_ prefix (tier1_rpo_p95_s, tier1_worst_compliance, ...), and on_pareto,
    cheapest_compliant. df.attrs["sweep"] holds the whole document (to_dict(df) copies it).
    A dict scenario reads trace files from the working directory, a file's from its folder.
    """
    s = _scenario(scenario)
    if not isinstance(settings, dict) or not settings:
        raise TypeError("drsim.sweep: settings must be a non-empty dict {path: [values]}")
    arguments = [_set_argument(path, values) for path, values in settings.items()]
    document = json.loads(_core.sweep(s, arguments, _whole("trials", trials, 1, _MAX_TRIALS),
                                      _whole("seed", seed, 0, _MAX_SEED), _threads(threads),
                                      allow_huge))
    pareto = set(document["pareto"])
    rows = [_point_row(p, document["swept"], pareto, document["cheapest_compliant"])
            for p in document["points"]]
    frame = pd.DataFrame(rows)
    frame.attrs.update(sweep=document, document=document)
    return frame


def analyze(scenario):
    """The Markov-chain analysis of each database, as `drsim analyze --json`: one row per
    database (availability, nines, downtime_s_per_year, mttdl_s, ...; a null figure is NaN).
    df.attrs["analysis"] holds the whole document."""
    s = _scenario(scenario)
    document = json.loads(_core.analyze(s))
    return _frame(document["databases"], analysis=document, document=document)


def to_dict(result):
    """The JSON document behind a Result, or behind a DataFrame drsim.timeline, sweep or analyze
    made: what the drsim program writes with --json (a copy)."""
    if isinstance(result, Result):
        return result.to_dict()
    if isinstance(result, pd.DataFrame) and "document" in result.attrs:
        return copy.deepcopy(result.attrs["document"])
    raise TypeError("drsim.to_dict: expected a drsim.Result or a DataFrame made by drsim")
