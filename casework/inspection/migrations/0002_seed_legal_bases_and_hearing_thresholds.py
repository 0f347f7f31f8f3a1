"""Seed the table of legal bases (provisions violated; provisions the handling or penalty rests on) and the
Hunan hearing thresholds (较大数额罚款, APL 2021 Art 63). Both are edited by administrators afterwards.

Legal bases: the article texts of 《劳动法》(1994), 《劳动合同法》(2007/2012), 《劳动保障监察条例》(国务院令第
423号, 2004) and 《保障农民工工资支付条例》(国务院令第724号, 2020), as published; check against the official
text before relying on a citation and correct it in the admin.

Hearing thresholds: APL 2021 Art 63 leaves "较大数额" to each province. The Hunan figures seeded here — a
fine of ¥1,000 or more on a citizen, ¥20,000 or more on a legal person or other organisation — come from a
Hunan provincial government document on regulating administrative penalties (item 12, requiring the hearing
right to be given for "对公民处以1000元以上罚款、对法人或者其他组织处以2万元以上罚款"), read in a reprint
(fsou.com) that names 《湖南省行政程序规定》 (省政府令第222号, in force 2008-10-01). The original document and its
current validity could NOT be verified: every row is seeded ``confirmed=False`` from 2008-10-01 and an
administrator confirms or corrects it under 听证标准 in the admin.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

LDL, LCL = "《中华人民共和国劳动法》", "《中华人民共和国劳动合同法》"
LIR, MWWR = "《劳动保障监察条例》", "《保障农民工工资支付条例》"

BASES = [
    # (code, kind, law, article, text)
    (
        "ldl-50",
        "violated",
        LDL,
        "第五十条",
        "工资应当以货币形式按月支付给劳动者本人。不得克扣或者无故拖欠劳动者的工资。",
    ),
    (
        "lcl-30",
        "violated",
        LCL,
        "第三十条第一款",
        "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。",
    ),
    (
        "mwwr-3",
        "violated",
        MWWR,
        "第三条第一款",
        "农民工有按时足额获得工资的权利。任何单位和个人不得拖欠农民工工资。",
    ),
    ("lcl-10", "violated", LCL, "第十条第一款", "建立劳动关系，应当订立书面劳动合同。"),
    (
        "ldl-41",
        "violated",
        LDL,
        "第四十一条",
        "用人单位由于生产经营需要，经与工会和劳动者协商后可以延长工作时间，一般每日不得超过一小时；"
        "因特殊原因需要延长工作时间的，在保障劳动者身体健康的条件下延长工作时间每日不得超过三小时，"
        "但是每月不得超过三十六小时。",
    ),
    ("ldl-15", "violated", LDL, "第十五条第一款", "禁止用人单位招用未满十六周岁的未成年人。"),
    (
        "lir-18",
        "sanction",
        LIR,
        "第十八条",
        "劳动保障行政部门对违反劳动保障法律、法规或者规章的行为，根据调查、检查的结果，作出以下处理："
        "（一）对依法应当受到行政处罚的，依法作出行政处罚决定；（二）对应当改正未改正的，依法责令改正"
        "或者作出相应的行政处理决定；（三）对情节轻微且已改正的，撤销立案。",
    ),
    (
        "lir-26",
        "sanction",
        LIR,
        "第二十六条",
        "用人单位有下列行为之一的，由劳动保障行政部门分别责令限期支付劳动者的工资报酬、劳动者工资低于"
        "当地最低工资标准的差额或者解除劳动合同的经济补偿；逾期不支付的，责令用人单位按照应付金额50%以上"
        "1倍以下的标准计算，向劳动者加付赔偿金：（一）克扣或者无故拖欠劳动者工资报酬的；（二）支付劳动者的"
        "工资低于当地最低工资标准的；（三）解除劳动合同未依法给予劳动者经济补偿的。",
    ),
    (
        "lcl-85",
        "sanction",
        LCL,
        "第八十五条",
        "用人单位有下列情形之一的，由劳动行政部门责令限期支付劳动报酬、加班费或者经济补偿；劳动报酬低于"
        "当地最低工资标准的，应当支付其差额部分；逾期不支付的，责令用人单位按应付金额百分之五十以上百分之"
        "一百以下的标准向劳动者加付赔偿金：（一）未按照劳动合同的约定或者国家规定及时足额支付劳动者劳动"
        "报酬的；（二）低于当地最低工资标准支付劳动者工资的；（三）安排加班不支付加班费的；（四）解除或者"
        "终止劳动合同，未依照本法规定向劳动者支付经济补偿的。",
    ),
    (
        "lir-25",
        "sanction",
        LIR,
        "第二十五条",
        "用人单位违反劳动保障法律、法规或者规章延长劳动者工作时间的，由劳动保障行政部门给予警告，责令"
        "限期改正，并可以按照受侵害的劳动者每人100元以上500元以下的标准计算，处以罚款。",
    ),
]

THRESHOLD_SOURCE = (
    "湖南省人民政府规范行政处罚文件第（十二）项（对公民1000元以上、对法人或者其他组织2万元以上罚款告知听证权利；"
    "据转载文本，原文及现行有效性未核实）"
)
THRESHOLDS = [("individual", Decimal("1000.00")), ("organisation", Decimal("20000.00"))]


def seed(apps, schema_editor):
    LegalBasis = apps.get_model("inspection", "LegalBasis")
    HearingThreshold = apps.get_model("inspection", "HearingThreshold")
    for order, (code, kind, law, article, text) in enumerate(BASES):
        LegalBasis.objects.get_or_create(
            code=code,
            defaults={"kind": kind, "law": law, "article": article, "text": text, "sort_order": order},
        )
    for party_kind, amount in THRESHOLDS:
        HearingThreshold.objects.get_or_create(
            party_kind=party_kind,
            effective_from=date(2008, 10, 1),
            defaults={"amount": amount, "source": THRESHOLD_SOURCE, "confirmed": False},
        )


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_procedure_records")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
