"""Run the training loop in a child process (the app's "process" runner mode). Qt-free.

The child is started with the ``spawn`` context (a fresh interpreter: no copied Qt state, no
forked threads) and runs the identical ``TrainingLoop`` as the thread runner. Commands go down
and events come back through ``multiprocessing`` queues; they carry only our own objects (command
tuples, the project in its ``to_dict()`` form plus weight arrays, ``Snapshot`` dataclasses with
NumPy arrays) between our own two processes. Training in its own process does not compete with
the GUI for the GIL.

Flow control: the child may have at most ``max_in_flight`` credited snapshots unread (a
semaphore the reader releases in ``poll``), so a busy GUI never lets snapshots pile up; the
snapshots it skips lose nothing, since each snapshot carries the losses since the previous one.

``ProcessRunner`` is polled, not threaded: the GUI calls ``poll()`` from a ~30 Hz timer. No thread
is started in the parent besides the command queue's feeder, which ``shutdown`` joins.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import time

from .loop import Event, TrainingLoop

log = logging.getLogger(__name__)

MAX_IN_FLIGHT = 4


def _child_main(commands, events, credits) -> None:  # pragma: no cover - runs in the child
    """The child's body: serve commands until "quit", the parent's death or an error."""
    import signal

    # Ctrl+C in a terminal reaches the whole process group: the parent decides when we stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = mp.parent_process()
    last_check = [0.0]

    def parent_gone() -> bool:
        now = time.monotonic()
        if now - last_check[0] < 0.25:
            return False
        last_check[0] = now
        return parent is not None and not parent.is_alive()

    loop = TrainingLoop(events.put, commands, credits=credits, should_stop=parent_gone)
    try:
        loop.serve()
    except BaseException as e:  # noqa: BLE001 - tell the parent rather than die silently
        try:
            events.put(Event("error", f"The training process failed: {type(e).__name__}: {e}."))
            events.put(Event("exited"))
        except Exception:  # noqa: BLE001
            pass
        raise
    # flush the last events to the parent, then leave at once: tearing down the interpreter
    # (NumPy, the BLAS pools) takes a noticeable part of a second and nothing here needs it
    if parent is not None and not parent.is_alive():
        events.cancel_join_thread()  # nobody will read them: do not wait on a full pipe
    events.close()
    events.join_thread()
    os._exit(0)


class ProcessRunner:
    """A child process running ``TrainingLoop``; ``send`` commands, ``poll`` events."""

    def __init__(self, max_in_flight: int = MAX_IN_FLIGHT, name: str = "nnsim-training"):
        ctx = mp.get_context("spawn")
        self.commands = ctx.Queue()
        self.events = ctx.Queue()
        self.credits = ctx.Semaphore(max_in_flight)
        self.process = ctx.Process(target=_child_main, name=name, daemon=True,
                                   args=(self.commands, self.events, self.credits))
        self._started = False
        self._closed = False
        self._exitcode: int | None = None
        self.exited = False  # the child said "exited"

    # -- lifetime --------------------------------------------------------------------------------
    def start(self) -> None:
        if not self._started:
            self.process.start()
            self._started = True

    @property
    def alive(self) -> bool:
        return self._started and not self._closed and self.process.is_alive()

    @property
    def exitcode(self) -> int | None:
        if self._started and self._exitcode is None and not self._closed:
            return self.process.exitcode
        return self._exitcode

    def send(self, *command) -> None:
        """Queue a command for the child (never blocks: the queue's feeder thread writes it)."""
        if self._closed:
            raise RuntimeError("the training process has been shut down")
        self.commands.put(tuple(command))

    def poll(self, limit: int | None = None) -> list[Event]:
        """The events that have arrived (in order), without waiting; releases their credits."""
        out: list[Event] = []
        if not self._started:
            return out
        while limit is None or len(out) < limit:
            try:
                ev = self.events.get_nowait()
            except queue.Empty:
                break
            except (EOFError, OSError):
                break
            if ev.credit:
                self.credits.release()
            if ev.kind == "exited":
                self.exited = True
            out.append(ev)
        return out

    def shutdown(self, timeout: float = 1.0) -> list[Event]:
        """Stop the child: "quit", then join while draining its events (a child cannot exit
        while its queue's pipe is full), then terminate and finally kill as a last resort.

        Idempotent. Returns the events that arrived meanwhile. Always returns within about
        ``timeout`` + 1 s."""
        if self._closed:
            return []
        drained: list[Event] = []
        if self._started:
            try:
                self.commands.put(("quit",))
            except (ValueError, OSError):
                pass
            deadline = time.monotonic() + max(0.0, timeout)
            while self.process.is_alive() and time.monotonic() < deadline:
                drained += self.poll()
                self.process.join(0.01)
            if self.process.is_alive():
                log.warning("training process did not stop within %.1f s: terminating", timeout)
                self.process.terminate()
                self.process.join(0.5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(0.5)
            drained += self.poll()
        self._exitcode = self.process.exitcode if self._started else None
        self._closed = True
        clean = self._started and self._exitcode == 0
        if not clean:
            # the child may not have read everything: do not wait to flush it to nobody
            self.commands.cancel_join_thread()
        self.commands.close()
        self.commands.join_thread()
        self.events.close()
        self.events.join_thread()
        if self._started and not self.process.is_alive():
            self.process.close()
        return drained
