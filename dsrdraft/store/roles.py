"""Who may do what in a shared PostgreSQL library, enforced by the server (grants and
row-level security), never by the client.

- `dsr_secretariat` members keep the library (import, delete), create and save shared drafts
  and issue their revisions, and read every delegation's contributions.
- `dsr_delegation` members read the library and the drafts, and write proposals and
  reservations in their own name only: a contribution's `delegation` must be the role that
  writes it (`current_user`), and a delegation cannot change or remove another's.

`install_roles()` runs once per library database, as its owner; `add_member()` creates a
login role in one of the two groups. Both are idempotent.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from dsrdraft.errors import DsrError

SECRETARIAT = "dsr_secretariat"
DELEGATION = "dsr_delegation"
GROUPS = {"secretariat": SECRETARIAT, "delegation": DELEGATION}

_LIBRARY = ("meta", "initiatives", "signatories", "clauses", "precedent_shingles")
_DRAFTS = ("drafts", "draft_versions")
_CONTRIBUTIONS = "draft_contributions"


def _ident(name: str) -> str:
    """A role name quoted for SQL (names come from the command line: never trusted)."""
    if not name or len(name) > 63 or "\x00" in name:
        raise DsrError(f"invalid role name '{name}'")
    return '"' + name.replace('"', '""') + '"'


def _create_role(conn: Connection, name: str, options: str) -> None:
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    if exists is None:
        conn.execute(text(f"CREATE ROLE {_ident(name)} {options}"))


def install_roles(conn: Connection) -> None:
    """The two groups, their grants on this database's tables, and the row-level policies."""
    if conn.dialect.name != "postgresql":
        raise DsrError("roles are a PostgreSQL library's: a SQLite file has no users")
    for group in GROUPS.values():
        _create_role(conn, group, "NOLOGIN")
    everyone = f"{SECRETARIAT}, {DELEGATION}"
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {everyone}"))
    conn.execute(text(f"GRANT SELECT ON {', '.join((*_LIBRARY, *_DRAFTS, _CONTRIBUTIONS))} "
                      f"TO {everyone}"))
    conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(_LIBRARY)} TO {SECRETARIAT}"))
    # Versions are only ever added: nobody but the owner may change or delete one.
    conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON drafts TO {SECRETARIAT}"))
    conn.execute(text(f"GRANT INSERT ON draft_versions TO {SECRETARIAT}"))
    conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {_CONTRIBUTIONS} TO {everyone}"))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {SECRETARIAT}"))
    conn.execute(text(f"GRANT USAGE ON SEQUENCE {_CONTRIBUTIONS}_id_seq TO {DELEGATION}"))
    conn.execute(text(f"ALTER TABLE {_CONTRIBUTIONS} ENABLE ROW LEVEL SECURITY"))
    policies = {
        "contributions_read": f"FOR SELECT TO {everyone} USING (true)",
        "contributions_own": (f"FOR ALL TO {DELEGATION} USING (delegation = current_user) "
                              "WITH CHECK (delegation = current_user)"),
        "contributions_secretariat": f"FOR ALL TO {SECRETARIAT} USING (true) WITH CHECK (true)",
    }
    for name, rule in policies.items():
        conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {_CONTRIBUTIONS}"))
        conn.execute(text(f"CREATE POLICY {name} ON {_CONTRIBUTIONS} {rule}"))


def add_member(conn: Connection, role: str, group: str, password: str | None = None) -> None:
    """A login role in `group` ("secretariat" or "delegation")."""
    if group not in GROUPS:
        raise DsrError(f"a role is a secretariat's or a delegation's, not '{group}'")
    _create_role(conn, role, "LOGIN")
    if password is not None:
        # A utility statement takes no parameters: the server quotes the literal itself.
        statement = conn.execute(text(
            "SELECT format('ALTER ROLE %I PASSWORD %L', CAST(:r AS text), CAST(:p AS text))"),
            {"r": role, "p": password}).scalar_one()
        conn.execute(text(statement))
    conn.execute(text(f"GRANT {GROUPS[group]} TO {_ident(role)}"))
