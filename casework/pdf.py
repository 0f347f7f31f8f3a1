"""PDF rendering with WeasyPrint: Chinese official-document layout, a real CJK font embedded.

The font is Noto Serif/Sans CJK SC from Debian's ``fonts-noto-cjk`` (OFL), found through fontconfig and
embedded (subset) by WeasyPrint. The URL fetcher only serves the project's own static files: a template
can never make the server fetch anything from the network or read other files.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

STATIC_PREFIX = "static:"


class ForbiddenResource(ValueError):
    pass


def static_only_url_fetcher(url: str) -> dict:
    """Serve ``static:<path>`` from the project's static files; refuse everything else."""
    if not url.startswith(STATIC_PREFIX):
        raise ForbiddenResource(f"PDF resources are limited to static files, refused: {url[:80]}")
    relative = url[len(STATIC_PREFIX) :].lstrip("/")
    if ".." in Path(relative).parts:
        raise ForbiddenResource(f"path traversal refused: {relative[:80]}")
    found = finders.find(relative)
    if not found:
        raise ForbiddenResource(f"static file not found: {relative[:80]}")
    path = Path(found)
    return {"string": path.read_bytes(), "mime_type": _mime(path), "filename": path.name}


def weasyprint_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            resource = static_only_url_fetcher(url)
            return URLFetcherResponse(url, resource["string"], {"Content-Type": resource["mime_type"]})

    return StaticOnlyFetcher(allowed_protocols=["static"])


def _mime(path: Path) -> str:
    return {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg"}.get(
        path.suffix.lower(), "application/octet-stream"
    )


def font_configuration():
    """One fontconfig/Pango font map for all the documents bound into one PDF: each document rendered with its
    own would open, shape and measure the CJK fonts afresh."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_html(template: str, context: dict) -> str:
    """Every generated document's HTML. Personal data is masked unless the document is being made as a logged
    full-number copy (``casework.documents.masking``): no caller can set ``full_numbers`` itself."""
    from casework.documents.masking import showing_full_numbers

    base = {"issuing_body": "湘西土家族苗族自治州人力资源和社会保障局", "today": timezone.localdate()}
    return render_to_string(template, {**base, **context, "full_numbers": showing_full_numbers()})


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_html(template, context)
    return HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=weasyprint_fetcher()).write_pdf()


def issuing_body_for(jurisdiction) -> str:
    if jurisdiction is None or jurisdiction.is_prefecture:
        return "湘西土家族苗族自治州人力资源和社会保障局"
    if jurisdiction.level == "zone":
        return "湘西经济开发区人力资源和社会保障局"
    return f"{jurisdiction.name}人力资源和社会保障局"


PDF_DEBUG = getattr(settings, "PDF_DEBUG", False)
