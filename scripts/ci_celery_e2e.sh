#!/usr/bin/env bash
# End to end with real Celery workers and beat: Redis broker, PostgreSQL database, the deadline sweep (CI).
#
#   scripts/ci_celery_e2e.sh            (PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379)
#
# Where: E2E_DB (database name), E2E_PG_HOST / E2E_PG_PORT / E2E_PG_USER, E2E_REDIS_URL (broker and db number).
# Creates (and afterwards drops) the database $E2E_DB (default test_celery_e2e), migrates it, and runs
# scripts/ci_celery_e2e.py, which starts its own workers and `celery beat` on a queue of its own on
# $E2E_REDIS_URL (default redis://127.0.0.1:6379/2) and checks: every alert level (due soon, due today,
# overdue, escalated to the director) raised by sweeps that beat fires, each told to the right people; two
# workers at once, with repeated sweep and send messages, without a duplicate alert, notification or e-mail;
# a worker killed with SIGKILL mid-sweep and its message redelivered to the other, running, worker (acks_late;
# here CELERY_VISIBILITY_TIMEOUT=10, and config/broker.py makes workers look every second). Bounded in time
# (about a minute on an idle machine, mostly `migrate`; each step under `timeout`); cleans up its processes,
# the database, the queue, the queue's unacknowledged messages and worker bindings in Redis, and temp files.
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

cleanup() {
  status=$?
  dropdb $PG --if-exists "$DB" 2>/dev/null || true
  # the queue, its bindings, its messages left unacknowledged by a failed run (kombu's `unacked` hash is shared
  # by every queue of the db: a later run's workers would push them back into this dead queue) and the
  # remote-control bindings of this run's workers
  redis-cli -u "$REDIS_URL" eval '
    local q = ARGV[1]
    local all = redis.call("HGETALL", "unacked")
    for i = 1, #all, 2 do
      local ok, m = pcall(cjson.decode, all[i + 1])
      if ok and m[3] == q then
        redis.call("HDEL", "unacked", all[i]); redis.call("ZREM", "unacked_index", all[i])
      end
    end
    for _, w in ipairs(redis.call("SMEMBERS", "_kombu.binding.celery.pidbox")) do
      if string.find(w, q, 1, true) then redis.call("SREM", "_kombu.binding.celery.pidbox", w) end
    end
    return redis.call("DEL", q, "_kombu.binding." .. q, "_kombu.binding_permanent." .. q)
  ' 0 "$QUEUE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

export DATABASE_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB"
export CELERY_BROKER_URL="$REDIS_URL" CELERY_TASK_DEFAULT_QUEUE="$QUEUE" CELERY_TASK_ALWAYS_EAGER=0
export VAR_DIR="$WORK/var" CACHE_URL="" DJANGO_SETTINGS_MODULE=config.settings
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH="$WORK/mail"
export E2E_WORK="$WORK" E2E_CELERY="$BIN/celery" CELERY_VISIBILITY_TIMEOUT=${CELERY_VISIBILITY_TIMEOUT:-10}

SECONDS=0
echo "=== Celery end to end: workers and beat on $REDIS_URL queue $QUEUE, database $DB ==="
dropdb $PG --if-exists "$DB" 2>/dev/null
createdb $PG "$DB"
timeout "${E2E_MIGRATE_TIMEOUT:-180}" "$BIN/python" manage.py migrate --noinput -v 0

# the driver ends its own workers and beat; `timeout` sends TERM to it (and its cleanup) if it hangs
timeout 150 "$BIN/python" scripts/ci_celery_e2e.py
echo "=== Celery end to end: ${SECONDS}s ==="
