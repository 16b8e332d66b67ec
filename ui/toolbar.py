"""A toolbar that lays itself out again only when one of its buttons can change size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionEvent
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

# What a button shows that decides its size and place, or that it takes over from its action
# only through QToolButton.setDefaultAction (its enabled and checked states it is given here).
_Look = tuple[str, str, str, int, bool, bool, bool, bool]


def _look(action: QAction) -> _Look:
    return (action.text(), action.iconText(), action.toolTip(), action.icon().cacheKey(),
            action.isVisible(), action.isSeparator(), action.isCheckable(),
            action.menu() is not None)


class StillToolBar(QToolBar):
    """A QToolBar whose buttons take an enabled or checked change of their action as such.

    On any change of an action, QToolBar lays itself out and its button takes the whole
    action over again (text, icon, size), which lays out the toolbar and the main window
    with all its docks once more. Undo and redo are enabled and disabled by nearly every
    edit, so every key press paid for a layout of the whole window that moved nothing.
    Here a change that leaves the action's look as it was only sets the button's enabled
    and checked states, which repaints the button; any other change goes to Qt as before.
    (The toolbar and each button keep their own record: Qt tells them in either order.)"""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._looks: dict[QAction, _Look] = {}
        self._button_looks: dict[QAction, _Look] = {}

    def actionEvent(self, event: QActionEvent) -> None:
        action = event.action()
        kind = event.type()
        if kind == QEvent.Type.ActionChanged:
            look = _look(action)
            if self._looks.get(action) == look:
                return
            self._looks[action] = look
        elif kind == QEvent.Type.ActionRemoved:
            self._looks.pop(action, None)
            self._button_looks.pop(action, None)
        super().actionEvent(event)
        if kind == QEvent.Type.ActionAdded:
            self._looks[action] = self._button_looks[action] = _look(action)
            button = self.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ActionChanged and isinstance(watched, QToolButton)
                and isinstance(event, QActionEvent)):
            action = event.action()
            if action is watched.defaultAction():
                look = _look(action)
                if self._button_looks.get(action) == look:
                    watched.setEnabled(action.isEnabled())
                    watched.setChecked(action.isChecked())
                    return True
                self._button_looks[action] = look
        return super().eventFilter(watched, event)
