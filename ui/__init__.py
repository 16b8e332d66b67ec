"""The dsrdraft desktop application (PySide6), built on top of the Qt-free core `dsrdraft`."""

from ui._refcount_guard import install as _install_refcount_guard

_install_refcount_guard()
