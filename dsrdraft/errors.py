"""Errors the user caused (bad file, unknown id): printed as one line, never as a traceback."""


class DsrError(Exception):
    """A problem with the user's input or environment; the message is shown as is."""

    exit_code = 2


class NotAnInitiativeError(DsrError):
    """The file was read but holds no numbered clauses (a news report, say)."""


class ExportRefused(DsrError):
    """The exporter will not write this text as asked; `reason` says why, for callers that
    offer a way out ("unbalanced": unbalanced brackets, "bracketed": a clean text still in
    brackets or with alternatives pending). Both can be overridden with force; each caller
    says how the user may insist (the CLI's --allow-brackets, the dialog's "Export anyway")."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class CannotWrite(DsrError):
    """A file could not be written where asked (permissions, missing folder)."""
