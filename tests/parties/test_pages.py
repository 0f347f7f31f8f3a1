import pytest
from django.urls import reverse

from casework.models import Employer, Person, UnmaskedView
from casework.roles import Role
from tests.parties.conftest import make_id_number


@pytest.fixture
def clerk(make_user, jishou):
    return make_user(Role.CLERK, jishou)


@pytest.fixture
def as_clerk(client, clerk):
    client.force_login(clerk)
    return client


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_menu_has_employers_and_persons(as_clerk):
    page = html(as_clerk.get(reverse("my-work")))
    assert reverse("parties:employer-list") in page and "用人单位" in page
    assert reverse("parties:person-list") in page and "当事人" in page


def test_person_list_is_masked_and_searchable(as_clerk, make_person):
    person = make_person(name="向秀英", phone="13974301201")
    make_person(name="田光明")
    page = html(as_clerk.get(reverse("parties:person-list")))
    assert "向秀英" in page and "田光明" in page
    assert person.id_number_masked in page and "139****1201" in page
    assert person.id_number not in page and "13974301201" not in page
    found = html(as_clerk.get(reverse("parties:person-list"), {"q": "13974301201"}))
    assert "向秀英" in found and "田光明" not in found


def test_detail_offers_reveal_and_reveal_is_logged(as_clerk, clerk, make_person):
    person = make_person(phone="13974301201")
    url = reverse("parties:person-detail", args=[person.pk])
    page = html(as_clerk.get(url))
    assert "显示完整号码" in page and person.id_number not in page and "暂无查看记录" in page
    response = as_clerk.post(reverse("parties:person-reveal", args=[person.pk]), {"purpose": "制作文书"})
    revealed = html(response)
    assert person.id_number in revealed and "13974301201" in revealed and person.address in revealed
    assert "本次查看已记录" in revealed
    assert "no-store" in response["Cache-Control"]
    assert UnmaskedView.objects.filter(user=clerk, object_id=person.pk, purpose="制作文书").count() == 3
    history = html(as_clerk.get(url))
    assert person.id_number not in history  # the next view is masked again
    assert "制作文书" in history and "身份证号码、手机号码、现住址" in history


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.AUDITOR])
def test_directors_and_auditors_see_masked_only(client, make_user, make_person, prefecture, role):
    person = make_person()
    client.force_login(make_user(role, prefecture))
    page = html(client.get(reverse("parties:person-detail", args=[person.pk])))
    assert person.id_number_masked in page and "显示完整号码" not in page
    assert client.post(reverse("parties:person-reveal", args=[person.pk])).status_code == 403
    assert not UnmaskedView.objects.exists()


def test_reveal_needs_post(as_clerk, make_person):
    person = make_person()
    assert as_clerk.get(reverse("parties:person-reveal", args=[person.pk])).status_code == 405


def test_create_person_with_wrong_check_digit_shows_the_field_error(as_clerk, jishou):
    number = make_id_number("433122", "19850312", 42)
    bad = number[:-1] + ("0" if number[-1] != "0" else "1")
    response = as_clerk.post(
        reverse("parties:person-create"),
        {"name": "向秀英", "id_number": bad, "phone": "13974301201", "jurisdiction": jishou.pk},
    )
    page = html(response)
    assert "身份证号码：校验位错误，请逐位核对号码" in page
    assert not Person.objects.exists()


def test_create_person_then_duplicate(as_clerk, jishou):
    number = make_id_number("433122", "19850312", 42)
    data = {
        "name": "向秀英",
        "id_number": number.lower(),
        "phone": "139 7430 1201",
        "jurisdiction": jishou.pk,
    }
    response = as_clerk.post(reverse("parties:person-create"), data)
    person = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "parties:person-detail", args=[person.pk]
    )
    assert person.id_number == number and person.phone == "13974301201"
    again = html(as_clerk.post(reverse("parties:person-create"), data))
    assert "身份证号码：该身份证号码已存在" in again
    assert Person.objects.count() == 1


def test_legacy_number_message_on_the_form(as_clerk, jishou):
    page = html(
        as_clerk.post(
            reverse("parties:person-create"),
            {"name": "向秀英", "id_number": "433122850312042", "jurisdiction": jishou.pk},
        )
    )
    assert "不再受理15位旧身份证号码，请使用18位号码" in page


def test_edit_form_never_shows_full_values_and_keeps_masked_ones(as_clerk, make_person, jishou):
    person = make_person(phone="13974301201")
    url = reverse("parties:person-update", args=[person.pk])
    form = html(as_clerk.get(url))
    assert person.id_number not in form and "13974301201" not in form and person.address not in form
    assert person.id_number_masked in form
    response = as_clerk.post(
        url,
        {
            "name": "向秀英",
            "id_number": person.id_number_masked,
            "phone": "15207431202",
            "address": person.address_masked,
            "hometown": "湖南省湘西州泸溪县",
            "is_migrant_worker": "on",
            "jurisdiction": jishou.pk,
        },
    )
    assert response.status_code == 302
    old = (person.id_number, person.address)
    person.refresh_from_db()
    assert (person.id_number, person.address) == old
    assert person.phone == "15207431202" and person.is_migrant_worker


def test_employer_form_errors_and_success(as_clerk, jishou):
    url = reverse("parties:employer-create")
    data = {
        "name": "湘西州峒河建筑工程有限公司",
        "credit_code": "91350100M000100Y4I",
        "industry": "construction",
    }
    data["jurisdiction"] = jishou.pk
    page = html(as_clerk.post(url, data))
    assert "统一社会信用代码：含有非法字符 I" in page
    assert not Employer.objects.exists()
    data["credit_code"] = "91350100M000100Y43"
    response = as_clerk.post(url, data)
    employer = Employer.objects.get()
    assert response["Location"] == reverse("parties:employer-detail", args=[employer.pk])
    detail = html(as_clerk.get(response["Location"]))
    assert "91350100M000100Y43" in detail and "建筑业" in detail
    edit = as_clerk.post(
        reverse("parties:employer-update", args=[employer.pk]), {**data, "phone": "0743-8211001"}
    )
    assert edit.status_code == 302
    employer.refresh_from_db()
    assert employer.phone == "0743-8211001"


def test_jishou_clerk_cannot_see_a_luxi_employer_on_any_page(as_clerk, make_employer, luxi):
    employer = make_employer(luxi, name="泸溪县白沙建筑工程有限公司")
    link = reverse("parties:employer-detail", args=[employer.pk])
    assert link not in html(as_clerk.get(reverse("parties:employer-list")))
    for q in ("白沙", employer.credit_code):
        page = html(as_clerk.get(reverse("parties:employer-list"), {"q": q}))
        assert link not in page and "没有找到符合条件的用人单位" in page
    assert as_clerk.get(reverse("parties:employer-detail", args=[employer.pk])).status_code == 404
    assert as_clerk.get(reverse("parties:employer-update", args=[employer.pk])).status_code == 404


def test_jishou_clerk_cannot_open_a_luxi_person(as_clerk, make_person, luxi):
    person = make_person(luxi)
    assert as_clerk.get(reverse("parties:person-detail", args=[person.pk])).status_code == 404
    assert as_clerk.post(reverse("parties:person-reveal", args=[person.pk])).status_code == 404


def test_form_offers_only_own_jurisdictions(as_clerk, luxi):
    page = html(as_clerk.get(reverse("parties:employer-create")))
    assert "吉首市" in page and "泸溪县" not in page
    response = as_clerk.post(
        reverse("parties:employer-create"), {"name": "某公司", "industry": "other", "jurisdiction": luxi.pk}
    )
    assert "管辖区域" in html(response) and not Employer.objects.exists()


def test_read_only_roles_get_403_on_forms(client, make_user, jishou, make_person):
    client.force_login(make_user(Role.ARBITRATOR, jishou))
    person = make_person()
    assert client.get(reverse("parties:person-create")).status_code == 403
    assert client.get(reverse("parties:person-update", args=[person.pk])).status_code == 403
    assert client.get(reverse("parties:person-list")).status_code == 200


@pytest.mark.parametrize("rows", [3, 40])
def test_list_pages_use_a_bounded_number_of_queries(
    as_clerk, make_person, make_employer, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        make_person()
        make_employer()
    for name in ("parties:person-list", "parties:employer-list"):
        with django_assert_max_num_queries(10):
            page = html(as_clerk.get(reverse(name)))
        assert page.count("<tr>") == min(rows, 25) + 1
