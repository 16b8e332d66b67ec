"""The country table written into dsrdraft/country_table.py is pycountry's, as installed."""

from __future__ import annotations

import subprocess
import sys

from dsrdraft.countries import build_tables, country_name, is_country_code, resolve_country
from dsrdraft.country_table import CODES_TO_NAMES, NAMES_TO_CODES


def test_country_table_matches_pycountry() -> None:
    names_to_codes, codes_to_names = build_tables()
    assert names_to_codes == NAMES_TO_CODES, "run: python scripts/make_country_table.py"
    assert codes_to_names == CODES_TO_NAMES, "run: python scripts/make_country_table.py"


def test_names_and_codes_read_from_the_table() -> None:
    assert resolve_country("People's Republic of China").code == "CHN"
    assert resolve_country("Royaume des Pays-Bas").code == "NLD"
    assert resolve_country("中华人民共和国").code == "CHN"
    assert country_name("PSE") == "State of Palestine"
    assert country_name("G77") == "G77"  # a group label stays itself
    assert is_country_code("chn") and not is_country_code("XXX")


def test_reading_a_country_imports_no_pycountry() -> None:
    code = ("import sys; from dsrdraft.countries import resolve_country; "
            "assert resolve_country('Kingdom of Thailand').code == 'THA'; "
            "print('pycountry' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"
