"""Row heights of long tables, measured lazily and cached per row key.

Word-wrapped rows need their text laid out to know their height; doing that for every row on
every change (`resizeRowsToContents`, a `ResizeToContents` header) is what made 1,000-clause
drafts slow. `RowHeights` instead:

- keeps a height per *row key* (what the row shows, plus the column widths), so a row whose
  content did not change is never measured again;
- measures the rows on screen at once and the others in idle time, a few milliseconds per
  event-loop turn, nearest to the viewport first, estimating them until then;
- keeps what is at the top of the viewport in place when rows above it change height.

The views it serves (one, or the two sides of the compare view) get `Fixed` vertical headers
whose sections it sets itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from dsrdraft_ui.operations import activity

SLICE_S = 0.004  # idle measuring per event-loop turn


class MeasuredTable(QTableView):
    """A table whose rows are sized by a `RowHeights`: a scroll to a row settles the
    heights around it first, so it lands where it stays."""

    heights: RowHeights | None = None

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex,
                 hint: QAbstractItemView.ScrollHint
                 = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if self.heights is not None and index.isValid():
            self.heights.settle_around(index.row())
        super().scrollTo(index, hint)


class RowHeights(QObject):
    """Heights for the rows of `views` (sharing one model), from `measure(row)`.

    It follows the model itself: inserted and changed rows are measured at once (an edit
    touches a few), removed and moved rows keep their sections (Qt moves them along), a
    reset or a layout change re-applies cached heights by key. After an edit the idle
    measuring waits `DEFER_MS`, so the keystroke's own work is all the event loop does.
    """

    DEFER_MS = 250
    NOW_LIMIT = 64  # more inserted or changed rows than this: visible now, the rest idle

    def __init__(self, views: Sequence[QTableView], key: Callable[[int], Hashable],
                 measure: Callable[[int], int], estimate: Callable[[int], int],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.views = list(views)
        self.key = key
        self.measure = measure
        self.estimate = estimate
        self.cache: dict[Hashable, int] = {}
        self.exact: list[bool] = []  # per row: its section holds its measured height
        self.measured = 0  # rows measured since start (for tests and benchmarks)
        self._pending: int | None = None  # rows from here on wait for `_reapply_slice`
        # True while sections are resized here (and scroll bars moved to keep the top row in
        # place): views that take a scroll for user activity, which pauses idle and
        # background work, know this one is not
        self.adjusting = False
        self.model: QAbstractItemModel | None = None
        for view in self.views:
            if isinstance(view, MeasuredTable):
                view.heights = self
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            view.verticalHeader().setMinimumSectionSize(8)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._idle)
        self.follow(self.views[0].model())

    def follow(self, model: QAbstractItemModel | None) -> None:
        """Track `model` (the views' model, or their proxy)."""
        if self.model is not None:
            for signal, slot in self._connections():
                signal.disconnect(slot)
        self.model = model
        if model is not None:
            for signal, slot in self._connections():
                signal.connect(slot)
        self.reset()

    def _connections(self) -> list[tuple[Any, Callable[..., None]]]:
        m = self.model
        assert m is not None
        return [(m.rowsInserted, self._on_inserted), (m.rowsRemoved, self._on_removed),
                (m.rowsMoved, self._on_moved), (m.dataChanged, self._on_data_changed),
                (m.layoutChanged, self.reapply), (m.modelReset, self.reset)]

    @property
    def rows(self) -> int:
        return self.model.rowCount() if self.model is not None else 0

    @property
    def busy(self) -> bool:
        return self.timer.isActive() or self._pending is not None

    @property
    def done(self) -> bool:
        return all(self.exact) and len(self.exact) == self.rows

    # ------------------------------------------------------------ following the model

    def _on_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.exact[first:first] = [False] * (last - first + 1)
        if last - first < self.NOW_LIMIT:
            self._apply({r: self._height(r) for r in range(first, last + 1)}, anchor=False)
        self.defer()

    def _on_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        del self.exact[first:last + 1]
        self.defer()

    def _on_moved(self, _parent: QModelIndex, start: int, end: int, _dest: QModelIndex,
                  row: int) -> None:
        block = self.exact[start:end + 1]
        del self.exact[start:end + 1]
        at = row if row < start else row - len(block)
        self.exact[at:at] = block
        self.defer()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, *_args: object) -> None:
        first, last = top.row(), bottom.row()
        if last - first < self.NOW_LIMIT:
            self.rows_changed(range(first, last + 1))
        else:
            self.exact[first:last + 1] = [False] * (last - first + 1)
            self.update_visible()
        self.defer()

    # ------------------------------------------------------------ what to (re)measure

    def reset(self) -> None:
        """Everything may have changed (a new model, new widths): start over, visible first."""
        self.reapply()
        self.timer.start(0)

    def reapply(self) -> None:
        """The visible rows measured now; every other section from the cache by key (an
        estimate for the unknown) a time slice at a time when idle, then measured.

        Keys and estimates cost some 60 microseconds a row: done at once, a new width or
        a new comparison held the GUI thread for 60 ms per 1,000 rows. Until its slice
        comes, a row keeps the height it had (for the old width: nearly right)."""
        n = self.rows
        self.exact = [False] * n
        self._pending = 0
        self.update_visible()
        if n <= self.NOW_LIMIT:
            self._reapply_slice(float("inf"))
        if not all(self.exact):
            self.defer(0)

    def _reapply_slice(self, deadline: float) -> None:
        """Sections from the cache or an estimate, from `_pending` on until `deadline`."""
        start = self._pending
        if start is None:
            return
        n = len(self.exact)
        sizes: dict[int, int] = {}
        r = start
        while r < n:
            if not self.exact[r]:
                height = self.cache.get(self.key(r))
                if height is None:
                    height = self.estimate(r)
                else:
                    self.exact[r] = True
                sizes[r] = height
            r += 1
            if not r % 32 and time.perf_counter() > deadline:
                break
        self._pending = r if r < n else None
        self._apply(sizes, anchor=True)

    def rows_changed(self, rows: Iterable[int]) -> None:
        """These rows show something else now: the ones on screen (or whose new look was
        measured before) get their height now; the others are left to idle measuring, so an
        edit that readdresses a whole Article off screen costs no measuring on the key."""
        n = self.rows
        first, last = self._visible(spare=False)
        sizes: dict[int, int] = {}
        for r in rows:
            if not 0 <= r < n:
                continue
            if first <= r <= last:
                sizes[r] = self._height(r)
                continue
            known = self.cache.get(self.key(r))
            if known is None:
                self.exact[r] = False
            else:
                sizes[r] = known
                self.exact[r] = True
        self._apply(sizes, anchor=False)

    def update_visible(self, *, spare: bool = True) -> None:
        """Measure the rows on screen (and, with `spare`, a screen's worth around) now."""
        first, last = self._visible(spare)
        if first < 0:
            return
        todo = {r: self._height(r) for r in range(first, last + 1) if not self.exact[r]}
        self._apply(todo, anchor=True)

    def settle_around(self, row: int) -> None:
        """Measure `row` and a viewport's height of rows above and below it now.

        A scroll to a row lands by the heights above it; if the rows around it are still
        estimates, measuring them once they are on screen moves the row off it again, and
        the next key press scrolls and paints a second time (the first key after opening
        a long draft paid for that)."""
        n = min(self.rows, len(self.exact))
        if not 0 <= row < n:
            return
        view = self.views[0]
        header = view.verticalHeader()
        reach = view.viewport().height()
        sizes: dict[int, int] = {}
        for start, step in ((row, 1), (row - 1, -1)):
            covered = 0
            r = start
            while 0 <= r < n and covered < reach:
                if self.exact[r]:
                    covered += header.sectionSize(r)
                else:
                    sizes[r] = self._height(r)
                    covered += sizes[r]
                r += step
        self._apply(sizes, anchor=True)

    def measure_all(self) -> None:
        """Every row now, however long it takes (screenshots and tests only)."""
        self.timer.stop()
        if len(self.exact) != self.rows:
            self.reapply()
            self.timer.stop()
        self._pending = None
        self._apply({r: self._height(r) for r in range(len(self.exact)) if not self.exact[r]},
                    anchor=True)

    def defer(self, ms: int | None = None) -> None:
        """Idle measuring resumes after `ms` (default `DEFER_MS`) if rows are left."""
        delay = self.DEFER_MS if ms is None else ms
        if delay:  # user activity: idle measuring in every view, and background work, wait
            activity.note(delay / 1000)
        if not all(self.exact):
            self.timer.start(delay)

    # ------------------------------------------------------------ measuring

    def _height(self, row: int) -> int:
        key = self.key(row)
        height = self.cache.get(key)
        if height is None:
            height = self.measure(row)
            self.measured += 1
            if len(self.cache) > 50_000:
                self.cache.clear()
            self.cache[key] = height
        self.exact[row] = True
        return height

    def _visible(self, spare: bool = True) -> tuple[int, int]:
        view = self.views[0]
        n = min(self.rows, len(self.exact))
        if not n:
            return -1, -1
        header = view.verticalHeader()
        first = max(0, header.logicalIndexAt(0))
        last = header.logicalIndexAt(view.viewport().height())
        last = n - 1 if last < 0 else last
        if not spare:
            return first, last
        extra = max(4, last - first)
        return max(0, first - 2), min(n - 1, last + extra)

    def _idle(self) -> None:
        """Measure unmeasured rows for one time slice, nearest the viewport first (after
        the sections a reapply left are all set from the cache or an estimate)."""
        if len(self.exact) != self.rows:  # the model changed without telling: start over
            self.reapply()
        now = time.perf_counter()
        wait = activity.remaining()
        if self._pending is not None:
            # Sections still sized for what the rows showed before: set from the cache or
            # an estimate even while the user works (cheap, and the scroll bar stays
            # true), in shorter slices then.
            self._reapply_slice(now + (SLICE_S / 2 if wait > 0 else SLICE_S))
            self.timer.start(0)
            return
        if wait > 0:  # the user is at work in some view: measure later
            self.timer.start(int(wait * 1000) + 1)
            return
        deadline = now + SLICE_S
        first, last = self._visible(spare=False)
        sizes: dict[int, int] = {}
        for r in self._outward(first, last, len(self.exact)):
            if self.exact[r]:
                continue
            sizes[r] = self._height(r)
            if time.perf_counter() > deadline:
                break
        self._apply(sizes, anchor=True)
        if not all(self.exact):
            self.timer.start(0)

    def _exchange(self, sizes: dict[int, int]) -> bool:
        """Heights passed round a run of adjacent rows, their sum the same (a unit moved
        one row, Alt+Down): resized without telling the table, which would lay out and
        repaint the whole viewport and its scroll bars a second time; only those rows are
        repainted, since nothing above or below them moves. False if that does not apply."""
        if len(sizes) < 2 or max(sizes) - min(sizes) != len(sizes) - 1:
            return False
        rows = range(min(sizes), max(sizes) + 1)
        for view in self.views:
            header = view.verticalHeader()
            old = [header.sectionSize(r) for r in rows]
            if sum(old) != sum(sizes.values()) or header.isSectionHidden(rows[0]):
                return False
        for view in self.views:
            header = view.verticalHeader()
            top = header.sectionViewportPosition(rows[0])
            blocked = header.blockSignals(True)
            try:
                for r in rows:
                    header.resizeSection(r, sizes[r])
            finally:
                header.blockSignals(blocked)
            viewport = view.viewport()
            viewport.update(0, top, viewport.width(), sum(sizes.values()))
        return True

    @staticmethod
    def _outward(first: int, last: int, n: int) -> Iterable[int]:
        """The rows on screen, then below them, then above."""
        yield from range(max(0, first), min(n, last + 1))
        yield from range(max(0, last + 1), n)
        yield from range(min(first, n) - 1, -1, -1)

    # ------------------------------------------------------------ applying

    def _apply(self, sizes: dict[int, int], *, anchor: bool) -> None:
        if not sizes:
            return
        # scroll bars moved from here on are none of the user's doing (this may nest: a
        # scroll bar moved here measures the rows it brings on screen)
        was, self.adjusting = self.adjusting, True
        try:
            self._resize(sizes, anchor)
        finally:
            self.adjusting = was

    def _resize(self, sizes: dict[int, int], anchor: bool) -> None:
        if self._exchange(sizes):
            return
        for view in self.views:
            header = view.verticalHeader()
            bar = view.verticalScrollBar()
            top = header.logicalIndexAt(0) if anchor else -1
            offset = bar.value() - header.sectionPosition(top) if top >= 0 else 0
            top_size = header.sectionSize(top) if top >= 0 else 0
            at_end = bar.value() >= bar.maximum() > 0
            changed = False
            for row, height in sizes.items():
                if header.sectionSize(row) != height:
                    header.resizeSection(row, height)
                    changed = True
            if not changed or top < 0:
                continue
            if at_end:  # the end stays the end (the compare view lines both ends up)
                view.updateGeometries()
                bar.setValue(bar.maximum())
                continue
            if top in sizes and top_size and header.sectionSize(top) != top_size:
                # The row at the top edge was an estimate: keep the share of it above the
                # edge (what the compare view maps between its sides), not its pixels.
                offset = round(offset * header.sectionSize(top) / top_size)
            elif not any(r < top for r in sizes):
                continue
            bar.setValue(header.sectionPosition(top) + offset)

