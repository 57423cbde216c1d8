"""drsim.run against `drsim run`: the same document, the same incidents, whatever the threads."""

import io
import json

import numpy as np
import pandas as pd
import pytest

import drsim
from conftest import without_engine

# Bundled scenarios that run fast at a few trials: Multi-AZ failovers, region outages and
# disasters with restores from copies, a fire, a partition, trace files, Aurora Global.
FAST = ["default", "tracker_multi_az", "region_outage_short", "region_outage_long", "az_fire",
        "partition_then_disaster", "jira_trace_replay", "aurora_global_failover",
        "corrupt_backup_disaster", "aurora_global_switchover", "seed_company"]


@pytest.mark.parametrize("name", FAST)
def test_document_equals_the_cli(cli, name):
    path = f"scenarios/{name}.json"
    result = drsim.run(drsim.load(path), trials=30)
    expected = cli.json("run", path, "--trials", 30, "--quiet")
    assert without_engine(result.to_dict()) == without_engine(expected)
    # The trace hash folds every event of every trial: the very same trials ran.
    assert result.to_dict()["engine"]["trace_hash"] == expected["engine"]["trace_hash"]


def test_seed_and_trials_override_the_scenarios(cli):
    path = "scenarios/region_outage_short.json"
    result = drsim.run(path, trials=25, seed=12345)
    assert result.seed == 12345 and result.trials == 25
    expected = cli.json("run", path, "--trials", 25, "--seed", 12345, "--quiet")
    assert without_engine(result.to_dict()) == without_engine(expected)
    assert without_engine(result.to_dict()) != without_engine(drsim.run(path, trials=25).to_dict())


def test_the_engine_block_names_the_build(cli):
    path = "scenarios/default.json"
    mine = drsim.run(path, trials=5).to_dict()["engine"]
    theirs = cli.json("run", path, "--trials", 5, "--quiet")["engine"]
    assert mine["drsim_version"] == theirs["drsim_version"] != ""
    assert mine["build_type"] == theirs["build_type"] != ""
    assert cli.run("--version").stdout.strip() == (
        f"drsim {theirs['drsim_version']} ({theirs['build_type']})")


def test_results_do_not_depend_on_threads():
    s = drsim.load("scenarios/az_fire.json")
    one, four = drsim.run(s, trials=60, threads=1), drsim.run(s, trials=60, threads=4)
    assert one.to_dict()["engine"]["threads"] == 1
    assert without_engine(one.to_dict()) == without_engine(four.to_dict())
    assert one.to_dict()["engine"]["trace_hash"] == four.to_dict()["engine"]["trace_hash"]
    pd.testing.assert_frame_equal(one.incidents(), four.incidents())


def test_a_dict_runs_as_its_file(cli):
    path = "scenarios/default.json"
    with open(path) as f:
        document = json.load(f)
    from_dict = drsim.load(document)
    assert from_dict.file == "<dict>"
    assert without_engine(drsim.run(from_dict, trials=20).to_dict()) == without_engine(
        cli.json("run", path, "--trials", 20, "--quiet"))


def test_tables_flatten_the_document():
    result = drsim.run("scenarios/region_outage_long.json", trials=40)
    d = result.to_dict()
    tiers = result.tiers
    assert list(tiers["tier"]) == [t["tier"] for t in d["tiers"]]
    for row, tier in zip(tiers.itertuples(), d["tiers"]):
        assert row.rpo_p95_s == tier["rpo_s"]["p95"]
        assert row.rto_mean_ci95_lo_s == tier["rto_s"]["mean_ci95"][0]
        assert row.target_rto_s == tier["target"]["rto_s"]
        assert row.met_rpo_fraction == tier["met_rpo"]["fraction"]
        assert row.met_rto_ci95_hi == tier["met_rto"]["ci95"][1]
        assert row.lost_writes_unknown == tier["lost_writes"]["unknown"]
        assert row.verdict == tier["verdict"]
    assert list(result.services["name"]) == [s["name"] for s in d["services"]]
    assert list(result.services["availability"]) == [s["availability"] for s in d["services"]]
    assert list(result.databases["availability_ci95_hi"]) == [
        db["availability_ci95"][1] for db in d["databases"]]
    failovers = result.failovers
    assert list(failovers["database"]) == [f["database"] for f in d["failovers"]]
    assert list(failovers["detect_mean_s"]) == [f["detect_s"]["mean"] for f in d["failovers"]]
    assert result.table("tiers").equals(tiers)
    with pytest.raises(KeyError, match="no list section 'engine'"):
        result.table("engine")


@pytest.mark.parametrize("name", ["region_outage_long", "aurora_global_switchover"])
def test_incidents_are_the_cli_csv(cli, tmp_path, name):
    path = f"scenarios/{name}.json"
    result = drsim.run(path, trials=40, seed=3)
    csv = tmp_path / "incidents.csv"
    done = cli.run("run", path, "--trials", 40, "--seed", 3, "--csv", csv, "--quiet")
    assert done.returncode == 0, done.stderr
    expected = pd.read_csv(csv, dtype={"service": str, "path": str, "path_of": str})
    got = result.incidents()
    assert len(got) == len(expected) == sum(t["incidents"] + t["planned_incidents"]
                                            for t in result.to_dict()["tiers"])
    assert len(got) > 0
    assert (got["trial"].to_numpy() == expected["trial"].to_numpy()).all()
    assert list(got["service"].astype(str)) == list(expected["service"])
    assert (got["tier"].to_numpy() == expected["tier"].to_numpy()).all()
    for mine, theirs in [("start_s", "started_s"), ("stopped_committing_s", "stopped_committing_s"),
                         ("serving_again_s", "serving_again_s"), ("rto_s", "rto_s"),
                         ("rpo_s", "rpo_s")]:
        # The CSV's six decimals are the microseconds exactly: both are the nearest double.
        np.testing.assert_array_equal(got[mine].to_numpy(), expected[theirs].to_numpy())
    lost = expected["lost_writes"]
    assert list(got["lost_writes"].isna()) == list(lost.isna())
    assert list(got["lost_writes"].dropna().astype("int64")) == list(lost.dropna().astype("int64"))
    assert list(got["total_loss"]) == list(expected["total_loss"] == 1)
    assert list(got["censored"]) == list(expected["censored"] == 1)
    assert list(got["planned"]) == list(expected["planned"] == 1)
    for column in ["path", "path_of"]:
        assert list(got[column].astype(object).fillna("")) == list(expected[column].fillna(""))
    assert got["path"].notna().any()
    assert list(got["path"].isna()) == list(got["censored"])


def test_incident_dtypes():
    scenario = drsim.load("scenarios/default.json")
    incidents = drsim.run(scenario, trials=10).incidents()
    assert list(incidents.columns) == [
        "trial", "service", "tier", "start_s", "stopped_committing_s", "serving_again_s", "rto_s",
        "rpo_s", "lost_writes", "path", "total_loss", "censored", "planned", "path_of"]
    dtypes = incidents.dtypes
    assert dtypes["trial"] == np.uint64 and dtypes["tier"] == np.int64
    assert isinstance(dtypes["service"], pd.CategoricalDtype)
    assert list(dtypes["service"].categories) == [name for name, _ in scenario.services]
    assert len(dtypes["service"].categories) == 5
    for column in ["start_s", "stopped_committing_s", "serving_again_s", "rto_s", "rpo_s"]:
        assert dtypes[column] == np.float64
    assert str(dtypes["lost_writes"]) == "UInt64"
    assert dtypes["total_loss"] == bool and dtypes["censored"] == bool
    assert dtypes["planned"] == bool
    assert isinstance(dtypes["path"], pd.CategoricalDtype)
    assert isinstance(dtypes["path_of"], pd.CategoricalDtype)


def test_a_run_without_incidents_has_an_empty_table():
    document = json.loads(open("scenarios/default.json").read())
    document["faults"] = []
    incidents = drsim.run(document, trials=5).incidents()
    assert len(incidents) == 0
    assert str(incidents.dtypes["lost_writes"]) == "UInt64"
    assert isinstance(incidents.dtypes["path"], pd.CategoricalDtype)


def test_incidents_can_be_left_out():
    result = drsim.run("scenarios/default.json", trials=5, keep_incidents=False)
    with pytest.raises(ValueError, match="keep_incidents=True"):
        result.incidents()
