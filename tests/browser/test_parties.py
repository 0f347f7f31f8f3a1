import pytest

from casework.models import Jurisdiction, Person, UnmaskedView
from casework.roles import Role
from casework.validators import id_number_check_char

pytestmark = pytest.mark.django_db(transaction=True)


def test_clerk_registers_a_worker_and_reveals_the_full_number(page, login, make_user):
    # An earlier transactional test may have flushed the seeded jurisdictions (serialized_rollback does
    # not help once Playwright's event loop is running), so make sure this one exists.
    jishou, _ = Jurisdiction.objects.get_or_create(
        code="433101", defaults={"name": "吉首市", "short_name": "吉首", "level": "county"}
    )
    clerk = make_user(Role.CLERK, jishou, full_name="彭登记")
    first17 = "43312219850312042"
    number = first17 + id_number_check_char(first17)
    wrong = first17 + ("0" if number[-1] != "0" else "1")
    login(clerk)

    page.get_by_role("link", name="当事人").click()
    page.get_by_role("link", name="登记当事人").click()
    page.fill("#id_name", "向秀英")
    page.fill("#id_id_number", wrong)
    page.fill("#id_phone", "139 7430 1201")
    page.get_by_role("button", name="保存").click()
    assert page.locator("#id_id_number_errors").inner_text() == "身份证号码：校验位错误，请逐位核对号码"
    assert not Person.objects.exists()

    page.fill("#id_id_number", number.lower())
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/parties/persons/*/")
    assert page.get_by_test_id("id-number").inner_text() == "4331**********" + number[-4:]
    assert page.get_by_test_id("phone").inner_text() == "139****1201"

    page.get_by_role("button", name="显示完整号码").click()
    assert page.get_by_test_id("id-number").inner_text() == number
    assert page.get_by_test_id("phone").inner_text() == "13974301201"
    assert "本次查看已记录" in page.get_by_test_id("reveal-notice").inner_text()
    assert UnmaskedView.objects.filter(user=clerk, field_name="id_number").count() == 1
