#!/usr/bin/env bash
# Debian packages the system needs: a CJK font for PDFs (fonts-noto-cjk), pdffonts/pdftotext
# (poppler-utils) for the PDF checks, Debian's chromium for the browser tests, postgresql-client for backups.
# Then `npm ci` installs axe-core (package.json, pinned in package-lock.json) for the accessibility test.
# Installs only what is missing; uses sudo when not root.
set -euo pipefail
missing=()
fc-list :lang=zh 2>/dev/null | grep -qi 'Noto Sans CJK\|Noto Serif CJK' || missing+=(fonts-noto-cjk)
command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
# pg_dump / pg_restore / createdb for `manage.py backup` and `restore --check` on PostgreSQL.
command -v pg_restore >/dev/null 2>&1 || missing+=(postgresql-client)
# Node and npm fetch axe-core (package.json) for the accessibility browser test.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
install_node_modules() {
  cd "$(dirname "$0")/.."
  [ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --loglevel=error
}
if [ ${#missing[@]} -eq 0 ]; then install_node_modules; exit 0; fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_node_modules
