import pytest

pytestmark = pytest.mark.django_db


def test_smoke(heard, arb_staff):
    case = heard()
    assert case.state == "heard"
    assert case.number == "吉首劳人仲案〔2026〕0001号"
