import pytest
from django.core.exceptions import ValidationError

from casework.models import Employer, Industry, Person
from casework.services import parties as services
from tests.parties.conftest import make_id_number


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


# --- persons ---------------------------------------------------------------------------------------


def test_person_is_stored_normalised(jishou):
    person = services.person_create(
        name=" 田光明 ",
        id_number=make_id_number("433127", "19790803", 113).lower(),
        phone="+86 152 0743 1202",
        jurisdiction=jishou,
        is_migrant_worker=True,
    )
    person.refresh_from_db()
    assert person.name == "田光明"
    assert person.id_number == make_id_number("433127", "19790803", 113)
    assert person.phone == "15207431202"


def test_wrong_check_digit_saves_nothing_and_names_the_field(jishou):
    number = make_id_number()
    bad = number[:-1] + ("1" if number[-1] != "1" else "2")
    with pytest.raises(ValidationError) as info:
        services.person_create(name="田光明", id_number=bad, jurisdiction=jishou)
    assert errors_of(info) == {"id_number": ["校验位错误，请逐位核对号码"]}
    assert not Person.objects.exists()


def test_several_bad_fields_are_all_reported(jishou):
    with pytest.raises(ValidationError) as info:
        services.person_create(name="", id_number="433101900101123", phone="1234", jurisdiction=jishou)
    errors = errors_of(info)
    assert set(errors) == {"name", "id_number", "phone"}
    assert errors["id_number"] == ["不再受理15位旧身份证号码，请使用18位号码"]
    assert not Person.objects.exists()


def test_one_id_number_is_one_person(make_person, jishou):
    person = make_person()
    with pytest.raises(ValidationError) as info:
        services.person_create(name=person.name, id_number=person.id_number.lower(), jurisdiction=jishou)
    assert "已存在" in errors_of(info)["id_number"][0]
    assert Person.objects.count() == 1


def test_persons_without_known_id_number_do_not_collide(jishou):
    services.person_create(name="符德才", jurisdiction=jishou)
    services.person_create(name="某包工头", id_number="", jurisdiction=jishou)
    assert Person.objects.filter(id_number__isnull=True).count() == 2


def test_get_or_create_reuses_and_fills_blank_fields_only(jishou, luxi):
    number = make_id_number("433122", "19850312", 42)
    first, created = services.person_get_or_create_by_id_number(
        id_number=number, name="向秀英", phone="13974301201"
    )
    assert created and first.jurisdiction is None
    again, created = services.person_get_or_create_by_id_number(
        id_number=number.lower(),
        name="向秀英",
        phone="13800000000",  # recorded phone is kept
        address="吉首市乾州街道工地宿舍3栋",  # blank: filled
        jurisdiction=luxi,  # blank: filled
        is_migrant_worker=True,
    )
    assert not created and again.pk == first.pk
    again.refresh_from_db()
    assert again.phone == "13974301201"
    assert again.address == "吉首市乾州街道工地宿舍3栋"
    assert again.jurisdiction == luxi and again.is_migrant_worker
    assert Person.objects.count() == 1


def test_get_or_create_refuses_another_name_for_the_same_number(make_person):
    person = make_person(name="向秀英")
    with pytest.raises(ValidationError) as info:
        services.person_get_or_create_by_id_number(
            id_number=person.id_number, name="向秀兰", phone="13900000000"
        )
    assert "向**" in errors_of(info)["name"][0] and "不一致" in errors_of(info)["name"][0]
    person.refresh_from_db()
    assert person.name == "向秀英"


def test_get_or_create_with_invalid_number_saves_nothing():
    with pytest.raises(ValidationError) as info:
        services.person_get_or_create_by_id_number(id_number="43310119900101123", name="田光明")
    assert errors_of(info) == {"id_number": ["长度应为18位，当前为17位"]}
    assert not Person.objects.exists()


def test_update_with_bad_phone_keeps_the_old_record(make_person):
    person = make_person(phone="13974301201")
    with pytest.raises(ValidationError) as info:
        services.person_update(person=person, phone="1397430120", hometown="湖南省湘西州泸溪县")
    assert list(errors_of(info)) == ["phone"]
    person.refresh_from_db()
    assert person.phone == "13974301201" and person.hometown == ""


def test_update_rejects_fields_that_are_not_editable(make_person):
    with pytest.raises(TypeError):
        services.person_update(person=make_person(), created_by=None)


# --- employers -------------------------------------------------------------------------------------


def test_employer_with_wrong_credit_code_is_not_saved(jishou):
    with pytest.raises(ValidationError) as info:
        services.employer_create(
            name="湘西州峒河建筑工程有限公司", credit_code="91350100M000100Y44", jurisdiction=jishou
        )
    assert errors_of(info) == {"credit_code": ["校验位错误，请逐位核对代码"]}
    assert not Employer.objects.exists()


def test_one_credit_code_is_one_employer(make_employer, jishou):
    employer = make_employer()
    with pytest.raises(ValidationError) as info:
        services.employer_create(
            name="另一家公司", credit_code=employer.credit_code.lower(), jurisdiction=jishou
        )
    assert "已存在" in errors_of(info)["credit_code"][0]
    same, created = services.employer_get_or_create_by_credit_code(
        credit_code=employer.credit_code, name="任意", legal_representative="彭国华", jurisdiction=jishou
    )
    assert not created and same.pk == employer.pk
    same.refresh_from_db()
    assert same.legal_representative == "彭国华" and same.name != "任意"
    assert Employer.objects.count() == 1


def test_employer_without_code_yet_and_landline(jishou):
    employer = services.employer_create(
        name="凤凰古城沱江人家酒店有限公司",
        jurisdiction=jishou,
        industry=Industry.ACCOMMODATION_CATERING,
        phone="0743 - 3224004".replace(" ", ""),
    )
    assert employer.credit_code is None and employer.phone == "0743-3224004"
    services.employer_create(name="无名工地", credit_code="", jurisdiction=jishou)
    assert Employer.objects.filter(credit_code__isnull=True).count() == 2


def test_employer_needs_a_jurisdiction_and_a_known_industry():
    with pytest.raises(ValidationError) as info:
        services.employer_create(name="湘西武陵山食品有限公司", jurisdiction=None, industry="mystery")
    assert set(errors_of(info)) == {"jurisdiction", "industry"}
    assert not Employer.objects.exists()


def test_employer_update_is_validated(make_employer):
    employer = make_employer(phone="0743-8211001")
    updated = services.employer_update(
        employer=employer, industry=Industry.CONSTRUCTION, address="吉首市世纪大道1号"
    )
    assert updated.is_construction and updated.address == "吉首市世纪大道1号"
    with pytest.raises(ValidationError) as info:
        services.employer_update(employer=employer, credit_code="91433101MA4L1234I5", phone="")
    assert list(errors_of(info)) == ["credit_code"]
    employer.refresh_from_db()
    assert employer.phone == "0743-8211001"
