"""Background work of the desktop application: a typed runner and its named operations."""

from dsrdraft_ui.operations.runner import (
    Lane,
    LatestRequest,
    LibraryChanges,
    OpContext,
    Operation,
    OperationRunner,
    Ticket,
    error_message,
)

__all__ = ["Lane", "LatestRequest", "LibraryChanges", "OpContext", "Operation",
           "OperationRunner", "Ticket", "error_message"]
