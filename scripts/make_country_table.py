"""Write dsrdraft/country_table.py: country names to codes and codes to names, from pycountry.

    python scripts/make_country_table.py

Run after upgrading pycountry or editing the aliases in dsrdraft/countries.py (the test
`test_country_table_matches_pycountry` says when the table is out of date).
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dsrdraft.countries import build_tables  # noqa: E402

HEADER = '''"""Country names and codes, written by scripts/make_country_table.py from
pycountry {version} and the aliases in dsrdraft/countries.py: do not edit by hand, run the
script again."""
'''


def render() -> str:
    from importlib.metadata import version

    names_to_codes, codes_to_names = build_tables()
    return (HEADER.format(version=version("pycountry"))
            + "\nNAMES_TO_CODES: dict[str, str] = "
            + pprint.pformat(names_to_codes, width=100, sort_dicts=True)
            + "\n\nCODES_TO_NAMES: dict[str, str] = "
            + pprint.pformat(codes_to_names, width=100, sort_dicts=True) + "\n")


if __name__ == "__main__":
    (ROOT / "dsrdraft" / "country_table.py").write_text(render(), encoding="utf-8")
