"""A rendered PDF as a download (every case type's document views answer with it)."""

from django.http import HttpResponse


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
