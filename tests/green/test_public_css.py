"""The public pages' type follows the browser's text size: no font size fixed in px in the public CSS."""

import re
from pathlib import Path

from django.conf import settings

FONT_SIZE_IN_PX = re.compile(r"font(?:-size)?\s*:[^;}]*\d\s*px", re.IGNORECASE)


def test_public_css_sets_no_font_size_in_px():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "green.css").read_text(encoding="utf-8")
    assert not FONT_SIZE_IN_PX.findall(css)
    assert FONT_SIZE_IN_PX.findall("body { font-size:18px }")  # the pattern would see one
