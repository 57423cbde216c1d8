#!/usr/bin/python3
"""Checks `drsim schema` against the loader with Debian's python3-jsonschema (draft 2020-12).

Usage: /usr/bin/python3 tests/schema_check.py DRSIM SOURCE_DIR

- the schema is a valid draft 2020-12 schema, and each of its defaults is valid where it stands;
- every scenario the loader accepts (scenarios/, bench/, tests/data/cli/, tests/data/schema/)
  is valid against the schema;
- every invalid input of tests/data/invalid/ whose expected error is one the schema can tell
  (an unknown key, a bad unit, a value outside a closed vocabulary or range, a missing key) is
  invalid against it;
- small changes to tests/data/schema/every_key.json get the same verdict from the schema as
  from `drsim validate`.
Each failure is printed on a line of its own; the exit status is 1 when there is any.
"""

import copy
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("schema_check: python3-jsonschema is missing (tools/setup.sh installs it)")
    sys.exit(1)

# The first lines of tests/data/invalid/*.err that the schema must also refuse. Range checks the
# schema does not make ("is more than the limit of", "too long") and checks across keys
# ("unknown region", "duplicate name") are left to the loader.
SCHEMA_CAN_TELL = [
    r"unknown key ",
    r": missing required key$",
    r"expected a duration such as \"[^\"]*\", got \d+$",
    r"expected a duration such as .*: (unknown unit|a number needs a unit|durations cannot be "
    r"negative|remove the spaces)",
    r"expected a (rate|size|throughput|time of day|UTC instant) such as",
    r"unknown (fault kind|deployment|distribution) ",
    r"expected a whole number from 0 to",
    r"expected an integer",
    r"expected a probability",
    r"expected a number from",
    r"expected an array of strings",
    r"are (both|all) given, but a fault has exactly one of",
    r"needs one of \"at\"",
]

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def errors_of(validator, document):
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def describe(errors):
    first = errors[0]
    path = "/".join(str(p) for p in first.absolute_path) or "(top level)"
    return "%s: %s" % (path, first.message[:200])


def loader_accepts(drsim, path):
    result = subprocess.run([drsim, "validate", path], capture_output=True, text=True)
    if result.returncode not in (0, 2):
        fail("drsim validate %s: exit status %d\n%s" % (path, result.returncode, result.stderr))
    return result.returncode == 0, result.stderr.strip().splitlines()[:1]


def check_defaults(schema, node, where):
    """Every "default" is valid against the schema it stands in."""
    if isinstance(node, dict):
        if "default" in node:
            sub = {k: v for k, v in node.items() if k != "default"}
            sub["$defs"] = schema["$defs"]
            errors = errors_of(jsonschema.Draft202012Validator(sub), node["default"])
            if errors:
                fail("the default at %s is not valid there: %s" % (where, describe(errors)))
        for key, value in node.items():
            check_defaults(schema, value, where + "/" + key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            check_defaults(schema, value, "%s/%d" % (where, i))


def scenario_files(source):
    folders = ["scenarios", "bench", os.path.join("tests", "data", "cli"),
               os.path.join("tests", "data", "schema")]
    for folder in folders:
        full = os.path.join(source, folder)
        for name in sorted(os.listdir(full)):
            if name.endswith(".json"):
                yield os.path.join(full, name)


def set_at(document, path, value):
    """`document` with the value at `path` (a list of keys and indices) set; None removes it."""
    out = copy.deepcopy(document)
    node = out
    for part in path[:-1]:
        node = node[part]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


# (what, path, value, the loader and the schema accept it). Paths point into every_key.json with
# its trace fault removed (a copy elsewhere could not read the trace), so faults[2] is a
# region_outage.
MUTATIONS = [
    ("unknown top-level key", ["horizn"], "7d", False),
    ("misspelt snapshot key", ["databases", 0, "backup", "snapshot", "evry"], "24h", False),
    ("unknown replica key", ["databases", 0, "replicas", 0, "lags"], "1s", False),
    ("unknown distribution", ["databases", 0, "replace"], {"unifrom": ["1s", "2s"]}, False),
    ("two distribution kinds", ["databases", 0, "replace"],
     {"uniform": ["1s", "2s"], "constant": "1s"}, False),
    ("unknown distribution parameter", ["databases", 0, "replace"],
     {"exponential": {"mean": "2s", "sd": "1s"}}, False),
    ("missing distribution parameter", ["databases", 0, "replace"],
     {"normal": {"mean": "2s"}}, False),
    ("one-element uniform", ["databases", 0, "replace"], {"uniform": ["1s"]}, False),
    ("tier 4", ["tiers", "4"], {"rpo": "1h", "rto": "2h"}, False),
    ("unknown region_failover key", ["response", "region_failover", "decide"], "1m", False),
    ("unknown cost", ["costs", "storage_gb_month"], 0.1, False),
    ("duration with a long unit", ["horizon"], "30days", False),
    ("bare-number duration string", ["horizon"], "30", False),
    ("bare-number duration", ["horizon"], 2592000, False),
    ("zero horizon", ["horizon"], "0d", False),
    ("negative duration", ["databases", 0, "replace"], "-10m", False),
    ("spaced duration", ["faults", 8, "detect_after"], "2 h", False),
    ("size without its B", ["databases", 0, "size"], "800G", False),
    ("rate without a period", ["databases", 0, "write_rate"], "400", False),
    ("rate with a zero period", ["databases", 0, "write_rate"], "400/0s", False),
    ("bits without ps", ["links", 0, "bandwidth"], "5Gb", False),
    ("zero bandwidth", ["links", 0, "bandwidth"], "0Gbps", False),
    ("time of day with one digit", ["databases", 0, "backup", "snapshot", "at"], "3:00", False),
    ("February 30", ["start"], "2026-02-30", False),
    ("February 29 of a common year", ["start"], "2027-02-29", False),
    ("failover window of one", ["failover_window"], ["60s"], False),
    ("negative seed", ["seed"], -1, False),
    ("zero trials", ["trials"], 0, False),
    ("tier 7", ["services", 0, "tier"], 7, False),
    ("unknown deployment", ["databases", 0, "deployment"], "multiaz", False),
    ("unknown fault kind", ["faults", 0, "kind"], "az_outtage", False),
    ("unknown instance", ["faults", 5, "instance"], "secondary", False),
    ("probability above 1", ["databases", 0, "backup", "silent_corruption"], 1.5, False),
    ("zero restore parallelism", ["response", "restore_parallelism"], 0, False),
    ("zero scope", ["faults", 10, "scope"], 0, False),
    ("region without AZs", ["regions", 0, "azs"], [], False),
    ("no regions", ["regions"], [], False),
    ("empty AZ name", ["regions", 0, "azs", 0], "", False),
    ("fault with at and rate", ["faults", 0, "rate"], "1/y", False),
    ("fault without timing", ["faults", 0, "at"], None, False),
    ("no name", ["name"], None, False),
    ("copy_logs as a string", ["databases", 0, "backup", "copy_logs"], "yes", False),
    ("every with a rate", ["faults", 14, "rate"], "1/y", False),
    ("every as a number", ["faults", 14, "every"], 864000, False),
    ("runs_in as a string", ["services", 0, "runs_in"], "us-east-1", False),
    ("a replica's backup with an unknown key", ["databases", 0, "replicas", 0, "backup", "logs"],
     "5m", False),
    ("combined duration", ["horizon"], "30d12h", True),
    ("a planned event by every alone", ["faults", 14, "at"], None, True),
    ("constant distribution", ["databases", 0, "replace"], {"constant": "90s"}, True),
    ("fractional duration", ["databases", 0, "replace"], ".5h", True),
    ("rate per duration", ["databases", 0, "write_rate"], "1/.5s", True),
    ("seconds in a time of day", ["databases", 0, "backup", "snapshot", "at"], "03:00:30", True),
    ("date without a time", ["start"], "2024-02-29", True),
    ("fractional size", ["databases", 0, "size"], "0.5TiB", True),
    ("bits per second", ["links", 0, "bandwidth"], "100Mbps", True),
    ("the seed's largest value", ["seed"], 18446744073709551615, True),
    ("an integral float", ["trials"], 20.0, True),
    ("scope as a fraction", ["faults", 10, "scope"], 0.25, True),
    ("the $schema key", ["$schema"], "https://example.com/any.json", True),
]


def check_mutations(drsim, validator, source):
    with open(os.path.join(source, "tests", "data", "schema", "every_key.json")) as f:
        base = json.load(f)
    base["faults"] = [fault for fault in base["faults"] if "trace" not in fault]
    with tempfile.TemporaryDirectory() as folder:
        for what, path, value, accepted in MUTATIONS:
            document = set_at(base, path, value)
            file = os.path.join(folder, "mutation.json")
            with open(file, "w") as f:
                json.dump(document, f)
            loader_ok, loader_error = loader_accepts(drsim, file)
            errors = errors_of(validator, document)
            schema_ok = not errors
            if loader_ok != accepted:
                fail("mutation \"%s\": drsim validate %s it, expected it to %s: %s" % (
                    what, "accepts" if loader_ok else "rejects",
                    "accept" if accepted else "reject", loader_error))
            if schema_ok != loader_ok:
                fail("mutation \"%s\": the loader %s it but the schema %s it%s" % (
                    what, "accepts" if loader_ok else "rejects",
                    "accepts" if schema_ok else "rejects",
                    "" if schema_ok else " (" + describe(errors) + ")"))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    drsim, source = sys.argv[1], sys.argv[2]
    result = subprocess.run([drsim, "schema"], capture_output=True, text=True)
    if result.returncode != 0:
        fail("drsim schema: exit status %d\n%s" % (result.returncode, result.stderr))
        return 1
    schema = json.loads(result.stdout)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        fail("drsim schema is not a valid draft 2020-12 schema: " + str(e).splitlines()[0])
        return 1
    validator = jsonschema.Draft202012Validator(schema)
    check_defaults(schema, schema, "#")

    valid = 0
    for path in scenario_files(source):
        with open(path, "rb") as f:
            document = json.loads(f.read())
        if not isinstance(document, dict) or "regions" not in document:
            continue  # not a scenario
        loader_ok, loader_error = loader_accepts(drsim, path)
        errors = errors_of(validator, document)
        if loader_ok and errors:
            fail("%s: the loader accepts it but the schema does not: %s" % (path, describe(errors)))
        if not loader_ok:
            fail("%s: drsim validate rejects a bundled scenario: %s" % (path, loader_error))
        valid += 1
    if valid < 15:
        fail("only %d bundled scenarios found to validate" % valid)

    invalid_folder = os.path.join(source, "tests", "data", "invalid")
    told = 0
    for name in sorted(os.listdir(invalid_folder)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(invalid_folder, name[:-5] + ".err")) as f:
            expected = f.readline().strip()
        if not any(re.search(p, expected) for p in SCHEMA_CAN_TELL):
            continue
        with open(os.path.join(invalid_folder, name), "rb") as f:
            document = json.loads(f.read())
        told += 1
        if not errors_of(validator, document):
            fail("tests/data/invalid/%s: the loader rejects it (%s) but the schema accepts it"
                 % (name, expected))
    if told < 15:
        fail("only %d invalid inputs were picked as ones the schema can tell" % told)

    check_mutations(drsim, validator, source)
    print("schema_check: %d scenarios valid, %d invalid inputs refused, %d mutations agree, "
          "%d failures" % (valid, told, len(MUTATIONS), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
