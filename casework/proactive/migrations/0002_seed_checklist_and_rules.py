"""一单 (the checklist of inspection items with their legal basis) and 一规则 (the draws' rules), seeded and
editable in the admin."""

from django.db import migrations

CHECKLIST = [
    ("LC01", "书面劳动合同签订情况", "劳动合同法第十条、第八十二条", []),
    ("WP01", "工资按时足额支付情况", "劳动法第五十条；保障农民工工资支付条例第十一条", []),
    ("WP02", "最低工资标准执行情况", "劳动法第四十八条；最低工资规定第十二条", []),
    ("WH01", "工作时间和休息休假", "劳动法第四十一条、第四十四条", ["patrol", "special"]),
    ("CL01", "禁止使用童工", "禁止使用童工规定第二条、第六条", ["patrol", "special"]),
    ("FP01", "女职工和未成年工特殊劳动保护", "女职工劳动保护特别规定第四条至第九条", ["patrol", "special"]),
    ("SI01", "参加各项社会保险和缴纳社会保险费", "社会保险法第五十八条、第六十条", []),
    ("MW01", "农民工工资专用账户和实名制管理", "保障农民工工资支付条例第二十六条、第二十八条", ["special"]),
    ("WR01", "职工名册、工资支付台账", "劳动合同法实施条例第八条；保障农民工工资支付条例第十五条", ["written", "special"]),
]

RULES = [
    ("own_grid", "回避本人负责的网格", True, None, "人社部规〔2016〕2号：执法检查人员随机选派、依法回避"),
    ("recent_inspection", "近期已检查的单位不再抽取", True, 365, "人社部规〔2016〕2号：合理确定抽查比例和频次"),
    (
        "publication",
        "抽查结果公开期限（工作日）",
        True,
        20,
        "国发〔2019〕5号《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》：抽查检查结果自产生之日起20个工作日内公示",
    ),
]


def seed(apps, schema_editor):
    ChecklistItem = apps.get_model("proactive", "ChecklistItem")
    DrawRule = apps.get_model("proactive", "DrawRule")
    for order, (code, title, basis, kinds) in enumerate(CHECKLIST, start=1):
        ChecklistItem.objects.update_or_create(
            code=code, defaults={"title": title, "legal_basis": basis, "kinds": kinds, "sort_order": order}
        )
    for code, label, enabled, days, source in RULES:
        DrawRule.objects.update_or_create(
            code=code, defaults={"label": label, "enabled": enabled, "days": days, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("proactive", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
