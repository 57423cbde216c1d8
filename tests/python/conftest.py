"""Fixtures of the Python module's tests (docs/python.md): the drsim program beside the module,
so every test can compare `import drsim` with the CLI. ctest runs them from the source tree with
PYTHONPATH at build/python and DRSIM_EXE naming the program (tests/python.cmake)."""

import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session", autouse=True)
def repo():
    """The source tree, which every test runs in: scenarios are named relative to it, as the
    CLI's tests name them."""
    os.chdir(SOURCE_DIR)
    return SOURCE_DIR


@pytest.fixture(scope="session")
def cli(repo):
    exe = os.environ.get("DRSIM_EXE")
    if not exe:
        pytest.fail("DRSIM_EXE must name the drsim program (ctest sets it)")
    return Cli(exe, repo)


class Cli:
    """The drsim program, run in the source tree."""

    def __init__(self, exe, cwd):
        self.exe = exe
        self.cwd = cwd

    def run(self, *args):
        return subprocess.run([self.exe, *map(str, args)], cwd=self.cwd, capture_output=True,
                              text=True, timeout=600)

    def json(self, *args):
        """The --json document of `drsim ARGS --json -` (status 0)."""
        done = self.run(*args, "--json", "-")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def errors(self, *args):
        """The problem lines of a command that fails with bad input (status 2), without the
        "error: " each line starts with."""
        done = self.run(*args)
        assert done.returncode == 2, (done.returncode, done.stderr)
        lines = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
        return [line[len("error: "):] for line in lines]


def without_engine(document):
    """A run's document without its engine block, which holds wall time."""
    document = dict(document)
    document.pop("engine", None)
    return document
