"""The handling conclusions (核处结论) a reply may give, with their reply templates (statutes.md §10: Tianjin's
2022 rules fix ten types, each with a template — the model for this configurable list)."""

from django.db import migrations

OUTCOMES = [
    ("resolved", "已解决", "您于{收到日期}通过{渠道}反映的{单位}欠薪问题（编号{外部编号}），经我局核查处理，已督促支付到位，问题已解决。"),
    ("partly_resolved", "部分解决", "您于{收到日期}反映的{单位}欠薪问题（编号{外部编号}），经我局核查，已支付部分工资，剩余部分我局将继续督办（案件编号{案件编号}）。"),
    ("case_filed", "已立案查处", "您于{收到日期}反映的{单位}欠薪问题（编号{外部编号}），我局已立案查处（案件编号{案件编号}），将依法处理并告知结果。"),
    ("police_transferred", "已移送公安", "您于{收到日期}反映的{单位}欠薪问题（编号{外部编号}），经查涉嫌拒不支付劳动报酬罪，我局已依法移送公安机关。"),
    ("arbitration_litigation", "已进入仲裁诉讼程序", "您于{收到日期}反映的{单位}欠薪问题（编号{外部编号}），已进入劳动争议仲裁或诉讼程序，请依程序主张权利。"),
    ("out_of_scope", "不属于受理范围", "您于{收到日期}反映的问题（编号{外部编号}）不属于劳动保障监察受理范围。理由：{理由}"),
    ("untrue", "线索不实", "您于{收到日期}反映的{单位}欠薪问题（编号{外部编号}），经我局核查，反映情况与事实不符。"),
    ("unreachable", "无法联系", "您于{收到日期}反映的{单位}欠薪问题（编号{外部编号}），我局多次联系反映人未果，无法核实，请您与我局联系。"),
    ("transferred", "已转办", "您于{收到日期}反映的{单位}欠薪问题（编号{外部编号}）已转{转办对象}办理。"),
    ("other", "其他", ""),
]


def seed(apps, schema_editor):
    ReplyOutcome = apps.get_model("clues", "ReplyOutcome")
    for order, (code, label, template) in enumerate(OUTCOMES, start=1):
        ReplyOutcome.objects.update_or_create(
            code=code, defaults={"label": label, "template": template, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("clues", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
