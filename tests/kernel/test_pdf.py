"""The PDF renderer: Chinese text with an embedded CJK font, and no resources from outside static files."""

import copy
import subprocess

import pytest

from casework.pdf import ForbiddenResource, render_pdf, static_only_url_fetcher


def test_fetcher_serves_only_project_static_files():
    assert b"--blue" in static_only_url_fetcher("static:css/app.css")["string"]
    for url in (
        "http://127.0.0.1:1/secret",
        "file:///etc/passwd",
        "static:../config/settings.py",
        "static:css/../../config/settings.py",
    ):
        with pytest.raises(ForbiddenResource):
            static_only_url_fetcher(url)


@pytest.mark.django_db
def test_official_document_layout_with_embedded_cjk_font(tmp_path, settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates  # assigned, so that Django rebuilds its template engines
    (tmp_path / "probe.html").write_text(
        '{% extends "pdf/base.html" %}{% block body %}<p>劳动保障监察限期改正指令书正文</p>'
        '<img src="http://127.0.0.1:1/tracker.png">{% endblock %}',
        encoding="utf-8",
    )
    pdf = tmp_path / "probe.pdf"
    pdf.write_bytes(render_pdf("probe.html", {"title": "测试文书", "doc_number": "吉首劳监〔2026〕1号"}))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "湘西土家族苗族自治州人力资源和社会保障局" in text and "测试文书" in text
    assert "吉首劳监〔2026〕1号" in text and "劳动保障监察限期改正指令书正文" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk)  # embedded
