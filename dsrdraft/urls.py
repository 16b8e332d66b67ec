"""Library URLs as users type them, and their passwords kept out of every message.

Standard library only: the command line's error printer uses it at start-up.
"""

from __future__ import annotations

import re
from pathlib import Path

#: `scheme://user:password@` anywhere in a text; the password is whatever stands between the
#: first ':' after '//' and the last '@' before the host (a password may itself hold '@').
_CREDENTIALS = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^\s:/@'\"]*:)(?P<secret>[^\s'\"]*)@")
#: libpq keyword forms: password=… in a conninfo string or a URL query.
_KEYWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<secret>'[^']*'|[^\s&'\"]+)", re.I)
MASK = "***"


def mask_secrets(text: str) -> str:
    """`text` with every password in a URL or a `password=` setting replaced by ***."""
    text = _CREDENTIALS.sub(lambda m: f"{m['head']}{MASK}@", text)
    return _KEYWORD.sub(lambda m: f"{m['head']}{MASK}", text)


def as_url(value: str) -> str:
    """A SQLAlchemy URL: a plain path is a SQLite file; `postgresql://` (and `postgres://`)
    without a driver use psycopg 3, the driver of the `postgres` extra."""
    if "://" not in value:
        return "sqlite:///" + str(Path(value).expanduser().resolve())
    scheme, rest = value.split("://", 1)
    if scheme.lower() in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return value
