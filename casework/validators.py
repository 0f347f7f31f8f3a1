"""Checks for the identifiers parties are known by: ID number, unified social credit code, mobile phone.

Each ``validate_*`` function raises ``django.core.exceptions.ValidationError`` with one specific Chinese
message and otherwise returns the normalised value, so it works both as a model/form field validator
(the return value is ignored there) and as a plain function in services and serializers.

* 居民身份证号码 — GB 11643-1999: 17 digits (6 area, 8 birth date ``YYYYMMDD``, 3 sequence; the last of
  them odd for men, even for women) and a check character over them, ISO 7064 MOD 11-2.
* 统一社会信用代码 — GB 32100-2015: 18 characters from 31 symbols (digits and capital letters without
  I O Z S V): registration authority, organisation type, 6-digit area code (GB/T 2260), 9-character
  organisation code, and a check character, ISO 7064 MOD 31-3.
* 手机号码 — mainland numbers: 11 digits, ``1`` then ``3``–``9``.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# --- GB 11643-1999 ----------------------------------------------------------------------------------

ID_NUMBER_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_NUMBER_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)
EARLIEST_BIRTH_YEAR = 1900

# --- GB 32100-2015 ----------------------------------------------------------------------------------

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 symbols: no I, O, Z, S, V
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3**i mod 31

MOBILE_RE = re.compile(r"1[3-9]\d{9}")
LANDLINE_RE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")


def _fold(value) -> str:
    """Full-width digits and letters (typed with a Chinese input method) to ASCII, spaces removed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", text)


# --- normalisers: pure, never raise ----------------------------------------------------------------


def normalise_id_number(value) -> str:
    """Strip spaces, fold full-width characters, upper-case a trailing ``x``."""
    return _fold(value).upper()


def normalise_credit_code(value) -> str:
    return _fold(value).upper()


def normalise_mobile(value) -> str:
    """``+86 138-1234-5678`` → ``13812345678``. Anything that is not a mobile number is only trimmed."""
    text = _fold(value)
    digits = text.replace("-", "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits if digits.isdigit() else text


def normalise_phone(value) -> str:
    """A mobile number as in :func:`normalise_mobile`; a landline keeps its hyphens (``0743-8123456``)."""
    mobile = normalise_mobile(value)
    if MOBILE_RE.fullmatch(mobile):
        return mobile
    return _fold(value)


# --- check characters: pure ------------------------------------------------------------------------


def id_number_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_NUMBER_WEIGHTS, strict=True))
    return ID_NUMBER_CHECK_CHARS[total % 11]


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character: 31 − (weighted sum mod 31), where 31 becomes 0."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    value = 31 - total % 31
    return CREDIT_CODE_ALPHABET[0 if value == 31 else value]


def birth_date_from_id(value) -> datetime.date | None:
    """The birth date an 18-character ID number encodes, or ``None`` if it encodes no real date."""
    number = normalise_id_number(value)
    if len(number) != 18 or not number[6:14].isdigit():
        return None
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender_from_id(value) -> str | None:
    """``"male"`` or ``"female"`` from the 17th digit (odd for men), ``None`` if it cannot be read."""
    number = normalise_id_number(value)
    if len(number) != 18 or not number[16].isdigit():
        return None
    return "male" if int(number[16]) % 2 else "female"


# --- validators ------------------------------------------------------------------------------------


def _invalid(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def validate_id_number(value) -> str:
    """GB 11643-1999 居民身份证号码. Returns the normalised number.

    15-digit numbers (the pre-1999 format) are refused: they carry no check digit, so a typing error
    could not be caught, and every holder has been issued an 18-digit number since.
    """
    number = normalise_id_number(value)
    if len(number) == 15 and number.isdigit():
        raise _invalid(_("不再受理15位旧身份证号码，请使用18位号码"), "legacy_15")
    if len(number) != 18:
        raise _invalid(_("长度应为18位，当前为%(n)d位") % {"n": len(number)}, "length")
    for position, char in enumerate(number, start=1):
        allowed = char.isascii() and (char.isdigit() or (position == 18 and char == "X"))
        if not allowed:
            if position == 18:
                raise _invalid(_("含有非法字符 %(c)s（第18位只能是数字或X）") % {"c": char}, "bad_char")
            raise _invalid(_("含有非法字符 %(c)s（前17位只能是数字）") % {"c": char}, "bad_char")
    birth = birth_date_from_id(number)
    if birth is None:
        raise _invalid(_("出生日期 %(d)s 不是有效日期") % {"d": number[6:14]}, "birth_date")
    if birth > timezone.localdate():
        raise _invalid(_("出生日期 %(d)s 晚于今天") % {"d": number[6:14]}, "birth_date")
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise _invalid(_("出生日期 %(d)s 早于1900年") % {"d": number[6:14]}, "birth_date")
    if id_number_check_char(number[:17]) != number[17]:
        # The expected character is deliberately not shown: "fixing" the last character would
        # hide a mistyped digit elsewhere in the number.
        raise _invalid(_("校验位错误，请逐位核对号码"), "check_digit")
    return number


def validate_credit_code(value) -> str:
    """GB 32100-2015 统一社会信用代码. Returns the normalised code."""
    code = normalise_credit_code(value)
    if len(code) != 18:
        raise _invalid(_("长度应为18位，当前为%(n)d位") % {"n": len(code)}, "length")
    for char in code:
        if char not in CREDIT_CODE_ALPHABET:
            if char in "IOZSV":
                message = _("含有非法字符 %(c)s（统一社会信用代码不使用 I、O、Z、S、V）")
            else:
                message = _("含有非法字符 %(c)s（只能是数字和大写字母）")
            raise _invalid(message % {"c": char}, "bad_char")
    if not code[2:8].isdigit():
        raise _invalid(_("第3–8位应为行政区划代码（6位数字）"), "area_code")
    if credit_code_check_char(code[:17]) != code[17]:
        raise _invalid(_("校验位错误，请逐位核对代码"), "check_digit")
    return code


def validate_mobile(value) -> str:
    """A mainland mobile number: 11 digits beginning 13–19. Returns the normalised number."""
    number = normalise_mobile(value)
    if LANDLINE_RE.fullmatch(_fold(value)) and not MOBILE_RE.fullmatch(number):
        raise _invalid(_("这是固定电话号码，此处应填写11位手机号码"), "landline")
    if not number.isdigit():
        bad = next((c for c in number if not c.isdigit()), "")
        raise _invalid(_("含有非法字符 %(c)s（手机号码只能是数字）") % {"c": bad}, "bad_char")
    if len(number) != 11:
        raise _invalid(_("长度应为11位，当前为%(n)d位") % {"n": len(number)}, "length")
    if not MOBILE_RE.fullmatch(number):
        raise _invalid(_("应以13–19开头"), "prefix")
    return number


def validate_phone(value) -> str:
    """An organisation's contact number: a mobile number or a landline with area code (0743-8123456)."""
    number = normalise_phone(value)
    if MOBILE_RE.fullmatch(number) or LANDLINE_RE.fullmatch(number):
        return number
    raise _invalid(_("应为11位手机号码或带区号的固定电话，如 0743-8123456"), "format")
