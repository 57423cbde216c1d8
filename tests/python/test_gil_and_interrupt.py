"""Long runs release the GIL, and Ctrl-C (SIGINT) stops them with KeyboardInterrupt."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import drsim


def test_other_threads_run_while_a_run_goes():
    s = drsim.load("scenarios/tracker_multi_az.json")
    ticks = 0
    stop = threading.Event()

    def tick():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.05)  # the ticker is under way
    before = ticks
    started = time.monotonic()
    drsim.run(s, trials=300_000, keep_incidents=False)
    elapsed = time.monotonic() - started
    during = ticks - before
    stop.set()
    ticker.join()
    # Holding the GIL for the whole run, the ticker would not have ticked at all.
    assert elapsed > 0.1, "the run was too quick to tell: give it more trials"
    assert during >= 20, (during, elapsed)


# A child that starts a run of a billion trials (hours) and says when it is under way.
CHILD = """
import sys, drsim
s = drsim.load("scenarios/tracker_multi_az.json")
print("running", flush=True)
{call}
print("finished", flush=True)
"""


def interrupt_child(call, tmp_path):
    """Starts a child running `call`, sends it SIGINT once it runs, and returns its status,
    output and the seconds it took to end after the signal."""
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(call=call)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=os.environ)
    assert child.stdout.readline() == "running\n"
    time.sleep(0.5)  # well into the run
    assert child.poll() is None, child.communicate()
    child.send_signal(signal.SIGINT)
    signalled = time.monotonic()
    try:
        out, err = child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        pytest.fail("the child did not stop on SIGINT within 30 s")
    return child.returncode, out, err, time.monotonic() - signalled


def test_ctrl_c_stops_a_run_with_keyboard_interrupt(tmp_path):
    status, out, err, took = interrupt_child(
        "drsim.run(s, trials=10**9, keep_incidents=False)", tmp_path)
    assert "KeyboardInterrupt" in err, err
    assert status != 0 and "finished" not in out
    assert took < 5, took


def test_ctrl_c_stops_a_sweep_and_drsim_still_works(tmp_path):
    call = """
try:
    drsim.sweep(s, {"databases[*].backup.log_upload": ["5m", "10m"]}, trials=10**9)
except KeyboardInterrupt:
    print("interrupted", flush=True)
print(drsim.run(s, trials=10).trials, flush=True)
"""
    status, out, err, took = interrupt_child(call, tmp_path)
    assert status == 0, err
    assert out.splitlines() == ["interrupted", "10", "finished"]  # "running" was read
    assert took < 5, took
