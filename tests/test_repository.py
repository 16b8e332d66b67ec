"""The repository stands alone: its documents cite only files inside it, and nothing reads
files beside the checkout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)")
OUTSIDE = re.compile(r"\.\./shared|/work/|\bDESIGN\.md\b")


def tracked(*patterns: str) -> list[Path]:
    names = subprocess.run(["git", "ls-files", *patterns], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    return [ROOT / n for n in names if (ROOT / n).is_file()]


def test_every_link_in_the_documents_names_a_file_of_the_repository():
    broken = []
    for doc in tracked("*.md"):
        if "corpus" in doc.relative_to(ROOT).parts[:2]:
            continue  # texts under test, as received: their links are theirs
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert broken == []


def test_no_file_cites_or_reads_a_file_outside_the_repository():
    offenders = []
    for path in tracked("*.md", "*.py", "*.sh", "*.toml", "*.json"):
        parts = path.relative_to(ROOT).parts
        if "corpus" in parts[:2] or parts[:3] == ("tests", "attacks", "files"):
            continue  # texts under test, as received or as damaged on purpose
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OUTSIDE.search(line) and path != Path(__file__):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_system_dependencies_include_venv_and_the_fonts_the_gui_asks_for():
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text(encoding="utf-8")
    for package in ("python3-venv", "fonts-noto-cjk", "fonts-noto-core"):
        assert re.search(rf"\b{re.escape(package)}\b", script), package
    app = (ROOT / "ui" / "app.py").read_text(encoding="utf-8")
    assert "Noto Sans Arabic" in app  # fonts-noto-core is the Debian package that has it
