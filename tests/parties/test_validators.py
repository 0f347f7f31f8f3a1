import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework import validators
from tests.parties.conftest import CC_ALPHABET, make_credit_code, make_id_number, wrong_last_char

# Published examples: the GB 11643 textbook number and a code printed on a real business licence.
KNOWN_ID = "11010519491231002X"
KNOWN_CREDIT_CODE = "91350100M000100Y43"


def message(func, value) -> str:
    with pytest.raises(ValidationError) as info:
        func(value)
    return info.value.messages[0]


# --- ID numbers (GB 11643) -------------------------------------------------------------------------


def test_textbook_id_number_is_valid():
    assert validators.validate_id_number(KNOWN_ID) == KNOWN_ID


def test_lower_case_x_spaces_and_full_width_digits_are_normalised():
    assert validators.validate_id_number(" 11010519491231002x ") == KNOWN_ID
    assert validators.validate_id_number("１１０１０５１９４９１２３１００２Ｘ") == KNOWN_ID


@pytest.mark.parametrize(
    "area", ["433101", "433122", "433123", "433124", "433125", "433126", "433127", "433130"]
)
def test_generated_xiangxi_numbers_pass_with_every_check_character(area):
    seen = set()
    for sequence in range(1, 60):
        number = make_id_number(area, "19880214", sequence)
        assert validators.validate_id_number(number) == number
        seen.add(number[-1])
    assert seen == set("0123456789X")  # every check character, including X, occurred


def test_wrong_check_digit_is_named():
    number = make_id_number("433101", "19900101", 123)
    assert message(validators.validate_id_number, wrong_last_char(number, "0123456789X")) == (
        "校验位错误，请逐位核对号码"
    )
    assert message(validators.validate_id_number, "110105194912310021") == "校验位错误，请逐位核对号码"


def test_every_single_mistyped_digit_is_caught():
    number = make_id_number("433101", "19750615", 241)
    for position in range(17):
        for digit in "0123456789":
            if digit == number[position]:
                continue
            typo = number[:position] + digit + number[position + 1 :]
            with pytest.raises(ValidationError):
                validators.validate_id_number(typo)


def test_fifteen_digit_legacy_number_is_refused_with_advice():
    assert message(validators.validate_id_number, "433101900101123") == (
        "不再受理15位旧身份证号码，请使用18位号码"
    )


@pytest.mark.parametrize(
    "value, length", [("43310119900101123", 17), ("4331011990010112345", 19), ("4331", 4)]
)
def test_wrong_length(value, length):
    assert message(validators.validate_id_number, value) == f"长度应为18位，当前为{length}位"


@pytest.mark.parametrize(
    "value, char",
    [
        ("43310119900101A23X", "A"),
        ("4331011990010X1234", "X"),
        ("43310119900101123Y", "Y"),
        ("4331011990010112三4", "三"),
    ],
)
def test_illegal_characters_are_named(value, char):
    assert message(validators.validate_id_number, value).startswith(f"含有非法字符 {char}")


@pytest.mark.parametrize("birth", ["19900230", "19901301", "19900100", "19000229", "20230229"])
def test_impossible_birth_dates(birth):
    number = make_id_number("433101", birth, 123)
    assert message(validators.validate_id_number, number) == f"出生日期 {birth} 不是有效日期"


def test_leap_day_is_a_real_date():
    number = make_id_number("433101", "20000229", 124)
    assert validators.validate_id_number(number) == number
    assert validators.birth_date_from_id(number) == datetime.date(2000, 2, 29)


def test_birth_date_in_the_future_or_before_1900():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = make_id_number("433101", f"{tomorrow:%Y%m%d}", 123)
    assert message(validators.validate_id_number, future) == f"出生日期 {tomorrow:%Y%m%d} 晚于今天"
    old = make_id_number("433101", "18991231", 123)
    assert message(validators.validate_id_number, old) == "出生日期 18991231 早于1900年"


def test_birth_date_and_gender_helpers():
    assert validators.birth_date_from_id(KNOWN_ID) == datetime.date(1949, 12, 31)
    assert validators.gender_from_id(KNOWN_ID) == "female"  # 17th digit 2: even
    assert validators.gender_from_id(make_id_number("433101", "19900101", 123)) == "male"
    assert validators.birth_date_from_id(make_id_number("433101", "19900231", 1)) is None
    assert validators.birth_date_from_id("433101900101123") is None


# --- unified social credit codes (GB 32100) --------------------------------------------------------


def test_known_credit_code_is_valid():
    assert validators.validate_credit_code(KNOWN_CREDIT_CODE) == KNOWN_CREDIT_CODE
    assert validators.validate_credit_code(" 91350100m000100y43 ") == KNOWN_CREDIT_CODE


def test_generated_credit_codes_pass_including_check_value_31_written_as_0():
    checks = set()
    for serial in range(200):
        code = make_credit_code(f"91433101MA4L{serial:04d}X")
        assert validators.validate_credit_code(code) == code
        checks.add(code[-1])
    assert "0" in checks and len(checks) > 20


def test_credit_code_wrong_check_character():
    code = make_credit_code("91433101MA4L12345")
    assert message(validators.validate_credit_code, wrong_last_char(code, CC_ALPHABET)) == (
        "校验位错误，请逐位核对代码"
    )


def test_every_single_mistyped_credit_code_character_is_caught():
    code = make_credit_code("92433122MA4M8R2K0")
    for position in range(17):
        for char in CC_ALPHABET:
            if char == code[position]:
                continue
            with pytest.raises(ValidationError):
                validators.validate_credit_code(code[:position] + char + code[position + 1 :])


@pytest.mark.parametrize("char", ["I", "O", "Z", "S", "V"])
def test_letters_the_standard_leaves_out_are_named(char):
    code = f"91433101MA4L12{char}45Y"
    assert message(validators.validate_credit_code, code) == (
        f"含有非法字符 {char}（统一社会信用代码不使用 I、O、Z、S、V）"
    )


def test_credit_code_other_errors():
    assert message(validators.validate_credit_code, "91433101MA4L1234") == "长度应为18位，当前为16位"
    assert message(validators.validate_credit_code, "91433101MA4L12-45Y").startswith("含有非法字符 -")
    assert message(validators.validate_credit_code, make_credit_code("9143A101MA4L12345")) == (
        "第3–8位应为行政区划代码（6位数字）"
    )


# --- phones ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["13812345678", "+86 138 1234 5678", "138-1234-5678", "8613812345678", "19912345678"]
)
def test_mobile_numbers_are_normalised(value):
    assert validators.validate_mobile(value) == value.replace(" ", "").replace("-", "")[-11:]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12812345678", "应以13–19开头"),
        ("1381234567", "长度应为11位，当前为10位"),
        ("138123456789", "长度应为11位，当前为12位"),
        ("1381234567a", "含有非法字符 a（手机号码只能是数字）"),
        ("0743-8123456", "这是固定电话号码，此处应填写11位手机号码"),
        ("138 1234 56８", "长度应为11位，当前为10位"),  # one digit missing; full-width 8 folded
    ],
)
def test_bad_mobile_numbers(value, expected):
    assert message(validators.validate_mobile, value) == expected


def test_organisation_phone_may_be_a_landline():
    assert validators.validate_phone("0743-8123456") == "0743-8123456"
    assert validators.validate_phone("138 1234 5678") == "13812345678"
    assert message(validators.validate_phone, "8123456").startswith("应为11位手机号码或带区号的固定电话")
