#!/usr/bin/env bash
# A secretariat's script: a draft from nothing to a verified Word redline, with command-line
# calls only, checking what each call prints. Run by tests/test_cli_script.py; by hand:
#   bash tests/cli_redline.sh "$(mktemp -d)" [LIBRARY_URL]
# LIBRARY_URL (default: a new SQLite file in WORK_DIR) may be an empty PostgreSQL database.
set -euo pipefail
work=${1:?usage: cli_redline.sh WORK_DIR [LIBRARY_URL]}
cd "$work"
export DSRDRAFT_DB="${2:-sqlite:///$work/library.sqlite}"  # a fresh library: the bundled texts

fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected [$3], got [$2]"; }
contains() { case "$2" in *"$3"*) ;; *) fail "$1: [$3] not in [$2]" ;; esac; }
# refused STEP EXIT MESSAGE COMMAND…: the command must fail with that exit code and error line
refused() {
  local step=$1 code=$2 message=$3 rc=0
  shift 3
  "$@" >out 2>err || rc=$?
  expect "$step: exit status" "$rc" "$code"
  expect "$step: stdout" "$(cat out)" ""
  expect "$step: stderr" "$(cat err)" "dsrdraft: error: $message"
}

step=new
out=$(dsrdraft draft new "Digital Cooperation Initiative" --out d.json --symbol DSR/2026/L.1 \
      --place Beijing --date 2026-05-14)
expect $step "$out" "wrote d.json"

step=add
out=$(dsrdraft draft add d.json obor-digital-economy-2017:1 beijing-initiative-2023:16)
expect $step "$out" "added obor-digital-economy-2017:1 as clause 1
added beijing-initiative-2023:16 as clause 2"

step="edit with brackets"
out=$(dsrdraft draft edit d.json 2 --text "Promote [digital skills][digital literacy] for all.")
expect "$step" "$out" "clause 2: text set"
before=$(cat d.json)
refused "unbalanced brackets" 2 "unbalanced brackets: clause 2: unclosed '[' at position 8" \
  dsrdraft draft edit d.json 2 --text "Promote [digital skills for all."
expect "a refused edit writes nothing" "$(cat d.json)" "$before"

step=alt
out=$(dsrdraft draft alt d.json 1 --add "Expand affordable broadband access." --by THA,LAO)
expect $step "$out" "clause 1: added Alt 1 (THA, LAO)"
refused "alt by an unknown code" 2 \
  "'THX' is not an ISO 3166 alpha-3 country code (a group of delegations is written as a label such as G77/China)" \
  dsrdraft draft alt d.json 1 --add "Other." --by THX

step=status
out=$(dsrdraft draft status d.json 1 ad_referendum --json)
contains $step "$out" '"status": "ad_referendum"'
contains $step "$out" '"position": 1'

step=reserve
out=$(dsrdraft draft reserve d.json 2 EGY "Reserves its position on digital literacy.")
expect $step "$out" "clause 2: added reservation 1 (EGY)"

step=sign
out=$(dsrdraft draft sign d.json THA CHN LAO --title Minister --date 2026-05-14)
expect $step "$out" "signatories: THA, CHN, LAO"

step=revise
out=$(dsrdraft draft revise d.json --note "after the first reading" --date 2026-05-15)
expect $step "$out" "kept rev0; now DSR/2026/L.1/Rev.1"

step="edit again"
out=$(dsrdraft draft edit d.json 2 --text "Promote digital literacy for all.")
expect "$step" "$out" "clause 2: text set"
shown=$(dsrdraft draft show d.json)
contains "$step: show" "$shown" "DSR/2026/L.1/Rev.1"
contains "$step: show" "$shown" "2. Promote digital literacy for all.  (open; from beijing-initiative-2023:16)"
contains "$step: show" "$shown" "    reservation 1 (EGY): Reserves its position on digital literacy."
contains "$step: show" "$shown" "rev0  2026-05-15  after the first reading"

step="compare @rev0"
out=$(dsrdraft compare d.json@rev0 d.json)
expect "$step" "$(head -n 1 <<<"$out")" "old → new: 1 unchanged, 1 changed"
contains "$step" "$out" "old 2 → new 2  changed"
json=$(dsrdraft compare d.json@rev0 d.json --json)
contains "$step --json" "$json" '"changed": 1'
contains "$step --json" "$json" '"-",'

step="export redline"
out=$(dsrdraft export d.json --mode redline --against d.json@rev0 --out redline.docx)
contains "$step" "$out" "wrote redline.docx (redline, fingerprint "
[ -s redline.docx ] || fail "$step: no redline.docx"
refused "export over an existing file" 2 "redline.docx: already exists (use --force to overwrite)" \
  dsrdraft export d.json --mode redline --against d.json@rev0 --out redline.docx

step=verify
out=$(dsrdraft verify redline.docx)
contains $step "$out" "verified: redline.docx matches its fingerprint"

echo "ok: draft d.json (DSR/2026/L.1/Rev.1) and redline.docx against rev0, verified"
