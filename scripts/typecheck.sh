#!/bin/sh
# mypy over the core and the desktop application: `sh scripts/typecheck.sh [mypy options]`.
# The application's folder ui/ is installed as the package dsrdraft_ui, a mapping mypy cannot
# follow from the source tree, so ui/ is linked under that name in a temporary folder.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ln -s "$here/ui" "$tmp/dsrdraft_ui"
cd "$here"
MYPYPATH="$tmp" python -m mypy -p dsrdraft -p dsrdraft_ui "$@"
