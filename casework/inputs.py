"""The input types every form, serializer and service reads its values with: one rule each.

- **Yuan** (``parse_yuan``, ``YuanField``, ``YuanSerializerField``): digits with at most two decimals (分);
  commas only as thousands separators (``6,000.50``); no sign, no exponent, no NaN/Infinity; a JSON number
  only when it is a whole number (a JSON fraction is a binary float, never an exact amount); at most
  ``YUAN_MAX``.
- **Dates** (``parse_date``, ``WindowDateField``, ``WindowDateSerializerField``): ISO ``YYYY-MM-DD`` inside
  a window per field: nothing before 2000, nothing in the future for acts already done (``PAST``), at most
  ``FUTURE_YEARS`` ahead for deadlines set by a document (``AHEAD``).
- **Integers** (``parse_int``, ``BoundedIntegerField``): inside their column's range.
- **Ids** (``parse_id``): positive integers; a URL id that is not one is a 404 (URLs use ``<int:pk>`` and the
  API routers ``ID_PATTERN``).
- **Bodies** (``require_object``): a request body is a JSON object or a form, never a list or a scalar.

Every error is a ``ValidationError`` naming its field with a Chinese message.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

YUAN_MAX = Decimal("999999999.99")  # under ten hundred-million yuan; a larger figure is a typing error
CENT = Decimal("0.01")
_YUAN_RE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
ID_PATTERN = r"[0-9]+"  # API routers' lookup_value_regex: any other id is a 404
PK_MAX = 2**63 - 1

SMALLINT_MAX = 32767  # PositiveSmallIntegerField
INT_MAX = 2147483647  # PositiveIntegerField / IntegerField


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]} if field else message)


# --- yuan ---------------------------------------------------------------------------------------


def _yuan_text(value, field: str) -> str:
    """The amount as text to check against the one pattern: strings as typed, whole JSON numbers as digits."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise _error(field, "请输入正确的金额（元）")
    if isinstance(value, float):
        if not value.is_integer():
            raise _error(field, '金额请以字符串提交（如"6000.50"），不接受小数形式的数字')
        value = int(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _error(field, "请输入正确的金额（元）")
        return format(value, "f")
    return value.strip().replace("，", ",").replace("．", ".") if isinstance(value, str) else str(value)


def parse_yuan(
    value, field: str = "", *, allow_zero: bool = False, required: bool = False, maximum: Decimal = YUAN_MAX
) -> Decimal | None:
    """An amount in yuan as a ``Decimal`` with two places, or None when empty (an error if ``required``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _error(field, "请填写金额（元）")
        return None
    text = _yuan_text(value, field)
    if text.startswith("-"):
        raise _error(field, "金额不能为负数")
    if not _YUAN_RE.fullmatch(text):
        raise _error(field, "请输入正确的金额（元），如 6000.50；千位分隔符只能是逗号")
    amount = Decimal(text.replace(",", ""))
    if amount > maximum:  # before quantizing: a figure of 28 digits or more cannot be quantized
        raise _error(field, f"金额不能超过{maximum:,.2f}元，请核对")
    if amount != amount.quantize(CENT):
        raise _error(field, "金额最多保留两位小数（精确到分）")
    amount = amount.quantize(CENT)
    if amount == 0 and not allow_zero:
        raise _error(field, "金额必须大于零")
    return amount


class YuanField(forms.CharField):
    """A form field for yuan amounts (``parse_yuan``)."""

    def __init__(self, *, allow_zero: bool = False, maximum: Decimal = YUAN_MAX, **kwargs):
        self.allow_zero, self.maximum = allow_zero, maximum
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:  # the value as submitted: a JSON fraction must not become the string "6000.5" first
            return parse_yuan(value, allow_zero=self.allow_zero, maximum=self.maximum)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None

    def prepare_value(self, value):
        return f"{value:.2f}" if isinstance(value, Decimal) else value


@extend_schema_field(
    {"type": "string", "example": "6000.50", "description": "金额（元），字符串，最多两位小数"}
)
class YuanSerializerField(serializers.Field):
    """An API field for yuan amounts: read as ``parse_yuan``, written as a string ``"6000.50"``."""

    def __init__(self, *, allow_zero: bool = False, maximum: Decimal = YUAN_MAX, **kwargs):
        self.allow_zero, self.maximum = allow_zero, maximum
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            amount = parse_yuan(data, allow_zero=self.allow_zero, maximum=self.maximum)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        if amount is None:
            if not self.allow_null:
                raise serializers.ValidationError("请填写金额（元）")
        return amount

    def to_representation(self, value):
        return None if value is None else f"{Decimal(value):.2f}"


# --- dates --------------------------------------------------------------------------------------

EARLIEST = datetime.date(2000, 1, 1)
FUTURE_YEARS = 5


@dataclass(frozen=True)
class DateWindow:
    """Which dates a field accepts: from ``EARLIEST``; up to today (``future=False``) or a few years ahead."""

    future: bool
    label: str

    def bounds(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        latest = today.replace(year=today.year + FUTURE_YEARS) if self.future else today
        return EARLIEST, latest


PAST = DateWindow(future=False, label="已发生的日期")  # an act done: received, served, paid, held
AHEAD = DateWindow(future=True, label="期限日期")  # a date set by a document: rectify by, perform by
ANY = AHEAD  # a filter bound or a date that may be either


def parse_date(
    value, field: str = "", *, window: DateWindow = PAST, required: bool = False, not_before=None
) -> datetime.date | None:
    """A date inside its field's window, or None when empty (an error if ``required``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _error(field, "请填写日期")
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise _error(field, "请填写正确的日期（YYYY-MM-DD）") from None
    elif not isinstance(value, datetime.date):
        raise _error(field, "请填写正确的日期（YYYY-MM-DD）")
    earliest, latest = window.bounds()
    if value < earliest:
        raise _error(field, f"日期不能早于{earliest:%Y-%m-%d}")
    if value > latest:
        if not window.future:
            raise _error(field, "日期不能晚于今天")
        raise _error(field, f"日期不能晚于{latest:%Y-%m-%d}（{FUTURE_YEARS}年内），请核对")
    if not_before is not None and value < not_before:
        raise _error(field, f"日期不能早于{not_before:%Y-%m-%d}")
    return value


class WindowDateField(forms.DateField):
    """A form date field with a window (``PAST`` by default)."""

    def __init__(self, *, window: DateWindow = PAST, **kwargs):
        self.window = window
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value not in self.empty_values and not isinstance(value, str | datetime.date):
            raise ValidationError("请填写正确的日期（YYYY-MM-DD）")  # a JSON number, list or object
        value = super().to_python(value)
        try:
            return parse_date(value, window=self.window)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None


class WindowDateSerializerField(serializers.DateField):
    """An API date field with a window (``PAST`` by default)."""

    default_error_messages = {"invalid": "请填写正确的日期（YYYY-MM-DD）"}

    def __init__(self, *, window: DateWindow = PAST, **kwargs):
        self.window = window
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        value = super().to_internal_value(value)
        try:
            return parse_date(value, window=self.window)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None


# --- integers and ids ---------------------------------------------------------------------------


def parse_int(value, field: str = "", *, minimum: int = 0, maximum: int = INT_MAX, required: bool = False):
    """A whole number inside ``[minimum, maximum]`` (the column's range), or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _error(field, "请填写数字")
        return None
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise _error(field, "请填写整数")
    try:
        number = int(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError):
        raise _error(field, "请填写整数") from None
    if number < minimum:
        raise _error(field, f"不能小于{minimum}")
    if number > maximum:
        raise _error(field, f"不能大于{maximum}")
    return number


class BoundedIntegerField(forms.IntegerField):
    """A form integer inside its column's range (``SMALLINT_MAX`` for a small integer column)."""

    def __init__(self, *, min_value: int = 0, max_value: int = INT_MAX, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


def bounded_integer(*, min_value: int = 0, max_value: int = INT_MAX, **kwargs) -> serializers.IntegerField:
    """An API integer inside its column's range."""
    return serializers.IntegerField(min_value=min_value, max_value=max_value, **kwargs)


def parse_id(value, field: str = "id") -> int:
    """A record id given in a body or a query: a positive integer within the key's range."""
    return parse_int(value, field, minimum=1, maximum=PK_MAX, required=True)


def parse_ids(values, field: str) -> list[int]:
    """A list of record ids (``[1, 2]``); anything else names the field."""
    if not isinstance(values, list | tuple):
        raise _error(field, "请以编号列表的形式提供")
    return [parse_id(v, field) for v in values]


# --- bodies -------------------------------------------------------------------------------------


def require_object(data, field: str = "non_field_errors") -> None:
    """A request body must be a JSON object (or a form): a list, a string or a number is refused."""
    if isinstance(data, dict):
        return
    if hasattr(data, "getlist"):  # a QueryDict: form or multipart body
        return
    raise _error(field, "请求内容必须是 JSON 对象（{…}）")


def require_text(value, field: str, message: str) -> str:
    """A free-text input a step cannot do without (a reason, the facts): stripped, or a 400 naming the field."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise _error(field, message)
    return text


def optional_text(value, field: str, *, max_length: int, label: str) -> str:
    """A free-text input a step can do without (how to get to a hearing): stripped, "" when absent, or a 400
    naming the field when it is not text or longer than ``max_length`` characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _error(field, f"{label}应为文字")
    text = value.strip()
    if len(text) > max_length:
        raise _error(field, f"{label}请控制在{max_length}字以内")
    return text


def require_value(value, field: str, message: str):
    """Any input a step cannot do without (a choice, a list of ids): the value, or a 400 naming the field."""
    if value in (None, "", [], ()):
        raise _error(field, message)
    return value


# --- form input from JSON bodies ----------------------------------------------------------------

SCALARS = (str, int, float, bool)


class IdListField(forms.Field):
    """Record ids: repeated form values (``inspectors=3&inspectors=4``) or a JSON list (``[3, 4]``)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            return []
        try:
            return parse_ids(list(value) if isinstance(value, list | tuple) else [value], "")
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None


def _malformed(field, value) -> bool:
    """A JSON value no field of this kind reads: an object or a nested list for one value, a non-string for a
    date, objects in a list of choices (Django would crash on them or store their Python repr as text)."""
    if value is None:
        return False
    multiple = getattr(field.widget, "allow_multiple_selected", False)
    if multiple or isinstance(
        field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField | IdListField
    ):
        return isinstance(value, dict) or (
            isinstance(value, list) and not all(isinstance(v, SCALARS) for v in value)
        )
    if isinstance(field, forms.fields.BaseTemporalField):
        return not isinstance(value, str)
    return not isinstance(value, SCALARS)


def malformed_fields(form_class, data) -> list[str]:
    """The fields of ``form_class`` whose value in the JSON object ``data`` is of a kind the field never reads
    (a form or multipart body has only strings and files: never malformed)."""
    if not isinstance(data, dict) or hasattr(data, "getlist"):
        return []
    return [name for name, field in form_class.base_fields.items() if _malformed(field, data.get(name))]


class InputForm(forms.Form):
    """A form that also reads a JSON object (the API's bodies through the kernel's change endpoints): a value
    of the wrong JSON kind is an input error naming its field, and a refused choice is not echoed back."""

    def __init__(self, data=None, *args, **kwargs):
        self.malformed = malformed_fields(type(self), data)
        if self.malformed:
            data = {k: v for k, v in data.items() if k not in self.malformed}
        super().__init__(data, *args, **kwargs)
        for field in self.fields.values():
            for key in ("invalid_choice", "invalid_pk_value"):
                if "%(" in str(field.error_messages.get(key, "")):
                    field.error_messages[key] = "请从可选项中选择"

    def clean(self):
        for name in self.malformed:
            self.add_error(name, "格式不正确，请按说明填写")
        return super().clean()
