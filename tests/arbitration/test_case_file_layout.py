"""The bound case file stays inside the page: no table runs past the right margin (fixed table layout with
percentage widths once added the cells' padding to 100 %, pushing the claims table ~15 mm off the text block)."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.arbitration.conftest import WAGE_CLAIM

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)"),
]

MM = 72 / 25.4
RIGHT_MARGIN_MM = 26  # templates/pdf/base.html: @page margin 37mm 26mm 35mm 28mm


def _rightmost_word(pdf: bytes) -> tuple[float, float, str]:
    """(x of the rightmost word's right edge, page width, the word), in points."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    html = out.decode()
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    words = re.findall(
        r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html
    )
    x, word = max((float(x), w) for x, w in words)
    return x, width, word


def test_claims_and_applicant_tables_stay_inside_the_right_margin(client, arb_staff, heard):
    case = heard(
        claims=[WAGE_CLAIM, {"claim_type": "overtime", "description": "加班费", "amount": "123456.00"}]
    )
    client.force_login(arb_staff["chair"])
    response = client.get(reverse("arbitration-document", args=[case.pk, "case-file"]))
    assert response.status_code == 200
    right, width, word = _rightmost_word(response.content)
    # text never ends past the text block's right edge (a little slack for glyph side bearings)
    assert right <= width - RIGHT_MARGIN_MM * MM + 2, (word, right, width)
