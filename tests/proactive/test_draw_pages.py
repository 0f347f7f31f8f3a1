"""The staff pages of the draws: each county head sees the draws of their county (a draw over several
counties is seen by each of them), the prefecture sees all; the list paginates at a constant query count."""

import pytest
from django.urls import reverse

from casework.proactive.models import Draw
from casework.proactive.services import draws
from casework.roles import Role


def announce(area, title, quotas):
    return draws.draw_announce(
        actor=area.director,
        title=title,
        jurisdiction=area.director.jurisdictions.first(),
        quotas=quotas,
        seed_source="2026年12月10日 福彩3D 开奖号码",
    )


def copies(draw, n):
    rows = []
    for i in range(n):
        draw.pk, draw.title = None, f"复制抽查{i:02d}"
        rows.append(Draw(**{f.attname: getattr(draw, f.attname) for f in Draw._meta.concrete_fields}))
    Draw.objects.bulk_create(rows)


def titles(response) -> set[str]:
    return {d.title for d in response.context["draws"]}


def test_a_county_head_sees_the_draws_with_a_quota_for_their_county(area, luxi, make_user, client):
    both = announce(area, "两县联合抽查", {"433101": 1, "433122": 1})
    jishou_only = announce(area, "吉首抽查", {"433101": 2})
    luxi_head = make_user(Role.INSPECTION_HEAD, luxi)

    client.force_login(luxi_head)
    assert titles(client.get(reverse("proactive:draw-list"))) == {"两县联合抽查"}
    assert client.get(reverse("proactive:draw-detail", args=[both.pk])).status_code == 200
    assert client.get(reverse("proactive:draw-detail", args=[jishou_only.pk])).status_code == 404
    # a refused draw cannot be run through its page either
    client.post(reverse("proactive:draw-detail", args=[jishou_only.pk]), {"step": "seed", "value": "1"})
    assert Draw.objects.get(pk=jishou_only.pk).seed == ""

    client.force_login(area.head)  # 吉首
    assert titles(client.get(reverse("proactive:draw-list"))) == {"两县联合抽查", "吉首抽查"}

    client.force_login(area.director)  # the prefecture bureau
    assert titles(client.get(reverse("proactive:draw-list"))) == {"两县联合抽查", "吉首抽查"}


def test_the_draw_list_paginates_at_a_constant_query_count(area, client, django_assert_max_num_queries):
    first = announce(area, "吉首抽查", {"433101": 2})
    client.force_login(area.head)
    url = reverse("proactive:draw-list")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    copies(first, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["draws"]) == 25
    assert "第 1 / 2 页，共 41 条" in response.content.decode()
    second = client.get(url, {"page": 2})
    assert len(second.context["draws"]) == 16
    assert not titles(response) & titles(second)


@pytest.mark.parametrize("n", [1, 3])
def test_the_draw_detail_reads_a_constant_number_of_queries(area, client, django_assert_max_num_queries, n):
    draw = announce(area, "吉首抽查", {"433101": n})
    draws.draw_publish_seed(actor=area.head, draw_id=draw.pk, value="517")
    draws.draw_run(actor=area.head, draw_id=draw.pk)
    client.force_login(area.head)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("proactive:draw-detail", args=[draw.pk]))
    assert len(response.context["inspections"]) == n
