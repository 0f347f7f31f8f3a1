"""Create the Celery beat schedule rows (django-celery-beat) for the deadline alerts, idempotently.

* 期限预警巡检 — ``casework.tasks.sweep_deadlines`` every ``ALERT_SWEEP_MINUTES`` minutes; it runs once as
  soon as beat starts, and a sweep left waiting in the queue longer than one interval expires (the next
  one does its work).
* 每日期限提醒摘要 — ``casework.tasks.daily_digest`` at ``ALERT_DIGEST_TIME`` (08:30) Asia/Shanghai.
* 查阅记录入库 — ``casework.tasks.flush_view_audit`` every minute (``casework.services.view_audit``).
* 案件日志每日摘要 — ``casework.tasks.write_audit_digest`` at ``AUDIT_DIGEST_TIME`` (01:30) Asia/Shanghai.
* 证据文件校验 — ``casework.tasks.verify_evidence`` at ``EVIDENCE_FIXITY_TIME`` (02:30) Asia/Shanghai.
* 公开数据生成 — ``casework.tasks.generate_open_data`` nightly at ``OPEN_DATA_TIME`` (02:30) Asia/Shanghai
  (``casework.public.open_data``).
* 预计年末结案率计算 — ``casework.statistics.refresh_projections`` every ``projection_store.REFRESH_MINUTES``
  minutes: the dashboard's stored year-end projections (``casework.statistics.projection_store``).
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
PROJECTION_TASK = "casework.statistics.refresh_projections"
FLUSH_TASK = "casework.tasks.flush_lookup_log"
AUDIT_DIGEST_TASK = "casework.tasks.write_audit_digest"
VIEW_AUDIT_FLUSH_TASK = "casework.tasks.flush_view_audit"
EVIDENCE_FIXITY_TASK = "casework.tasks.verify_evidence"
OPEN_DATA_TASK = "casework.tasks.generate_open_data"
MILESTONE_REQUEUE_TASK = "casework.tasks.requeue_milestone_messages"
DIGEST_TIMEZONE = "Asia/Shanghai"


def parse_time(value: str, name: str = "ALERT_DIGEST_TIME") -> tuple[int, int]:
    try:
        hour, minute = (int(part) for part in value.split(":"))
    except ValueError:
        raise CommandError(f"{name} must be HH:MM, not {value!r}") from None
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise CommandError(f"{name} out of range: {value!r}")
    return hour, minute


def daily_at(value: str, name: str) -> CrontabSchedule:
    hour, minute = parse_time(value, name)
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute=str(minute),
        hour=str(hour),
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=DIGEST_TIMEZONE,
    )
    return crontab


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
        crontab = daily_at(settings.ALERT_DIGEST_TIME, "ALERT_DIGEST_TIME")
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
            VIEW_AUDIT_FLUSH_TASK,
            name="查阅记录入库",
            description="把缓存在 Redis 中的工作人员查阅记录（案件页面、文书、证据、导出）写入数据库。",
            schedule={"interval": every_minute, "crontab": None},
            extra={"expire_seconds": 60},
            reset=reset,
        )
        from casework.statistics.projection_store import REFRESH_MINUTES

        every_few_minutes, _created = IntervalSchedule.objects.get_or_create(
            every=REFRESH_MINUTES, period=IntervalSchedule.MINUTES
        )
        self._ensure(
            PROJECTION_TASK,
            name="预计年末结案率计算",
            description="每隔几分钟重新计算统计分析页面的预计年末结案率（案件变动后也会自动排队计算），页面显示计算时间。",
            schedule={"interval": every_few_minutes, "crontab": None},
            extra={"expire_seconds": REFRESH_MINUTES * 60},
            reset=reset,
        )
        self._ensure(
            MILESTONE_REQUEUE_TASK,
            name="节点短信补发",
            description="把发送中途工作进程退出、超时仍处于“发送中”的节点短信重新排队（每条短信只发送一次）。",
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
        self._ensure(
            AUDIT_DIGEST_TASK,
            name="案件日志每日摘要",
            description="每天把全部案件的日志链头写入数据库之外的只追加目录，并以密钥签名（可选发给审计员）。",
            schedule={"crontab": daily_at(settings.AUDIT_DIGEST_TIME, "AUDIT_DIGEST_TIME"), "interval": None},
            extra={},
            reset=reset,
        )
        self._ensure(
            EVIDENCE_FIXITY_TASK,
            name="证据文件校验",
            description="每晚重新计算已上传证据文件的SHA-256，发现被改动或缺失的文件即在案件上标记并通知承办人。",
            schedule={
                "crontab": daily_at(settings.EVIDENCE_FIXITY_TIME, "EVIDENCE_FIXITY_TIME"),
                "interval": None,
            },
            extra={},
            reset=reset,
        )
        self._ensure(
            OPEN_DATA_TASK,
            name="公开数据生成",
            description="每晚02:30（北京时间）重新生成绿色通道公开的已办结案件匿名汇总数据（CSV、JSON）。",
            schedule={"crontab": daily_at(settings.OPEN_DATA_TIME, "OPEN_DATA_TIME"), "interval": None},
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
