#!/usr/bin/env bash
# Start the whole system on its embedded defaults: SQLite, file-system Celery broker, demo data,
# web server + Celery worker + beat. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
mkdir -p var/log
$BIN/python manage.py migrate --noinput
$BIN/python manage.py compilemessages --ignore=.venv -v 0 2>/dev/null || true
$BIN/python manage.py seed_demo
$BIN/python manage.py setup_schedules 2>/dev/null || true

$BIN/celery -A config worker --loglevel=INFO --concurrency=2 >var/log/celery-worker.log 2>&1 &
WORKER=$!
$BIN/celery -A config beat --loglevel=INFO >var/log/celery-beat.log 2>&1 &
BEAT=$!
trap 'kill $WORKER $BEAT 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  湘西州劳动保障案件管理系统 is running:
    Staff pages:      http://$HOST:$PORT/
    Green channel:    http://$HOST:$PORT/green/
    API docs:         http://$HOST:$PORT/api/v1/docs/
    Health:           http://$HOST:$PORT/healthz
  Demo logins are listed above (password for all: Xiangxi#2026).
  Celery worker and beat log to var/log/. Press Ctrl-C to stop.

MSG
$BIN/python manage.py runserver "$HOST:$PORT"
