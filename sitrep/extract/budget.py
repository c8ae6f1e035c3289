"""A time budget for one document's extraction: past it, the work stops with an exception.

A monitor must never hang on one document (a stage's loop that does not end, a regular
expression that backtracks for minutes). `time_budget(seconds)` stops the code it wraps
once `seconds` have passed:

- in the main thread, with a real-time timer (SIGALRM). The signal also stops a regular
  expression mid-match, since CPython's `re` checks for signals while it backtracks;
- in any other thread (the API's worker threads), with a timer thread that raises the
  exception in the worked-on thread (`PyThreadState_SetAsyncExc`). That exception arrives
  at the next Python instruction, so it stops a Python loop but waits for a long C call.

What it raises inside the stages, `_Expired`, is a BaseException, so that no stage's
`except Exception` swallows it; `time_budget` turns it into `TimeBudgetExceeded`.
"""
from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# Seconds one report (of up to CHARS_PER_BUDGET characters) may take; a report of news
# length takes about 0.02 s, loading the stages' resources aside (pipeline.warm_up).
DEFAULT_TIME_BUDGET = 5.0
# A news report of up to this many characters gets the budget as given; a longer one gets
# the budget again for each further block of this size (the stages cost about the same per
# character), so a long document is not cut for being long.
CHARS_PER_BUDGET = 100_000


class TimeBudgetExceeded(Exception):
    def __init__(self, seconds: float):
        super().__init__(f"took longer than its time budget of {seconds:g} s")
        self.seconds = seconds


class _Expired(BaseException):
    """Raised inside the work when a budget runs out; each budget raises its own subclass,
    so that nested budgets tell whose deadline it was."""


def budget_for(chars: int, seconds: float | None) -> float | None:
    """The budget of a document of `chars` characters when a short one gets `seconds`."""
    if not seconds or seconds <= 0:
        return None
    return seconds * max(1.0, chars / CHARS_PER_BUDGET)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the body for at most `seconds` (None or 0: no limit)."""
    if not seconds or seconds <= 0:
        yield
        return
    in_main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    manage = _alarm if in_main else _async_raise
    expired = type("_Expired", (_Expired,), {})
    try:
        with manage(seconds, expired):
            yield
    except expired:
        raise TimeBudgetExceeded(seconds) from None


@contextmanager
def _alarm(seconds: float, expired: type[_Expired]) -> Iterator[None]:
    armed = [True]

    def expire(signum, frame):
        if armed[0]:
            raise expired

    previous = signal.signal(signal.SIGALRM, expire)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    if outer_delay and outer_delay <= seconds:
        # An enclosing budget ends first: leave its timer and handler as they were.
        signal.setitimer(signal.ITIMER_REAL, outer_delay, outer_interval)
        signal.signal(signal.SIGALRM, previous)
        yield
        return
    started = time.monotonic()
    try:
        try:
            yield
        finally:
            armed[0] = False   # an alarm from here on is too late to stop anything
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay:
            left = outer_delay - (time.monotonic() - started)
            # An outer budget already spent fires at once (a tiny delay: 0 would disarm it).
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), outer_interval)


@contextmanager
def _async_raise(seconds: float, expired: type[_Expired]) -> Iterator[None]:
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(expired))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
        if state["fired"]:
            # The exception may still be pending, not yet delivered: clear it, and raise it here,
            # where it belongs, not in whatever the caller does next.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)
    if state["fired"]:
        raise expired
