"""Inputs for the fuzz: a valid-looking body per endpoint (so validation gets past the first field) and the
values that have broken APIs like this one before (amounts, dates, ids, shapes), as hypothesis strategies."""

import json
from datetime import date, timedelta

from django import forms
from hypothesis import strategies as st

from casework.inputs import YuanField
from casework.kernel.registry import case_type_by_slug
from casework.models import User
from tests.api.contract import Operation, component
from tests.factories import make_credit_code, make_id_number

TODAY = "2026-11-20"  # a working day before today in every test run that dates matter to (received, served…)

# --- the troublemakers --------------------------------------------------------------------------------

AMOUNTS = [
    "6,000.50",
    "-0",
    "6000.005",
    "1e2",
    "NaN",
    "Infinity",
    "-Infinity",
    1e30,
    -1,
    99999,
    2**63,
    1.5,
    "9" * 31,
]
DATES = ["2206-12-14", "1999-12-31", "not a date", "2026-02-30", "2026-11-20T09:30", "20261120", "0000-00-00"]
NUMBERS = [0, -1, 2**63, -(2**63) - 1, 2**64, 99999999999999999999, 1e308, -0.0, "0", "-1", "1e3", "１２"]
TEXTS = [
    "",
    " ",
    "拖欠工资三个月",
    "长" * 5000,
    "x" * 300,
    "null",
    "true",
    "433101",
    "<script>",
    "%s %(x)s {0}",
]
SCALARS = [*AMOUNTS, *DATES, *NUMBERS, *TEXTS, None, True, False]


def nested(depth: int) -> dict:
    """An object ``depth`` levels deep (objects and lists in turn): {"a": [{"a": [… 1 …]}]}."""
    value: object = 1
    for level in range(depth):
        value = {"a": value} if level % 2 else [value]
    return {"a": value}


# One of each kind, for the deterministic sweep (every field at once).
TROUBLEMAKERS = [
    *("6,000.50", "-0", "6000.005", "1e2", "NaN", "Infinity", 1e30, "9" * 31, -1, 99999, 2**63, 1.5),
    *("2206-12-14", "1999-12-31", "not a date", "", "长" * 3000, None, True),
    *([1], ["1", None], {"a": 1}, nested(30)),
]
QUERY_TROUBLEMAKERS = [
    "9" * 31,
    str(2**63),
    "1e30",
    "-1",
    "1e3",
    "NaN",
    "not a date",
    "2206-12-14",
    "[1]",
    "长" * 300,
]

_scalar = st.sampled_from(SCALARS)
# No NUL (PostgreSQL refuses it in text: a finding of its own, not this suite's), no quote (an echoed ['…'] must
# be a repr the server made, never text the fuzz typed).
_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00'"), max_size=12)
VALUES = st.one_of(
    _scalar,
    _scalar,  # twice: the known troublemakers more often than the shapes
    _text,
    st.lists(st.one_of(_scalar, st.integers(-5, 5)), max_size=3),  # ids as lists, lists of nulls
    st.dictionaries(_text, _scalar, max_size=2),
    st.sampled_from([nested(1), nested(30)]),
)
# Whole bodies that are not an object, and bytes that are not JSON.
NOT_OBJECTS = [[], [{"id": 1}], "text", 1, 1.5, None, True, nested(60)["a"]]
RAW_BODIES = [b"{", b"{'a': 1}", b'{"amount": NaN}', b"\xff\xfe\x00", b"", b"[1, 2", b'{"a": 1}{"b": 2}']


# --- valid-looking bodies ---------------------------------------------------------------------------


def field_sample(field: forms.Field, arbitrators: list[int]):
    """A plausible value for a Django form field (None: leave it out)."""
    if isinstance(field, forms.FileField):
        return None
    if isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        model = field.queryset.model
        ids = arbitrators if model is User else list(field.queryset.values_list("pk", flat=True)[:3])
        many = isinstance(field, forms.ModelMultipleChoiceField)
        return ids[1:3] if many else (ids[0] if ids else None)
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _label in field.choices if value not in ("", None)]
        many = isinstance(field, forms.MultipleChoiceField)
        return values[:1] if many else (values[0] if values else None)
    return _scalar_sample(field)


def _scalar_sample(field: forms.Field):
    kinds = [
        (forms.NullBooleanField, True),
        (forms.BooleanField, True),
        (forms.DateTimeField, f"{TODAY}T09:30"),
        (forms.DateField, TODAY),
        (YuanField, "6000.50"),
        (forms.DecimalField, "6000.50"),
        (forms.IntegerField, 15),
    ]
    for kind, value in kinds:
        if isinstance(field, kind):
            return value
    text = "湘西州吉首市乾州街道测试说明"
    return text[: field.max_length] if getattr(field, "max_length", None) else text


def form_body(form_class, arbitrators: list[int]) -> dict:
    body = {}
    for name, field in form_class.base_fields.items():
        value = None if name == "expected_state" else field_sample(field, arbitrators)
        if value is not None:
            body[name] = value
    return body


def change_body(slug: str, kind: str, name: str, arbitrators: list[int]) -> dict:
    """What a change of a registered case type takes: its transition form or its action's form, filled."""
    case_type = case_type_by_slug(slug)
    if case_type is None:
        return {}
    if kind == "transitions":
        return form_body(case_type.transitions.form, arbitrators) if case_type.transitions else {}
    action = case_type.action(name)
    return form_body(action.form, arbitrators) if action is not None and action.form else {}


def schema_body(op: Operation) -> dict:
    """A body from the request schema's writable properties, for an endpoint this module has no entry for."""
    samples = {"boolean": True, "integer": 1, "number": "100.00", "array": [], "object": {}}
    body = {}
    for name, spec in component(op.body_schema).get("properties", {}).items():
        if spec.get("readOnly"):
            continue
        if spec.get("format") in ("date", "date-time"):
            body[name] = TODAY
        elif "$ref" in spec or "allOf" in spec:
            ref = spec.get("$ref") or spec["allOf"][0].get("$ref", "")
            enum = component(ref.rsplit("/", 1)[-1]).get("enum") or [""]
            body[name] = enum[0]
        else:
            body[name] = samples.get(spec.get("type"), "湘西测试")
    return body


def new_id_number(n: int) -> str:
    return make_id_number("433101", date(1990, 1, 1) + timedelta(days=n % 3000), seq=(n * 7) % 1000)


def application(world) -> dict:
    here = world.here
    return {
        "jurisdiction": here.jurisdiction.code,
        "applicants": [here.person.pk],
        "respondent": here.employer.pk,
        "claims": [{"claim_type": "wages", "description": "2026年8月工资", "amount": "6000.50"}],
        "facts": "被拖欠工资",
        "received_on": TODAY,
    }


def party(world, n: int, *, employer: bool) -> dict:
    common = {"jurisdiction": world.here.jurisdiction.code, "address": "吉首市乾州街道世纪大道1号"}
    if employer:
        return {
            **common,
            "name": f"湘西峒河建设有限公司{n}",
            "credit_code": make_credit_code("433101", f"{n:09d}"[-9:]),
            "legal_representative": "张建国",
            "industry": "construction",
            "phone": "0743-8222222",
        }
    return {
        **common,
        "name": f"彭务工{n}",
        "id_number": new_id_number(n),
        "phone": "13907431234",
        "hometown": "湖南省湘西州保靖县",
        "is_migrant_worker": True,
    }


def valid_body(op: Operation, world, values: dict, n: int) -> dict:
    """A body the endpoint should accept from a user allowed to use it (``values``: the path's values)."""
    here = world.here
    arbitrators = [u.pk for u in world.arbitrators]
    arrears = here.cases.get("arrears")
    line = arrears.workers.order_by("pk").values_list("pk", flat=True).first() if arrears else None
    table = {
        "/api/v1/complaints/": lambda: {
            "jurisdiction": here.jurisdiction.code,
            "employer": here.employer.pk,
            "complainant": here.person.pk,
            "workplace": "乾州新区安置房工地",
            "facts": "2026年9月起工资未发",
            "violation_types": ["wage_arrears"],
            "arrears_amount": "15600.00",
            "arrears_months": 3,
            "received_on": TODAY,
        },
        "/api/v1/arrears/": lambda: {
            "jurisdiction": here.jurisdiction.code,
            "employer": here.employer.pk,
            "facts": "拖欠工资",
            "opened_on": TODAY,
        },
        "/api/v1/arrears/{id}/workers/": lambda: {
            "name": f"工人{n}",
            "id_number": new_id_number(n + 5000),
            "phone": "13907430000",
            "months_unpaid": 2,
            "amount_owed": "6000.50",
        },
        "/api/v1/arrears/{id}/payments/": lambda: {
            "line": line,
            "amount": "500.00",
            "paid_on": TODAY,
            "payer_kind": "employer",
        },
        "/api/v1/arrears/{id}/payments/{payment_pk}/confirm/": lambda: {"confirmed_on": TODAY},
        "/api/v1/arbitrations/": lambda: application(world),
        "/api/v1/mediations/": lambda: application(world),
        "/api/v1/complaints/{id}/assign/": lambda: {"inspectors": [u.pk for u in world.inspectors]},
        "/api/v1/complaints/{id}/statement/": lambda: {
            "statement": "资金困难，请求宽限",
            "hearing_requested": False,
        },
        "/api/v1/employers/": lambda: party(world, n, employer=True),
        "/api/v1/employers/{id}/": lambda: party(world, n, employer=True),
        "/api/v1/persons/": lambda: party(world, n, employer=False),
        "/api/v1/persons/{id}/": lambda: party(world, n, employer=False),
        "/api/v1/persons/{id}/reveal/": lambda: {"purpose": "送达仲裁文书"},
        "/api/v1/auth/token/": lambda: {"username": "api_nobody", "password": "Xiangxi#2026"},
    }
    if op.path in table:
        return table[op.path]()
    if op.path.endswith("/evidence/"):
        return {"category": "photo", "description": "工地现场照片", "file": FILE}
    if op.path.endswith(("/transitions/{name}/", "/actions/{name}/")):
        kind = "transitions" if "/transitions/" in op.path else "actions"
        return change_body(op.resource, kind, values.get("name", ""), arbitrators)
    return schema_body(op)


# --- whole bodies ---------------------------------------------------------------------------------------

FILE = "<file>"  # in a form: a small PDF upload; in JSON: just this text
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GENERIC_KEYS = ["id", "pk", "state", "expected_state", "reason", "items", "jurisdiction", "amount", "on"]


def text(value) -> str:
    """A value as a form field holds it: strings as they are, anything else as its JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


@st.composite
def bodies(draw, base: dict):
    """``(kind, body)``: JSON objects (the valid base with troublemakers in some of its keys, most often),
    bodies that are not objects, bytes that are not JSON, and forms."""
    kinds = ["merged", "merged", "merged", "merged", "valid", "not_object", "raw", "form"]
    if FILE in base.values():  # a multipart endpoint: forms most often
        kinds += ["form", "form", "form", "valid_form"]
    kind = draw(st.sampled_from(kinds))
    keys = [*base, *GENERIC_KEYS]
    if kind in ("valid", "valid_form"):
        return ("json" if kind == "valid" else "form"), base
    if kind == "not_object":
        return "json", draw(st.sampled_from(NOT_OBJECTS))
    if kind == "raw":
        return "raw", draw(st.sampled_from(RAW_BODIES))
    overrides = draw(st.dictionaries(st.sampled_from(keys), VALUES, min_size=1, max_size=4))
    merged = {**base, **overrides}
    if kind == "form":  # a form post: every value as text, lists as repeated keys
        return "form", merged
    return "json", merged


def encode(kind: str, body) -> tuple[bytes, str]:
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    if kind == "raw":
        return body, "application/json"
    if kind == "form":
        from django.core.files.uploadedfile import SimpleUploadedFile

        body = {k: [text(x) for x in v] if isinstance(v, list) else text(v) for k, v in body.items()}
        upload = {
            k: SimpleUploadedFile("现场照片.pdf", PDF, "application/pdf")
            for k, v in body.items()
            if v == FILE
        }
        return encode_multipart(BOUNDARY, {**body, **upload}), MULTIPART_CONTENT
    return json.dumps(body, ensure_ascii=False).encode(), "application/json"


# --- query strings ----------------------------------------------------------------------------------

QUERY_SAMPLES = {
    "jurisdiction": ["433101", "433122", "433100"],
    "state": ["registered", "applied", "closed"],
    "page": ["1", "2"],
    "q": ["湘西", "彭"],
    "rule": ["inspection.accept", "arbitration.award"],
    "type": ["complaint", "arbitration", "mediation"],
    "domain": ["inspection", "arbitration"],
}
QUERY_VALUES = st.one_of(
    st.sampled_from([str(v) for v in SCALARS if v is not None]),
    _text,
    st.sampled_from(["true", "false", "1", TODAY, "2026-01-01", "2026-12-31", "15"]),
)


@st.composite
def queries(draw, op: Operation) -> dict:
    names = [name for name, _type in op.query] + ["unknown", "page"]
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=4))
    out = {}
    for name in chosen:
        samples = QUERY_SAMPLES.get(name)
        valid = st.sampled_from(samples) if samples else QUERY_VALUES
        out[name] = draw(st.one_of(valid, QUERY_VALUES))
    return out
