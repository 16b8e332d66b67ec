"""The dsrdraft desktop application (PySide6), built on top of the Qt-free core `dsrdraft`."""
