"""Benchmark of the importer on big inputs: a text and a Word file of 1, 5 and 20 MB.

    python -m benchmarks.bench_parse [--sizes 1,5,20]

The inputs are built from the real corpus (tests/corpus/real): the English and Chinese texts
run one after the other until the size is reached (a compilation of resolutions, treaties and
laws, as a secretariat might keep one), and the paragraphs of a Word-made .docx repeated inside
its own package (the size is that of word/document.xml, the part the importer reads; the
file's size is printed too). They are cached in the system's temporary folder. Each run is a
fresh process, so its peak memory is its own. Baselines in the same run: for text, decoding
the bytes and splitting the lines; for Word, a plain lxml iterparse of word/document.xml that
frees each paragraph. Growth ratios show whether time and memory grow linearly with the size.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "real"
CACHE = Path(tempfile.gettempdir()) / "dsrdraft-bench-parse"
DOCX_SOURCE = CORPUS / "docx-word-vintage-hoa-ccrs-2018.docx"
MB = 1_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def text_input(size_mb: int) -> Path:
    path = CACHE / f"compilation-{size_mb}mb.txt"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.iterdir())
             if p.suffix in (".txt", ".md") and not p.name.startswith("README")]
    parts: list[str] = []
    size = 0
    while size < size_mb * MB:
        for text in texts:
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= size_mb * MB:
                break
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def docx_input(size_mb: int) -> Path:
    path = CACHE / f"compilation-{size_mb}mb.docx"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(DOCX_SOURCE) as source:
        xml = source.read("word/document.xml").decode("utf-8")
        open_end = xml.index(">", xml.index("<w:body")) + 1
        close = xml.rindex("<w:sectPr")
        head, body, tail = xml[:open_end], xml[open_end:close], xml[close:]
        copies = max(1, round(size_mb * MB / len(body.encode("utf-8"))))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                if info.filename == "word/document.xml":
                    out.writestr(info.filename, head + body * copies + tail)
                else:
                    out.writestr(info, source.read(info.filename))
    return path


def parse(path: Path) -> object:
    from dsrdraft.parsing import parse_file

    return len(parse_file(path).clauses)


def baseline_text(path: Path) -> object:
    return len(path.read_bytes().decode("utf-8").splitlines())


def baseline_docx(path: Path) -> object:
    from lxml import etree

    count = 0
    with zipfile.ZipFile(path) as package, package.open("word/document.xml") as handle:
        for _, element in etree.iterparse(handle, tag=f"{_W}p"):
            count += 1
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    return count


def _measure(job: tuple[Callable[[Path], object], Path], queue: multiprocessing.Queue) -> None:
    fn, path = job
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put((seconds, cpu, peak_kb / 1024, result))


def measure(fn: Callable[[Path], object], path: Path) -> tuple[float, float, float, object]:
    """(wall seconds, CPU seconds, peak memory in MB, result) of fn(path) in a fresh process.
    CPU time is printed beside wall time: on a shared machine the wall clock also counts
    the time other processes had the processor."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_measure, args=((fn, path), queue))
    process.start()
    seconds, cpu, peak, result = queue.get()
    process.join()
    return seconds, cpu, peak, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,5,20", help="sizes in MB (default 1,5,20)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"inputs cached in {CACHE}; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    for kind, build, baseline, name in (
            ("text", text_input, baseline_text, "decode + split lines"),
            ("docx", docx_input, baseline_docx, "lxml iterparse of document.xml")):
        print(f"\n{kind}: dsrdraft parse_file against the baseline ({name})")
        print(f"{'size':>6} {'file MB':>8} {'seconds':>8} {'CPU s':>6} {'MB/s':>7} "
              f"{'peak MB':>8} {'units':>8} | {'base s':>7} {'base MB/s':>9} {'base peak':>9} "
              f"{'x base':>7}")
        previous: tuple[int, float, float] | None = None
        for size in sizes:
            path = build(size)
            seconds, cpu, peak, units = measure(parse, path)
            base_s, _, base_peak, _ = measure(baseline, path)
            file_mb = path.stat().st_size / MB
            print(f"{size:>4}MB {file_mb:>8.1f} {seconds:>8.2f} {cpu:>6.2f} {size / seconds:>7.2f} "
                  f"{peak:>8.0f} {units:>8} | {base_s:>7.2f} {size / base_s:>9.1f} "
                  f"{base_peak:>9.0f} {seconds / base_s:>7.0f}")
            if previous is not None:
                p_size, p_seconds, p_peak = previous
                print(f"{'':>6} growth x{size / p_size:.1f} in size: time x"
                      f"{seconds / p_seconds:.2f}, peak memory x{peak / p_peak:.2f}")
            previous = (size, seconds, peak)
    return 0


if __name__ == "__main__":
    sys.exit(main())
