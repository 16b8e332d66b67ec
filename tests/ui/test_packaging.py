"""`pip install .`: the GUI is installed as dsrdraft_ui (no generic `ui`), without the
screenshot scripts, and `dsrdraft gui` finds it through the entry point, not by module name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(ROOT)], check=True, capture_output=True, text=True)
    return target


def test_gui_is_installed_under_a_project_specific_name(installed: Path) -> None:
    tops = {p.name for p in installed.iterdir()}
    assert {"dsrdraft", "dsrdraft_ui"} <= tops
    assert "ui" not in tops
    names = {p.name for p in (installed / "dsrdraft_ui").rglob("*.py")}
    assert "main_window.py" in names and "runner.py" in names
    assert not any(n.startswith("screenshot") for n in names)
    entry_points = next(installed.glob("dsrdraft-*.dist-info")) / "entry_points.txt"
    assert "dsrdraft-gui = dsrdraft_ui.app:main" in entry_points.read_text()


def test_dsrdraft_gui_command_names_no_gui_module() -> None:
    source = (ROOT / "dsrdraft" / "cli" / "gui_cmd.py").read_text(encoding="utf-8")
    assert "import_module" not in source and "dsrdraft_ui" not in source
    assert 'entry_points(group="gui_scripts"' in source
