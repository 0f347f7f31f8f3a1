"""English is a complete alternative UI: every catalogue entry is translated and the main pages show it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from casework.roles import Role

PO = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"


def _entries(text):
    """(msgid, [msgstr…], flags) for every entry of a .po file (the header included)."""
    entries = []
    for block in text.strip().split("\n\n"):
        fields, current, flags = {}, None, ""
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += line
            match = re.match(r"^(msgid|msgid_plural|msgstr(?:\[\d+\])?) \"(.*)\"$", line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" in fields:
            entries.append((fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")], flags))
    return entries


def test_every_msgid_has_an_english_translation():
    entries = [e for e in _entries(PO.read_text(encoding="utf-8")) if e[0] != ""]
    assert len(entries) > 1000
    untranslated = [msgid for msgid, strings, _flags in entries if not all(strings)]
    fuzzy = [msgid for msgid, _strings, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_their_placeholders():
    placeholder = re.compile(r"%%|%(?:\([^)]+\))?[sdif]|\{\w*\}")
    for msgid, strings, _flags in _entries(PO.read_text(encoding="utf-8")):
        if msgid:
            assert sorted(placeholder.findall(strings[0])) == sorted(placeholder.findall(msgid)), msgid


def test_compiled_catalogue_holds_the_whole_translation():
    mo = PO.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 100_000  # the whole catalogue, not the old handful


def _switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("role", "url_name", "english_labels", "chinese_labels"),
    [
        (Role.CLERK, "my-work", ["My work", "Complaints and reports", "Log out"], ["我的工作", "退出"]),
        (
            Role.CLERK,
            "complaint-list",
            ["Complaint and report cases", "Register complaint or report", "Clear filters", "Overdue only"],
            ["登记投诉举报", "清除条件"],
        ),
        (
            Role.ARBITRATION_CHAIR,
            "arbitration-list",
            [
                "Labour dispute arbitration cases",
                "Register arbitration application",
                "Collective disputes only",
            ],
            ["登记仲裁申请", "仅集体争议"],
        ),
        (
            Role.INSPECTOR,
            "arrears:case-list",
            ["Migrant worker wage arrears cases", "New wage arrears case", "Outstanding (yuan)"],
            ["欠薪案件", "尚欠"],
        ),
        (
            Role.INSPECTOR,
            "deadline-calculator",
            ["Deadline calculator", "Calculate", "All deadline rules", "Arbitration hearing period"],
            ["期限计算器", "全部期限规则"],
        ),
    ],
)
def test_pages_speak_english_after_switching(
    client, make_user, jishou, role, url_name, english_labels, chinese_labels
):
    client.force_login(make_user(role, jishou))
    _switch_to_english(client)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = response.content.decode()
    for label in english_labels:
        assert label in page, label
    for label in chinese_labels:
        assert label not in page, label


def test_deadline_periods_read_naturally_in_english(client, make_user, jishou):
    client.force_login(make_user(Role.INSPECTOR, jishou))
    _switch_to_english(client)
    page = client.get(reverse("deadline-calculator")).content.decode()
    assert "45 calendar days" in page
    assert "5 working days in advance" in page


def test_green_channel_home_is_translated(rf):
    """The public pages are pinned to Chinese by casework.public.security.public_page; their strings
    are nevertheless in the catalogue, so the home template renders in English when English is active."""
    request = rf.get("/green/")
    with translation.override("en"):
        html = render_to_string("green/home.html", {"applications": [], "has_access": False}, request=request)
    for label in ["Owed wages? We can help", "Complain about wage arrears", "Check progress", "How it works"]:
        assert label in html, label
    assert "我要投诉欠薪" not in html


def test_switching_back_to_chinese(client, make_user):
    client.force_login(make_user(Role.CLERK))
    _switch_to_english(client)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    page = client.get(reverse("my-work")).content.decode()
    assert "我的工作" in page and "My work" not in page
