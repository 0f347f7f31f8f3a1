#!/usr/bin/env bash
# End to end with a real Celery worker: Redis broker, PostgreSQL database, the deadline sweep.
#
#   scripts/ci_celery_e2e.sh            (PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379)
#
# Where: E2E_DB (database name), E2E_PG_HOST / E2E_PG_PORT / E2E_PG_USER, E2E_REDIS_URL (broker and db number).
# Creates (and afterwards drops) the database $E2E_DB (default test_celery_e2e), migrates it, starts
# `celery -A config worker` on a queue of its own on $E2E_REDIS_URL (default redis://127.0.0.1:6379/2),
# registers an overdue complaint, sends `sweep_deadlines.delay()` through the broker and waits (bounded)
# until the alerts, the notifications and their e-mails are in the database; then it sends the sweep and
# a send task again (a redelivery) and checks that nothing was alerted or sent twice. Bounded in time
# (the whole run is under `timeout`), and cleans up the worker, the database, the queue and temp files.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
[ -x "$BIN/python" ] || BIN=$(dirname "$(command -v python)")
DB=${E2E_DB:-test_celery_e2e}
PG_HOST=${E2E_PG_HOST:-127.0.0.1} PG_PORT=${E2E_PG_PORT:-5432} PG_USER=${E2E_PG_USER:-postgres}
PG="-h $PG_HOST -p $PG_PORT -U $PG_USER"
REDIS_URL=${E2E_REDIS_URL:-redis://127.0.0.1:6379/2}
QUEUE="e2e-alerts-$$"
WORK=$(mktemp -d)
WORKER=""

cleanup() {
  status=$?
  if [ -n "$WORKER" ] && kill -0 "$WORKER" 2>/dev/null; then
    kill -TERM "$WORKER" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$WORKER" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$WORKER" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  if [ "$status" -ne 0 ] && [ -f "$WORK/worker.log" ]; then
    echo "--- celery worker log (last 60 lines) ---"; tail -n 60 "$WORK/worker.log"
  fi
  dropdb $PG --if-exists "$DB" 2>/dev/null || true
  redis-cli -u "$REDIS_URL" del "$QUEUE" "_kombu.binding.$QUEUE" "_kombu.binding_permanent.$QUEUE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

export DATABASE_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB"
export CELERY_BROKER_URL="$REDIS_URL" CELERY_TASK_DEFAULT_QUEUE="$QUEUE" CELERY_TASK_ALWAYS_EAGER=0
export VAR_DIR="$WORK/var" CACHE_URL="" DJANGO_SETTINGS_MODULE=config.settings
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH="$WORK/mail"
export E2E_WORKER_LOG="$WORK/worker.log"

echo "=== Celery end to end: worker on $REDIS_URL queue $QUEUE, database $DB ==="
dropdb $PG --if-exists "$DB" 2>/dev/null
createdb $PG "$DB"
timeout 300 "$BIN/python" manage.py migrate --noinput -v 0

timeout 240 "$BIN/celery" -A config worker -Q "$QUEUE" -n "$QUEUE@%h" --concurrency=2 --loglevel=INFO \
  --without-gossip --without-mingle --without-heartbeat >"$E2E_WORKER_LOG" 2>&1 &
WORKER=$!

timeout 180 "$BIN/python" scripts/ci_celery_e2e.py
