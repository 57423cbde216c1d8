"""Bad input through drsim.load and the keywords: drsim.ScenarioError with the CLI's words."""

import glob
import json
import os

import pytest

import drsim


def tracker():
    with open("scenarios/tracker_multi_az.json") as f:
        return json.load(f)


def dict_errors(cli, tmp_path, document):
    """The problems `drsim validate` prints for `document` in a file, labelled as a dict's."""
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(document))
    return [line.replace(str(path), "<dict>", 1) for line in cli.errors("validate", path)]


def load_errors(source):
    with pytest.raises(drsim.ScenarioError) as raised:
        drsim.load(source)
    error = raised.value
    assert str(error) == "\n".join(error.problems)
    return error.problems


def test_scenario_error_is_a_value_error():
    assert issubclass(drsim.ScenarioError, ValueError)
    with pytest.raises(ValueError):
        drsim.load("no/such/file.json")


def test_a_bad_unit_in_a_dict_names_its_json_path(cli, tmp_path):
    document = tracker()
    document["databases"][0]["backup"]["snapshot"]["every"] = "24 fortnights"
    problems = load_errors(document)
    assert problems[0].startswith("<dict>: databases[0].backup.snapshot.every: ")
    assert problems == dict_errors(cli, tmp_path, document)


def test_an_unknown_key_in_a_dict_says_did_you_mean(cli, tmp_path):
    document = tracker()
    document["databases"][0]["backup"]["snapshot"]["evry"] = "1h"
    document["databases"][0]["write_rate"] = 400  # a bare number where a rate is required
    problems = load_errors(document)
    assert len(problems) >= 2  # every problem at once
    assert any("databases[0].backup.snapshot: unknown key \"evry\"" in p and "every" in p
               for p in problems), problems
    assert problems == dict_errors(cli, tmp_path, document)


def test_a_missing_file_is_said_as_the_cli_says_it(cli):
    problems = load_errors("no/such/file.json")
    assert problems == cli.errors("run", "no/such/file.json")
    assert problems[0].startswith("no/such/file.json: cannot read file: ")


def test_malformed_json_names_line_and_column(cli):
    path = "tests/data/invalid/malformed_json.json"
    problems = load_errors(path)
    assert problems[0].startswith(path + ":8:1: malformed JSON: ")
    assert problems == cli.errors("validate", path)


def test_a_path_like_is_a_path(cli, repo):
    problems = load_errors(repo / "tests/data/invalid/unknown_unit.json")
    assert problems == cli.errors("validate", repo / "tests/data/invalid/unknown_unit.json")


@pytest.mark.parametrize("path", sorted(glob.glob("tests/data/invalid/*.json",
                                                  root_dir=os.path.dirname(__file__) + "/../..")))
def test_every_invalid_input_fails_as_in_the_cli(cli, path):
    with open(path[: -len(".json")] + ".err") as f:
        first = f.read().rstrip("\n")
    problems = load_errors(path)
    assert problems[0] == first
    assert problems == cli.errors("validate", path)


def test_a_dict_that_is_not_json():
    problems = load_errors({"name": float("nan")})
    assert problems[0].startswith("<dict>: not a JSON document: ")
    with pytest.raises(TypeError):
        drsim.load(42)


def test_keywords_are_checked_as_the_cli_checks_options():
    s = drsim.load("scenarios/default.json")
    with pytest.raises(drsim.ScenarioError, match=r"^trials 0: expected a whole number from 1 "):
        drsim.run(s, trials=0)
    with pytest.raises(drsim.ScenarioError, match=r"^seed -1: expected a whole number from 0 "):
        drsim.run(s, seed=-1)
    with pytest.raises(drsim.ScenarioError, match=r"^threads 5000: "):
        drsim.run(s, threads=5000)
    with pytest.raises(TypeError):
        drsim.run(s, trials=2.5)
    with pytest.raises(TypeError):
        drsim.run(s, trials=True)


def test_a_bad_setting_is_a_scenario_error(cli):
    path = "scenarios/sweep_tracker.json"
    with pytest.raises(drsim.ScenarioError) as raised:
        drsim.sweep(path, {"databases[*].deploymnt": ["multi-az"]}, trials=2)
    expected = cli.errors("sweep", path, "--set", 'databases[*].deploymnt="multi-az"',
                          "--trials", 2)
    assert raised.value.problems == expected
