#!/usr/bin/env bash
# System libraries Qt needs on a bare Debian/Ubuntu machine (offscreen tests and the GUI),
# python3-venv for the README's `python3 -m venv`, fonts the GUI asks for so Chinese (Noto CJK)
# and Arabic (Noto Sans/Naskh Arabic, in fonts-noto-core) render, and Xvfb for screenshots.
# Installs only what is missing.
set -euo pipefail
packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0
          libdbus-1-3 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
          python3-venv fonts-noto-cjk fonts-noto-core xvfb)
# --with-libreoffice: also LibreOffice Writer and its Python bridge, so the tests that render
# exports to PDF and accept or reject a redline's tracked changes run.
# --with-postgres: also the PostgreSQL server (initdb, pg_ctl) and its contrib extensions
# (pg_trgm, unaccent), so the tests run every backend against a real throwaway server.
for option in "$@"; do
  case "$option" in
    --with-libreoffice) packages+=(libreoffice-writer-nogui poppler-utils python3-uno) ;;
    --with-postgres) packages+=(postgresql postgresql-contrib) ;;
    *) echo "unknown option: $option" >&2; exit 2 ;;
  esac
done
command -v apt-get >/dev/null || { echo "not a Debian system: install Qt's libraries yourself"; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
