"""Rate limits count per fixed window (whole multiples of the window's seconds since the
epoch, `kansrijk.core.ratelimit`). A test that makes a limit's requests and then one more must
not have them straddle two windows on a slow machine: it starts one second into a window."""

import time
from contextlib import contextmanager

import time_machine


@contextmanager
def one_second_into_a_window(seconds: int):
    """Travel to one second after the start of the next window of `seconds`, with the clock
    running."""
    with time_machine.travel((time.time() // seconds + 1) * seconds + 1):
        yield
