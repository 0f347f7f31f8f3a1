"""Create the Celery beat schedule rows (django-celery-beat) for the deadline alerts, idempotently.

* 期限预警巡检 — ``casework.tasks.sweep_deadlines`` every ``ALERT_SWEEP_MINUTES`` minutes; it runs once as
  soon as beat starts, and a sweep left waiting in the queue longer than one interval expires (the next
  one does its work).
* 每日期限提醒摘要 — ``casework.tasks.daily_digest`` at ``ALERT_DIGEST_TIME`` (08:30) Asia/Shanghai.
* 公开数据生成 — ``casework.tasks.generate_open_data`` nightly at ``OPEN_DATA_TIME`` (02:30) Asia/Shanghai
  (``casework.public.open_data``).
* 绿色通道查询记录入库 — ``casework.tasks.flush_lookup_log`` every minute (``casework.public.lookup_log``).

Rows are found by their task path, so a schedule an administrator renamed, re-timed or disabled in the
admin (*Periodic tasks*) is left as it is; ``--reset`` puts the settings' values back.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

SWEEP_TASK = "casework.tasks.sweep_deadlines"
DIGEST_TASK = "casework.tasks.daily_digest"
FLUSH_TASK = "casework.tasks.flush_lookup_log"
OPEN_DATA_TASK = "casework.tasks.generate_open_data"
OPEN_DATA_TIME = "02:30"
DIGEST_TIMEZONE = "Asia/Shanghai"


def parse_time(value: str) -> tuple[int, int]:
    try:
        hour, minute = (int(part) for part in value.split(":"))
    except ValueError:
        raise CommandError(f"ALERT_DIGEST_TIME must be HH:MM, not {value!r}") from None
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise CommandError(f"ALERT_DIGEST_TIME out of range: {value!r}")
    return hour, minute


class Command(BaseCommand):
    help = (
        "Create or update the Celery beat schedules: deadline alerts, digests, the lookup log (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Put the interval and time from the settings back, even if edited in the admin.",
        )

    @transaction.atomic
    def handle(self, *args, reset=False, **options):
        minutes = settings.ALERT_SWEEP_MINUTES
        if minutes < 1:
            raise CommandError("ALERT_SWEEP_MINUTES must be at least 1")
        interval, _created = IntervalSchedule.objects.get_or_create(
            every=minutes, period=IntervalSchedule.MINUTES
        )
        hour, minute = parse_time(settings.ALERT_DIGEST_TIME)
        crontab, _created = CrontabSchedule.objects.get_or_create(
            minute=str(minute),
            hour=str(hour),
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=DIGEST_TIMEZONE,
        )
        self._ensure(
            SWEEP_TASK,
            name="期限预警巡检",
            description="查找即将到期、今日到期、已超期的法定期限并发出提醒（每个期限每一级别只提醒一次）。",
            schedule={"interval": interval, "crontab": None},
            extra={"start_time": timezone.now(), "expire_seconds": minutes * 60},
            reset=reset,
        )
        every_minute, _created = IntervalSchedule.objects.get_or_create(
            every=1, period=IntervalSchedule.MINUTES
        )
        self._ensure(
            FLUSH_TASK,
            name="绿色通道查询记录入库",
            description="把缓存在 Redis 中的绿色通道查询记录写入数据库（未使用 Redis 时记录直接入库，此任务无事可做）。",
            schedule={"interval": every_minute, "crontab": None},
            extra={"expire_seconds": 60},
            reset=reset,
        )
        self._ensure(
            DIGEST_TASK,
            name="每日期限提醒摘要",
            description="每天08:30（北京时间）向每位工作人员发送一封邮件，汇总其未办结的期限提醒。",
            schedule={"crontab": crontab, "interval": None},
            extra={},
            reset=reset,
        )
        hour, minute = parse_time(OPEN_DATA_TIME)
        nightly, _created = CrontabSchedule.objects.get_or_create(
            minute=str(minute),
            hour=str(hour),
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=DIGEST_TIMEZONE,
        )
        self._ensure(
            OPEN_DATA_TASK,
            name="公开数据生成",
            description="每晚02:30（北京时间）重新生成绿色通道公开的已办结案件匿名汇总数据（CSV、JSON）。",
            schedule={"crontab": nightly, "interval": None},
            extra={},
            reset=reset,
        )

    def _ensure(self, task, *, name, description, schedule, extra, reset):
        existing = PeriodicTask.objects.filter(task=task).order_by("pk").first()
        if existing is None:
            if PeriodicTask.objects.filter(name=name).exists():
                name = f"{name}（{task}）"
            PeriodicTask.objects.create(task=task, name=name, description=description, **schedule, **extra)
            self.stdout.write(f"created schedule {task}")
        elif reset:
            for key, value in schedule.items():
                setattr(existing, key, value)
            existing.enabled = True
            existing.expire_seconds = extra.get("expire_seconds", existing.expire_seconds)
            existing.save()
            self.stdout.write(f"reset schedule {task}")
        else:
            self.stdout.write(f"kept schedule {task} (edited in the admin; --reset to restore)")
