"""drsim.sweep, drsim.timeline and drsim.analyze against the CLI's --json documents."""

import json

import pandas as pd
import pytest

import drsim

SWEEP = "scenarios/sweep_tracker.json"
DEPLOYMENT = "databases[*].deployment"
COPY_LOGS = "databases[*].backup.copy_logs"


@pytest.fixture(scope="module")
def swept():
    return drsim.sweep(SWEEP, {DEPLOYMENT: ["single-az", "multi-az"], COPY_LOGS: [False, True]},
                       trials=20)


def test_sweep_document_equals_the_cli(cli, swept):
    expected = cli.json("sweep", SWEEP, "--set", f"{DEPLOYMENT}=single-az,multi-az",
                        "--set", f"{COPY_LOGS}=false,true", "--trials", 20, "--quiet")
    assert swept.attrs["sweep"] == expected
    assert drsim.to_dict(swept) == expected


def test_sweep_has_a_row_per_point_with_its_settings(swept):
    document = swept.attrs["sweep"]
    assert list(swept["point"]) == [0, 1, 2, 3]
    # The first setting varies slowest, as in `drsim sweep`.
    assert list(swept[DEPLOYMENT]) == ["single-az", "single-az", "multi-az", "multi-az"]
    assert list(swept[COPY_LOGS]) == [False, True, False, True]
    for k, point in enumerate(document["points"]):
        row = swept.iloc[k]
        assert row["cost_per_month"] == point["cost_per_month"]
        assert row["cost_instances"] == point["cost"]["instances"]
        assert row["compliant"] == point["compliant"]
        tier = point["tiers"][0]
        assert tier["tier"] == 1
        assert row["tier1_rpo_p95_s"] == tier["rpo_s"]["p95"]
        assert row["tier1_met_rpo_fraction"] == tier["met_rpo"]["fraction"]
        assert row["tier1_verdict"] == tier["verdict"]
        assert row["tier1_worst_compliance"] == point["worst_compliance"]["1"]
        assert row["on_pareto"] == (point["index"] in document["pareto"])
        assert row["cheapest_compliant"] == (point["index"] == document["cheapest_compliant"])
    # Copying the logs is what meets RPO 1 h here (docs/sweep.md): the logs cost more.
    assert (swept.loc[swept[COPY_LOGS], "cost_per_month"].to_numpy() >
            swept.loc[~swept[COPY_LOGS].astype(bool), "cost_per_month"].to_numpy()).all()


def test_sweep_flattens_fields_it_does_not_know():
    # A point's scalar fields become columns whatever they are: an invalid point's error too.
    frame = drsim.sweep(SWEEP, {"databases[*].deployment": ["multi-az", "multi-az-cluster-x"]},
                        trials=5)
    assert frame.loc[1, "error"].startswith(SWEEP + ": databases[0].deployment")
    assert pd.isna(frame.loc[1, "cost_per_month"])
    assert not frame.loc[1, "compliant"]


def test_sweep_of_a_dict_reads_traces_from_the_working_directory(cli):
    with open("scenarios/sweep_tracker.json") as f:
        document = json.load(f)
    frame = drsim.sweep(document, {"databases[*].backup.snapshot.every": ["24h", "1h"]}, trials=5)
    expected = cli.json("sweep", SWEEP, "--set", "databases[*].backup.snapshot.every=24h,1h",
                        "--trials", 5, "--quiet")
    assert frame.attrs["sweep"] == expected


@pytest.mark.parametrize("name,trial", [("default", 0), ("region_outage_long", 3),
                                        ("earthquake", 1)])
def test_timeline_equals_the_cli(cli, name, trial):
    path = f"scenarios/{name}.json"
    events = drsim.timeline(drsim.load(path), trial=trial)
    expected = cli.json("timeline", path, "--trial", trial)
    assert events.attrs["timeline"] == expected
    assert events.attrs["summary"] == expected["summary"]
    assert list(events.columns) == ["t_s", "at", "subject", "kind", "rds_event", "text", "cause"]
    assert len(events) == len(expected["events"]) > 0
    assert list(events["text"]) == [e["text"] for e in expected["events"]]
    assert list(events["t_s"]) == [e["t_s"] for e in expected["events"]]
    assert [None if pd.isna(c) else int(c) for c in events["cause"]] == [
        e["cause"] for e in expected["events"]]
    assert str(events.dtypes["cause"]) == "Int64"
    assert events["at"].iloc[0] == pd.Timestamp(expected["events"][0]["at"])


def test_timeline_seed_override(cli):
    path = "scenarios/region_outage_long.json"
    events = drsim.timeline(path, trial=2, seed=99)
    assert drsim.to_dict(events) == cli.json("timeline", path, "--trial", 2, "--seed", 99)


def test_analyze_equals_the_cli(cli):
    path = "scenarios/fleet_year.json"
    frame = drsim.analyze(path)
    expected = cli.json("analyze", path, "--quiet")
    assert frame.attrs["analysis"] == expected
    assert list(frame["name"]) == [db["name"] for db in expected["databases"]]
    assert list(frame["availability"]) == [db["availability"] for db in expected["databases"]]
    assert list(frame["downtime_s_per_year"]) == [
        db["downtime_s_per_year"] for db in expected["databases"]]
