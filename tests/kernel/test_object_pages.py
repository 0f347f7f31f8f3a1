"""``casework.urls.object_pages``: every kind of record's staff pages at the same routes and URL names."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from casework.urls import object_pages


def view(request, **kwargs):  # pragma: no cover - never called
    raise AssertionError


def test_each_page_given_gets_its_route_and_name_in_order():
    patterns = object_pages("things", "thing", detail=view, list=view, document=view, case_file=view)
    assert [(str(p.pattern), p.name) for p in patterns] == [
        ("things/", "thing-list"),
        ("things/<int:pk>/", "thing-detail"),
        ("things/<int:pk>/documents/<slug:doc>.pdf", "thing-document"),
        ("things/<int:pk>/case-file/", "thing-case-file"),
    ]


def test_an_unknown_page_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured):
        object_pages("things", "thing", delete=view)


def test_the_case_types_pages_keep_their_urls():
    assert reverse("complaint-document", args=[3, "notice"]) == "/complaints/3/documents/notice.pdf"
    assert reverse("mediation-case-file", args=[4]) == "/mediations/4/case-file/"
    assert reverse("arbitration-export") == "/arbitrations/export.xlsx"
    assert reverse("arrears:case-create") == "/arrears/new/"
    assert reverse("arrears:project-update", args=[5]) == "/arrears/projects/5/edit/"
    assert (
        reverse("arrears:blacklist-document", args=[6, "decision"])
        == "/arrears/blacklist/6/documents/decision.pdf"
    )
    assert reverse("parties:person-update", args=[7]) == "/parties/persons/7/edit/"
