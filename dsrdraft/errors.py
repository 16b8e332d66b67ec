"""Errors the user caused (bad file, unknown id): printed as one line, never as a traceback."""


class DsrError(Exception):
    """A problem with the user's input or environment; the message is shown as is."""

    exit_code = 2


class NotAnInitiativeError(DsrError):
    """The file was read but holds no numbered clauses (a news report, say)."""
