"""The core never imports Qt or the GUI package (checked in the source and at run time)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import dsrdraft

CORE = Path(dsrdraft.__file__).parent


def _imported_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_no_core_module_imports_qt_or_ui() -> None:
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imported_names(path)
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6", "ui", "dsrdraft_ui"}
    ]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, dsrdraft\n"
        "for m in pkgutil.walk_packages(dsrdraft.__path__, 'dsrdraft.'):\n"
        "    if m.name != 'dsrdraft.__main__': importlib.import_module(m.name)\n"
        "import dsrdraft.cli; dsrdraft.cli.build_parser()\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6', 'dsrdraft_ui')) or n == 'ui' or n.startswith('ui.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=CORE.parent)
    assert result.stdout.strip() == "[]"


def test_opening_a_library_loads_no_numpy(tmp_path) -> None:
    """Opening a library (the GUI does it before its window) imports the agreed-language
    package, not numpy: some 0.2 s of start-up, paid where similar clauses are scored."""
    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    code = (
        "import sys\n"
        "from dsrdraft.store import open_library\n"
        f"open_library({url!r}).close()\n"
        "import dsrdraft.precedents\n"
        "print('numpy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=CORE.parent)
    assert result.stdout.strip() == "False"


def test_every_package_is_listed_for_installation() -> None:
    """pyproject lists packages by hand (resources/ and templates/ are mapped into the
    package); a package missing from the list would be left out of `pip install .`."""
    import tomllib

    root = CORE.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    installed_as = {"ui": "dsrdraft_ui"}  # the GUI folder has a project-specific package name
    assert config["tool"]["setuptools"]["package-dir"]["dsrdraft_ui"] == "ui"
    on_disk = {
        ".".join((installed_as.get(top, top), *init.parent.relative_to(root / top).parts))
        for top in ("dsrdraft", "ui")
        for init in (root / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk - listed == set()
