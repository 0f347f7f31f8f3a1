"""The arbitration case file: the page numbers printed in the footers run on through the volume and match the
index (pypdf); the 副卷 is in date order."""

import pytest
from django.urls import reverse

from arbitration.case_file import INTERNAL, MAIN, case_file_entries
from arbitration.services import arbitration as svc
from tests.documents.pagination import assert_numbering_matches_index

pytestmark = pytest.mark.django_db


def test_printed_page_numbers_match_the_index_in_both_volumes(client, arb_staff, heard):
    case = heard()
    svc.arbitration_extend(actor=arb_staff["chair"], case_id=case.pk, reason="复杂")
    client.force_login(arb_staff["arb1"])
    for volume, slug in ((MAIN, "case-file"), (INTERNAL, "internal-file")):
        pdf = client.get(reverse("arbitration-document", args=[case.pk, slug])).content
        entries = [e for e in case_file_entries(type(case).objects.get(pk=case.pk), volume) if e.pages]
        assert entries
        assert_numbering_matches_index(pdf, entries)
        dates = [e.on for e in entries if e.on]
        if volume == INTERNAL:
            assert dates == sorted(dates)
