import pytest
from rest_framework.test import APIClient

from casework.models import Employer, Person, UnmaskedView
from casework.roles import Role
from tests.parties.conftest import make_id_number

PERSONS = "/api/v1/persons/"
EMPLOYERS = "/api/v1/employers/"


@pytest.fixture
def api():
    def as_user(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return as_user


@pytest.fixture
def clerk(make_user, jishou):
    return make_user(Role.CLERK, jishou)


def test_anonymous_gets_nothing(make_person):
    make_person()
    assert APIClient().get(PERSONS).status_code in (401, 403)


# --- validation ------------------------------------------------------------------------------------


def test_wrong_check_digit_is_400_naming_the_field(api, clerk):
    number = make_id_number("433122", "19850312", 42)
    bad = number[:-1] + ("0" if number[-1] != "0" else "1")
    response = api(clerk).post(
        PERSONS, {"name": "向秀英", "id_number": bad, "phone": "13974301201"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"] == {"id_number": ["校验位错误，请逐位核对号码"]}
    assert not Person.objects.exists()


def test_legacy_15_digit_number_is_refused(api, clerk):
    response = api(clerk).post(PERSONS, {"name": "向秀英", "id_number": "433122850312042"}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["id_number"] == ["不再受理15位旧身份证号码，请使用18位号码"]


def test_bad_phone_is_400_naming_the_field(api, clerk):
    response = api(clerk).post(PERSONS, {"name": "向秀英", "phone": "2397430120"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["phone"]


def test_duplicate_id_number_is_400_already_exists(api, clerk, make_person, luxi):
    existing = make_person(jurisdiction=luxi)  # even one the clerk cannot see: the number is taken
    response = api(clerk).post(
        PERSONS, {"name": "向秀英", "id_number": existing.id_number.lower()}, format="json"
    )
    assert response.status_code == 400
    assert "已存在" in response.json()["fields"]["id_number"][0]
    assert Person.objects.count() == 1


def test_employer_credit_code_checked_and_unique(api, clerk, make_employer):
    client = api(clerk)
    bad = client.post(
        EMPLOYERS, {"name": "湘西州峒河建筑工程有限公司", "credit_code": "91350100M000100Y44"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["fields"] == {"credit_code": ["校验位错误，请逐位核对代码"]}
    taken = make_employer()
    dup = client.post(EMPLOYERS, {"name": "另一家", "credit_code": taken.credit_code}, format="json")
    assert dup.status_code == 400 and "已存在" in dup.json()["fields"]["credit_code"][0]
    illegal = client.post(EMPLOYERS, {"name": "另一家", "credit_code": "91350100M0001O0Y43"}, format="json")
    assert illegal.json()["fields"]["credit_code"][0].startswith("含有非法字符 O")
    assert Employer.objects.count() == 1


def test_create_employer_defaults_to_the_only_jurisdiction(api, clerk, jishou):
    response = api(clerk).post(
        EMPLOYERS,
        {
            "name": "湘西州峒河建筑工程有限公司",
            "credit_code": "91350100m000100y43",
            "industry": "construction",
            "phone": "0743-8211001",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["credit_code"] == "91350100M000100Y43"
    assert body["jurisdiction"] == "433101" and body["jurisdiction_name"] == "吉首市"
    assert body["industry_display"] == "建筑业"
    assert Employer.objects.get().created_by == clerk


def test_cannot_register_in_another_county(api, clerk):
    response = api(clerk).post(PERSONS, {"name": "向秀英", "jurisdiction": "433122"}, format="json")
    assert response.status_code == 400 and list(response.json()["fields"]) == ["jurisdiction"]


# --- masking and reveal ----------------------------------------------------------------------------


def test_responses_only_ever_carry_masked_values(api, clerk):
    number = make_id_number("433122", "19850312", 42)
    created = api(clerk).post(
        PERSONS,
        {
            "name": "向秀英",
            "id_number": number,
            "phone": "13974301201",
            "address": "吉首市乾州街道工地宿舍3栋",
        },
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["id_number_masked"] == number[:4] + "*" * 10 + number[-4:]
    assert body["phone_masked"] == "139****1201"
    assert body["address_masked"] == "吉首市乾州街***"
    assert "id_number" not in body and "phone" not in body and "address" not in body
    for response in (created, api(clerk).get(PERSONS), api(clerk).get(f"{PERSONS}{body['id']}/")):
        content = response.content.decode()
        assert number not in content and "13974301201" not in content and "工地宿舍3栋" not in content
    assert not UnmaskedView.objects.exists()


def test_reveal_returns_full_values_and_logs_each_field(api, clerk, make_person):
    person = make_person(phone="13974301201")
    response = api(clerk).post(f"{PERSONS}{person.pk}/reveal/", {"purpose": "电话联系"}, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "id_number": person.id_number,
        "phone": "13974301201",
        "address": person.address,
    }
    assert "no-store" in response["Cache-Control"]
    logs = UnmaskedView.objects.filter(object_id=person.pk)
    assert sorted(logs.values_list("field_name", flat=True)) == ["address", "id_number", "phone"]
    assert {(log.user, log.record, log.purpose, log.path) for log in logs} == {
        (clerk, person, "电话联系", f"{PERSONS}{person.pk}/reveal/")
    }


def test_only_non_empty_fields_are_logged(api, clerk, make_person):
    person = make_person(phone="", address="")
    api(clerk).post(f"{PERSONS}{person.pk}/reveal/")
    assert list(UnmaskedView.objects.values_list("field_name", flat=True)) == ["id_number"]


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.AUDITOR, Role.ARBITRATOR])
def test_roles_without_the_right_get_403_on_reveal(api, make_user, make_person, prefecture, jishou, role):
    person = make_person()
    user = make_user(role, prefecture if role != Role.ARBITRATOR else jishou)
    client = api(user)
    detail = client.get(f"{PERSONS}{person.pk}/")
    assert detail.status_code == 200  # they may see the record, masked
    assert detail.json()["reveal_url"] is None
    response = client.post(f"{PERSONS}{person.pk}/reveal/")
    assert response.status_code == 403
    assert response.json()["message"] == "您的岗位无权查看完整号码"
    assert not UnmaskedView.objects.exists()


def test_reveal_url_offered_to_roles_with_the_right(api, clerk, make_person):
    person = make_person()
    assert (
        api(clerk)
        .get(f"{PERSONS}{person.pk}/")
        .json()["reveal_url"]
        .endswith(f"/persons/{person.pk}/reveal/")
    )


def test_reveal_in_another_county_is_404_and_not_logged(api, clerk, make_person, luxi):
    person = make_person(jurisdiction=luxi)
    assert api(clerk).post(f"{PERSONS}{person.pk}/reveal/").status_code == 404
    assert not UnmaskedView.objects.exists()


def test_sending_back_the_masked_value_leaves_it_unchanged(api, clerk, make_person):
    person = make_person(phone="13974301201")
    client = api(clerk)
    current = client.get(f"{PERSONS}{person.pk}/").json()
    response = client.put(
        f"{PERSONS}{person.pk}/",
        {
            "name": "向秀英",
            "id_number": current["id_number_masked"],
            "phone": "15207431202",
            "address": current["address_masked"],
            "hometown": "湖南省湘西州泸溪县",
            "jurisdiction": "433101",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    old_id, old_address = person.id_number, person.address
    person.refresh_from_db()
    assert (person.id_number, person.address) == (old_id, old_address)
    assert person.phone == "15207431202" and person.hometown == "湖南省湘西州泸溪县"


def test_patch_with_bad_value_saves_nothing(api, clerk, make_person):
    person = make_person(phone="13974301201")
    response = api(clerk).patch(
        f"{PERSONS}{person.pk}/", {"phone": "1397430120", "hometown": "泸溪"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()["fields"]) == ["phone"]
    person.refresh_from_db()
    assert person.phone == "13974301201" and person.hometown == ""


# --- who may do what -------------------------------------------------------------------------------


def test_read_only_roles_cannot_write(api, make_user, make_person, jishou):
    person = make_person()
    arbitrator = api(make_user(Role.ARBITRATOR, jishou))
    assert arbitrator.patch(f"{PERSONS}{person.pk}/", {"hometown": "x"}, format="json").status_code == 403
    head = api(make_user(Role.INSPECTION_HEAD, jishou))
    assert head.post(PERSONS, {"name": "向秀英"}, format="json").status_code == 403
    assert (
        head.patch(f"{PERSONS}{person.pk}/", {"hometown": "湖南省湘西州"}, format="json").status_code == 200
    )


def test_jishou_clerk_cannot_see_a_luxi_employer(api, clerk, make_employer, luxi, jishou):
    luxi_employer = make_employer(luxi, name="泸溪县白沙建筑工程有限公司")
    own = make_employer(jishou, name="湘西州峒河建筑工程有限公司")
    client = api(clerk)
    listed = [row["id"] for row in client.get(EMPLOYERS).json()["results"]]
    assert listed == [own.pk]
    for q in ("白沙", luxi_employer.credit_code, "泸溪县白沙建筑工程有限公司"):
        assert client.get(EMPLOYERS, {"q": q}).json()["results"] == []
    assert client.get(f"{EMPLOYERS}{luxi_employer.pk}/").status_code == 404
    assert (
        client.patch(f"{EMPLOYERS}{luxi_employer.pk}/", {"phone": "0743-1234567"}, format="json").status_code
        == 404
    )


def test_jishou_clerk_cannot_see_a_luxi_person(api, clerk, make_person, luxi):
    person = make_person(luxi)
    client = api(clerk)
    assert client.get(PERSONS).json()["count"] == 0
    assert client.get(PERSONS, {"q": person.id_number}).json()["count"] == 0
    assert client.get(f"{PERSONS}{person.pk}/").status_code == 404


def test_director_sees_every_county(api, make_user, prefecture, make_employer, luxi, jishou):
    make_employer(luxi)
    make_employer(jishou)
    director = api(make_user(Role.DIRECTOR, prefecture))
    assert director.get(EMPLOYERS).json()["count"] == 2


def test_search_by_name_id_phone_and_credit_code(api, clerk, make_person, make_employer):
    xiang = make_person(name="向秀英", phone="13974301201")
    tian = make_person(name="田光明", phone="15207431202")
    client = api(clerk)

    def found(q):
        return [row["id"] for row in client.get(PERSONS, {"q": q}).json()["results"]]

    assert found("秀英") == [xiang.pk]
    assert found(tian.id_number.lower()) == [tian.pk]
    assert found("152 0743 1202") == [tian.pk]
    assert found(tian.id_number[:10]) == []  # fragments of numbers find nobody
    assert found("0743") == []
    employer = make_employer(name="吉首市万溶江建设劳务有限公司", phone="0743-8211001")
    assert [
        e["id"] for e in client.get(EMPLOYERS, {"q": employer.credit_code.lower()}).json()["results"]
    ] == [employer.pk]
    assert client.get(EMPLOYERS, {"q": "0743-8211001"}).json()["count"] == 1
    assert client.get(EMPLOYERS, {"q": "万溶江"}).json()["count"] == 1


def test_list_is_paginated_with_a_bounded_number_of_queries(
    api, clerk, make_person, django_assert_max_num_queries
):
    for _ in range(30):
        make_person()
    client = api(clerk)
    with django_assert_max_num_queries(8):
        body = client.get(PERSONS).json()
    assert body["count"] == 30 and len(body["results"]) == 25 and body["next"]
