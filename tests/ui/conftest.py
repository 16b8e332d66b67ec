"""Fixtures for the GUI tests: offscreen Qt, private settings and data dirs, real SQLite files.

Qt warnings fail the tests (as in qutebrowser): every test in this folder gets
``qt_log_level_fail("WARNING")``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before Qt loads: no screen, and settings / data in a private folder, never the user's.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_PRIVATE = Path(tempfile.mkdtemp(prefix="dsrdraft-ui-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_PRIVATE / "config")
os.environ["XDG_DATA_HOME"] = str(_PRIVATE / "data")
os.environ.setdefault("DSRDRAFT_DB", str(_PRIVATE / "default.sqlite"))

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from dsrdraft.store import Library, open_library  # noqa: E402
from dsrdraft_ui.catalog import LibraryCatalog  # noqa: E402
from dsrdraft_ui.operations import OperationRunner  # noqa: E402

# Harmless messages of the offscreen platform plugin.
QT_LOG_IGNORE = ["This plugin does not support", "propagateSizeHints"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE))


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled library, built once per session (parsing the seeds takes a moment)."""
    path = tmp_path_factory.mktemp("template") / "library.sqlite"
    library = open_library(str(path))
    library.close()
    return path


@pytest.fixture
def library(seeded_db_template: Path, tmp_path: Path) -> Library:
    """A private copy of the seeded library for one test."""
    path = tmp_path / "library.sqlite"
    shutil.copy(seeded_db_template, path)
    lib = open_library(str(path))
    yield lib
    lib.close()


@pytest.fixture
def runner(qapp) -> Iterator[OperationRunner]:
    """The operation runner, drained before the test's widgets go away."""
    r = OperationRunner()
    yield r
    r.wait()
    r.shutdown()


@pytest.fixture
def catalog(qtbot, library: Library, runner: OperationRunner) -> LibraryCatalog:
    """The library's catalog, loaded (in the database lane)."""
    c = LibraryCatalog(library, runner)
    qtbot.wait_until(lambda: c.loaded, timeout=5000)
    return c


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, library: Library, settings: QSettings, tmp_path: Path):
    from dsrdraft_ui.main_window import MainWindow

    win = MainWindow(library, settings=settings, recovery_dir=tmp_path / "recovery",
                     autosave_ms=60_000)
    # Not qtbot.add_widget: pytest-qt would close it before this fixture marks it saved.
    win.show()
    qtbot.wait_exposed(win)
    qtbot.wait_until(lambda: not win.library_panel.pending, timeout=5000)  # first page
    yield win
    win.document.undo_stack.setClean()  # no "save changes?" question at teardown
    win.close()
    win.runner.wait()
    win.deleteLater()
