#!/usr/bin/env bash
# Backup → restore --check on PostgreSQL, end to end (issue 16: backups):
#   creates the scratch database $BR_DB (default ci_backup_restore), migrates it, seeds the demo data, runs
#   `manage.py backup`, then `manage.py restore --check` (restores into another scratch database, runs the
#   audit-chain, arrears-totals and evidence checks there, drops it) and fails on any problem. Then it
#   proves the check can fail: a log entry rewritten in the live database makes the next backup's check fail.
# Cleans up the databases and temp files whatever happens; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
[ -x "$BIN/python" ] || BIN=$(dirname "$(command -v python)")
DB=${BR_DB:-ci_backup_restore}
PG="-h 127.0.0.1 -p 5432 -U postgres"
WORK=$(mktemp -d)

cleanup() {
  status=$?
  dropdb $PG --if-exists --force "$DB" 2>/dev/null || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export VAR_DIR="$WORK/var" MEDIA_ROOT="$WORK/media" AUDIT_DIGEST_DIR="$WORK/digests" CACHE_URL=""
export CELERY_TASK_ALWAYS_EAGER=1 EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export DJANGO_SETTINGS_MODULE=config.settings

echo "=== Backup → restore --check on PostgreSQL (database $DB) ==="
dropdb $PG --if-exists --force "$DB" 2>/dev/null || true
createdb $PG "$DB"
timeout 300 "$BIN/python" manage.py migrate --noinput -v 0
timeout 600 "$BIN/python" manage.py seed_demo >/dev/null
timeout 120 "$BIN/python" manage.py verify_audit_chain --full

BACKUP=$(timeout 600 "$BIN/python" manage.py backup --output "$WORK/backups")
echo "backup: $BACKUP"
timeout 900 "$BIN/python" manage.py restore --check "$BACKUP"

echo "--- a rewritten log entry must fail the check ---"
psql $PG -d "$DB" -q -c "UPDATE casework_transitionlog SET reason = reason || ' (改写)' WHERE id = (SELECT min(id) FROM casework_transitionlog)"
BROKEN=$(timeout 600 "$BIN/python" manage.py backup --output "$WORK/backups-broken")
if timeout 900 "$BIN/python" manage.py restore --check "$BROKEN" >"$WORK/broken.log" 2>&1; then
  cat "$WORK/broken.log"
  echo "restore --check passed a backup with a rewritten log entry" >&2
  exit 1
fi
grep -q "FAIL verify_audit_chain" "$WORK/broken.log"
echo "backup/restore check: 2 passed, 0 failed"
