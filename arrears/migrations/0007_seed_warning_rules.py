"""Seed the wage-payment warning rules (editable in the admin) and schedule the monthly evaluation.

Each rule cites the article of the 保障农民工工资支付条例 (MWWR, statutes.md §3 and §12) it protects; the thresholds
are starting values for the bureau to tune. The evaluation runs on the 5th of each month at 02:30 for the
month before (editable in the admin under Periodic tasks).
"""

from django.db import migrations

TASK = "arrears.evaluate_wage_warnings"
RULES = [
    # code, name, level, params, article, description
    (
        "no_pay_run",
        "有考勤但未通过专用账户发放工资",
        "red",
        {},
        "《保障农民工工资支付条例》第二十六条、第二十八条",
        "当月有工人出勤，却没有一笔工资经工资专用账户代发。",
    ),
    (
        "unpaid_workers",
        "出勤工人未领到工资",
        "yellow",
        {"share_over_percent": "0"},
        "《保障农民工工资支付条例》第二十八条",
        "当月出勤而未发工资的工人占出勤工人的比例超过阈值时，对每一名未发工资的工人预警。",
    ),
    (
        "below_minimum",
        "工资低于最低工资标准（按出勤折算）",
        "red",
        {"standard_days": "21.75"},
        "月最低工资标准（statutes.md §5，按县市分档）；《保障农民工工资支付条例》第二十八条",
        "实发工资低于所在县市月最低工资标准 × 出勤天数 ÷ 月计薪天数（满勤按全月计）。",
    ),
    (
        "transfer_late",
        "人工费用未按月拨付或拨付迟延",
        "orange",
        {"grace_days": 0},
        "《保障农民工工资支付条例》第二十四条、第二十七条",
        "当月有出勤，建设单位未拨付当月人工费用，或拨付日期晚于月末加宽限天数。",
    ),
    (
        "deposit_short",
        "工资保证金未存或不足",
        "orange",
        {},
        "《保障农民工工资支付条例》第三十二条",
        "未免于存储的在建项目，工资保证金余额为零或低于应存数额。",
    ),
    (
        "notice_board_missing",
        "未设置维权信息告示牌",
        "yellow",
        {},
        "《保障农民工工资支付条例》第三十四条",
        "在建项目未在施工现场醒目位置设置维权信息告示牌。",
    ),
    (
        "left_unsettled",
        "工人退场未结清工资",
        "orange",
        {},
        "《保障农民工工资支付条例》第二十八条",
        "工人当月退场，花名册上没有退场结算日期。",
    ),
    (
        "proxy_pay",
        "单人工资畸高（疑似代领）",
        "orange",
        {"times_average": "3", "floor": "20000"},
        "《保障农民工工资支付条例》第二十六条、第三十一条",
        "一名工人当月工资超过项目当月人均工资的倍数且超过下限，疑似由班组长等代领。",
    ),
    (
        "empty_roster",
        "在建项目实名制花名册为空",
        "yellow",
        {},
        "《保障农民工工资支付条例》第二十八条",
        "已开工未竣工的项目，当月没有在场的实名制登记工人。",
    ),
]


def seed(apps, schema_editor):
    WarningRule = apps.get_model("arrears", "WarningRule")
    for order, (code, name, level, params, article, description) in enumerate(RULES, start=1):
        WarningRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "params": params,
                "article": article,
                "description": description,
                "sort_order": order,
            },
        )
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="30", hour="2", day_of_week="*", day_of_month="5", month_of_year="*", timezone="Asia/Shanghai"
    )
    PeriodicTask.objects.get_or_create(
        name="工资支付月度预警评估", defaults={"task": TASK, "crontab": crontab, "enabled": True}
    )


def unseed(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()
    apps.get_model("arrears", "WarningRule").objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("arrears", "0006_construction_monitoring"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
