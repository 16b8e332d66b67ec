"""Issue 18's done-when, run by the suite: tests/cli_redline.sh builds a draft from nothing to a
verified redline with command-line calls only, checking each call's output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "cli_redline.sh"


@pytest.mark.skipif(shutil.which("bash") is None, reason="the script is a bash script")
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_script_builds_a_draft_into_a_verified_redline(tmp_path: Path, backend: str,
                                                         request: pytest.FixtureRequest) -> None:
    url = [] if backend == "sqlite" else [request.getfixturevalue("pg_database")("tour")]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # `dsrdraft` on PATH, as a user's script finds it: this interpreter, this checkout.
    launcher = bin_dir / "dsrdraft"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m dsrdraft "$@"\n')
    launcher.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(["bash", str(SCRIPT), str(work), *url], capture_output=True,
                            text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("verified")
    assert (work / "redline.docx").is_file()
    assert (work / "library.sqlite").is_file() == (backend == "sqlite")
