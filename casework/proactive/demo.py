"""Demo data: two grids of 吉首 with their employers and inspectors, the inspector registry, a winter
campaign, a published draw and the inspections it created."""

from datetime import timedelta

from django.utils import timezone

DEMO_EMPLOYERS = [
    ("湘西峒河建筑劳务有限公司", "吉首市乾州街道世纪大道88号", "construction", "medium"),
    ("吉首市乾元餐饮管理有限公司", "吉首市乾州街道人民路12号", "accommodation_catering", "small"),
    ("湘西武陵制衣有限公司", "吉首市镇溪街道武陵东路3号", "manufacturing", "medium"),
    ("吉首市峒河物流有限公司", "吉首市镇溪街道峒河路66号", "transport", "small"),
    ("吉首市雅溪百货商行", "吉首市石家冲街道雅溪路5号", "wholesale_retail", "micro"),
]


def seed_proactive(users):
    from casework.demo_parties import demo_employer
    from casework.models import Employer, Jurisdiction
    from casework.proactive.models import Campaign, Grid, InspectorRegistryEntry
    from casework.proactive.services import draws
    from casework.proactive.services.grids import grid_register_county

    jishou = Jurisdiction.objects.get(code="433101")
    if Grid.objects.filter(jurisdiction=jishou).exists():
        return
    north = Grid.objects.create(jurisdiction=jishou, name="乾州网格", townships="乾州街道\n石家冲街道")
    south = Grid.objects.create(jurisdiction=jishou, name="镇溪网格", townships="镇溪街道\n峒河街道")
    north.inspectors.set([users["inspector1"]])
    south.inspectors.set([users["inspector2"]])
    for serial, (name, address, industry, _size) in enumerate(DEMO_EMPLOYERS, start=3101):
        demo_employer("433101", serial, name=name, jurisdiction=jishou, address=address, industry=industry)
    grid_register_county(jishou)
    for n, key in enumerate(("inspector1", "inspector2", "inspection_head"), start=1):
        InspectorRegistryEntry.objects.get_or_create(
            user=users[key], defaults={"certificate_number": f"湘人社监字43310100{n}"}
        )
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name=f"{today.year}年冬季根治欠薪专项行动",
        jurisdiction=jishou,
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=60),
        description="重点检查工程建设领域工资支付",
    )
    campaign.targets.set(Employer.objects.filter(jurisdiction=jishou, grid_entry__isnull=False)[:3])
    head = users["inspection_head"]
    draw = draws.draw_announce(
        actor=head,
        title=f"{today.year}年第四季度双随机抽查（吉首）",
        jurisdiction=jishou,
        quotas={"433101": 2},
        seed_source=f"{today:%Y年%m月%d}日 演示公开字符串",
        kind="special",
        campaign=campaign,
    )
    draws.draw_publish_seed(actor=head, draw_id=draw.pk, value=f"演示公开值 {today.isoformat()}")
    draws.draw_run(actor=head, draw_id=draw.pk)
    draws.draw_publish_results(actor=head, draw_id=draw.pk)
