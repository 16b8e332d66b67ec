"""The operation runner: lanes, errors as objects, the newest answer wins, no database work
on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from dsrdraft.errors import DsrError
from dsrdraft.sources import CURRENT_DRAFT, library_key
from dsrdraft.store import Library
from dsrdraft_ui.compare_view import CompareView
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.operations import Lane, LatestRequest, LibraryChanges, Operation


class Refused(DsrError):
    """A typed error the caller can test for."""


def test_lanes_database_serial_cpu_parallel_never_the_gui_thread(qtbot, runner):
    seen: dict[str, list[str]] = {"db": [], "cpu": []}
    gate = threading.Event()

    def record(lane: str, wait: bool = False):
        def work(_ctx):
            if wait:
                gate.wait(5)
            seen[lane].append(threading.current_thread().name)
            return lane
        return work

    done: list[str] = []
    for _ in range(3):
        runner.run(Operation("db", record("db")), on_success=done.append)
    runner.run(Operation("cpu slow", record("cpu", wait=True), Lane.CPU), on_success=done.append)
    runner.run(Operation("cpu", record("cpu"), Lane.CPU), on_success=done.append)
    qtbot.wait_until(lambda: len(done) == 4, timeout=5000)  # one CPU task waits, one ran
    gate.set()
    qtbot.wait_until(lambda: len(done) == 5, timeout=5000)
    assert len(set(seen["db"])) == 1 and seen["db"][0].startswith("dsrdraft-db")
    assert all(name.startswith("dsrdraft-cpu") for name in seen["cpu"])
    assert threading.main_thread().name not in seen["db"] + seen["cpu"]


def test_errors_arrive_as_exception_objects(qtbot, runner):
    failures: list[Exception] = []

    def work(_ctx):
        raise Refused("not this text")

    runner.run(Operation("refuse", work, Lane.CPU), on_failure=failures.append)
    qtbot.wait_until(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], Refused) and str(failures[0]) == "not this text"
    unhandled: list[tuple[str, Exception]] = []
    runner.failed.connect(lambda name, error: unhandled.append((name, error)))
    runner.run(Operation("refuse again", work))
    qtbot.wait_until(lambda: bool(unhandled), timeout=5000)
    assert unhandled[0][0] == "refuse again" and isinstance(unhandled[0][1], Refused)


def test_latest_request_wins_and_a_failure_does_not_hold_back_the_next(qtbot, runner):
    latest = LatestRequest(runner)
    gate = threading.Event()
    results: list[str] = []
    errors: list[Exception] = []

    def slow(_ctx):
        gate.wait(5)
        return "old"

    def fail(_ctx):
        raise Refused("bad")

    latest.run(Operation("slow", slow, Lane.CPU), results.append, errors.append)
    latest.run(Operation("fail", fail, Lane.CPU), results.append, errors.append)
    latest.run(Operation("good", lambda _ctx: "new", Lane.CPU), results.append, errors.append)
    gate.set()
    qtbot.wait_until(lambda: not latest.pending, timeout=5000)
    runner.wait()
    qtbot.wait(50)
    assert results == ["new"] and errors == []
    # A failure on its own is reported, and the request after it still answers.
    latest.run(Operation("fail", fail, Lane.CPU), results.append, errors.append)
    qtbot.wait_until(lambda: bool(errors), timeout=5000)
    latest.run(Operation("good", lambda _ctx: "fresh", Lane.CPU), results.append, errors.append)
    qtbot.wait_until(lambda: results[-1] == "fresh", timeout=5000)


def test_library_changes_are_announced(qtbot, runner):
    class Imported:
        library_changes = LibraryChanges(("new-id",))

    announced: list[LibraryChanges] = []
    runner.library_changed.connect(announced.append)
    runner.run(Operation("import", lambda _ctx: Imported()))
    qtbot.wait_until(lambda: bool(announced), timeout=5000)
    assert announced[0].added == ("new-id",)


def test_failed_compare_then_good_one_shows_the_good_one(qtbot, library, runner, catalog):
    document = DraftDocument()
    view = CompareView(library, runner, catalog, document)
    qtbot.add_widget(view)
    view.show()
    view.left_combo.addItem("missing", library_key("no-such-initiative"))
    view.left_combo.setCurrentIndex(view.left_combo.count() - 1)  # a request that will fail
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        view.set_sources(library_key("obor-digital-economy-2017"),
                         library_key("beijing-initiative-2023"))
    assert view.model.rowCount() == 21  # the preambles pair too
    runner.wait()
    qtbot.wait(50)
    assert "Cannot compare" not in view.summary_label.text()
    # and a failure on its own says so
    view.left_combo.addItem("missing", library_key("no-such-initiative"))
    view.left_combo.setCurrentIndex(view.left_combo.count() - 1)
    qtbot.wait_until(lambda: "Cannot compare" in view.summary_label.text(), timeout=10_000)
    assert view.model.rowCount() == 21  # the last good comparison stays on screen
    assert view.sources()[1] != CURRENT_DRAFT


DATABASE_CALLS = ("search", "get", "list_initiatives", "count_clauses", "import_initiative",
                  "has")


@pytest.fixture
def watched(monkeypatch):
    """Every Library method that reads or writes the database notes the thread it ran on."""
    threads: list[str] = []
    for name in DATABASE_CALLS:
        original = getattr(Library, name)

        def spy(self, *args, _original=original, **kwargs):
            threads.append(threading.current_thread().name)
            return _original(self, *args, **kwargs)
        monkeypatch.setattr(Library, name, spy)
    return threads


def test_no_database_call_on_the_gui_thread(qtbot, watched, window):
    panel = window.library_panel
    panel.search_edit.setFocus()
    qtbot.keyClicks(panel.search_edit, "digital")
    qtbot.wait_until(lambda: not panel._timer.isActive() and not panel.pending, timeout=5000)
    model = panel.model
    model.fetchMore()  # the next page, as the view asks when scrolled to the end
    qtbot.wait_until(lambda: not model.fetching, timeout=5000)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)  # the preview loads the initiative
    qtbot.wait_until(lambda: "Beijing" in window.preview.header.text()
                     or "Proposal" in window.preview.header.text(), timeout=5000)
    window.catalog.refresh()
    qtbot.wait_until(lambda: not window.catalog.pending, timeout=5000)
    window.review.show_compare()
    qtbot.wait_until(lambda: not window.review.compare_view.pending, timeout=10_000)
    window.runner.wait()
    assert watched, "the spy saw nothing"
    assert threading.main_thread().name not in watched


def test_agreed_language_of_a_draft_steps_aside_while_the_user_works(qtbot, runner):
    """The draft's shading (many small lookups) waits between lookups while the user types
    or scrolls (`activity.note`), so the GUI thread has the interpreter; then it goes on."""
    import time

    from dsrdraft_ui.operations import activity
    from dsrdraft_ui.operations.ops import find_precedents

    looked_up: list[float] = []

    class Finder:
        def find_text(self, text: str) -> tuple:
            looked_up.append(time.perf_counter())
            return ()

    done: list[dict] = []
    activity.note()  # the user is at work
    start = time.perf_counter()
    runner.run(find_precedents(None, ["a", "b"], Finder), on_success=done.append)
    while time.perf_counter() - start < 0.3:  # ...and keeps at it for 0.3 s
        activity.note()
        qtbot.wait(20)
    assert not looked_up  # nothing looked up while the user worked
    qtbot.wait_until(lambda: bool(done), timeout=5_000)
    assert done[0] == {"a": (), "b": ()} and looked_up[0] - start >= 0.3


def test_a_replaced_comparison_is_given_up_at_its_next_step(qtbot, runner):
    """A comparison whose answer nobody waits for any more (the compare view asked for a
    newer one) stops at its next checkpoint instead of running on beside the GUI thread."""
    steps: list[int] = []
    started = threading.Event()
    release = threading.Event()

    def work(ctx) -> object:
        def checkpoint() -> None:
            steps.append(1)
            if len(steps) == 1:
                started.set()
                release.wait(5)
            ctx.checkpoint()
        return compare_small_texts(checkpoint)

    request = LatestRequest(runner)
    answers: list[object] = []
    request.run(Operation("compare", work, Lane.CPU), answers.append)
    assert started.wait(5)
    request.run(Operation("compare", lambda _ctx: "newer", Lane.CPU), answers.append)
    release.set()
    qtbot.wait_until(lambda: answers == ["newer"], timeout=5_000)
    assert runner.wait(5_000)
    assert len(steps) == 1  # given up at the first checkpoint after the cancel


def test_a_comparison_steps_aside_while_the_user_works_and_not_after_a_cancel(qtbot, runner):
    """A checkpoint waits while the user types or scrolls; a cancel ends the wait at once."""
    import time

    from dsrdraft_ui.operations import activity

    waited: list[float] = []

    def work(ctx) -> str:
        start = time.perf_counter()
        ctx.checkpoint()  # the user is at work: this waits...
        waited.append(time.perf_counter() - start)
        return "done"

    done: list[str] = []
    activity.note(hold_s=0.8)
    ticket = runner.run(Operation("compare", work, Lane.CPU), on_success=done.append)
    qtbot.wait(200)
    assert not waited  # still waiting for the user to pause
    ticket.cancel()  # ...until the answer is no longer wanted
    cancelled_at = time.perf_counter()
    assert runner.wait(2_000)
    assert time.perf_counter() - cancelled_at < 0.3  # not the rest of the user's 0.8 s
    assert not done and not waited  # given up: it raised instead of going on
    qtbot.wait_until(lambda: not activity.remaining(), timeout=2_000)  # for the next test


def compare_small_texts(checkpoint) -> object:
    """A comparison of two small texts through the core's checkpoint hook."""
    from dsrdraft.compare import compare_items, items_of_texts

    old = items_of_texts([f"Paragraph {i} on the digital economy." for i in range(40)])
    new = items_of_texts([f"Paragraph {i} on the digital economy, revised." for i in range(40)])
    return compare_items(old, new, checkpoint=checkpoint)


def test_a_worker_waiting_for_the_user_to_pause_seldom_wakes():
    """A worker waiting out the user's typing sleeps to the end of the pause, looking only
    now and then whether its work is still wanted: each wake-up takes the interpreter from
    the GUI thread, in the middle of a key press (it looked every 5 ms: some 60 times here)."""
    import time

    from dsrdraft_ui.operations import activity

    asked: list[float] = []
    activity.note(hold_s=0.3)
    start = time.perf_counter()
    activity.wait_for_quiet(stop=lambda: asked.append(time.perf_counter()) is not None)
    waited = time.perf_counter() - start
    assert 0.28 <= waited < 0.6
    assert len(asked) <= 0.3 / activity.STOP_CHECK_S + 2
