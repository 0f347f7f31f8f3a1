"""What every ``/api/v1/`` answer owes its caller, and the list of operations to hold to it.

The operations come from drf-spectacular's schema of the URL configuration as it is when the tests are
collected, so an endpoint added later is fuzzed without anyone listing it here.
"""

import contextlib
import io
import json
import re
from dataclasses import dataclass
from functools import cache

from django.urls import Resolver404, resolve
from rest_framework.permissions import AllowAny

CJK = re.compile(r"[\u4e00-\u9fff]")
# What leaks when an error is turned into text carelessly: DRF's ErrorDetail repr, a format placeholder left
# unfilled, a Python object's default repr, a traceback.
REPR_SIGNS = ("ErrorDetail(", "{0:", "object at 0x", "Traceback (most recent call last)", "<class '")
CONTAINER_REPR = re.compile(r"[\[{(]'")  # ['a'], {'': 1}: a submitted list or object echoed as Python


def error_problems(response) -> list[str]:
    """Why ``response`` (a 4xx/5xx) is not in the API's one error shape; empty when it is."""
    if "application/json" not in response.get("Content-Type", ""):
        return [f"Content-Type is {response.get('Content-Type')!r}, not JSON"]
    try:
        body = json.loads(response.content.decode())
    except ValueError:
        return ["body is not JSON"]
    if not isinstance(body, dict):
        return [f"body is {type(body).__name__}, not an object"]
    problems = []
    if not isinstance(body.get("code"), str) or not body.get("code"):
        problems.append(f"code is {body.get('code')!r}, not a non-empty string")
    message = body.get("message")
    if not isinstance(message, str) or not CJK.search(message):
        problems.append(f"message {message!r} is not Chinese text")
    fields = body.get("fields")
    if not isinstance(fields, dict):
        problems.append(f"fields is {fields!r}, not an object")
    else:
        for name, messages in fields.items():
            if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
                problems.append(f"fields[{name!r}] is {messages!r}, not a list of strings")
            elif not all(CJK.search(m) for m in messages):
                problems.append(f"fields[{name!r}] has a message that is not Chinese: {messages!r}")
    text = json.dumps(body, ensure_ascii=False)
    problems += [f"body shows a Python repr ({sign!r})" for sign in REPR_SIGNS if sign in text]
    if CONTAINER_REPR.search(text):
        problems.append(f"body shows a Python list/dict repr ({CONTAINER_REPR.search(text).group()!r}…)")
    return problems


def describe(response, method: str = "", url: str = "", body=None, who: str = "") -> str:
    """One line naming the request and the answer, for a failure message worth pasting into a report."""
    shown = body if isinstance(body, bytes | str) else json.dumps(body, ensure_ascii=False, default=repr)
    content = response.content.decode(errors="replace")
    return f"{who} {method} {url} body={shown[:600]} → {response.status_code} {content[:600]}"


def assert_error_shape(response, **request) -> None:
    problems = error_problems(response)
    assert not problems, f"{'; '.join(problems)}\n{describe(response, **request)}"


# --- the operations -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # the schema's template: /api/v1/complaints/{id}/transitions/{name}/
    query: tuple[tuple[str, str], ...]  # (name, schema type) of the query parameters
    body_schema: str  # the request body's component name ("" for none or an inline object)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def writes(self) -> bool:
        return self.method not in ("GET", "HEAD", "OPTIONS")

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)

    @property
    def resource(self) -> str:
        """The first path segment after /api/v1/ (``complaints``, ``{slug}``…)."""
        return self.path.removeprefix("/api/v1/").split("/")[0]


@cache
def schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    with contextlib.redirect_stderr(io.StringIO()):  # spectacular's own warnings about the views
        return SchemaGenerator().get_schema(request=None, public=True)


def operations() -> list[Operation]:
    found = []
    for path, methods in sorted(schema()["paths"].items()):
        for method, spec in methods.items():
            params = spec.get("parameters", [])
            query = tuple(
                (p["name"], p.get("schema", {}).get("type", "string")) for p in params if p["in"] == "query"
            )
            content = spec.get("requestBody", {}).get("content", {})
            ref = next(iter(content.values()), {}).get("schema", {}).get("$ref", "")
            found.append(Operation(method.upper(), path, query, ref.rsplit("/", 1)[-1]))
    return found


def component(name: str) -> dict:
    return schema()["components"]["schemas"].get(name, {}) if name else {}


def anonymous_status(url: str) -> int | None:
    """What an anonymous caller must be told at ``url``: 404 where no route matches, 401 where the view needs a
    login (authentication comes before anything else), None where the view lets anyone in."""
    try:
        view = resolve(url.split("?")[0]).func
    except Resolver404:
        return 404
    cls = getattr(view, "cls", None)
    if cls is None or all(p is AllowAny for p in getattr(cls, "permission_classes", ())):
        return None
    return 401
