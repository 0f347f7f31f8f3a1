"""The role × change matrix: enforced by the kernel for every registered case type, shown to administrators at
*系统管理 → 写操作权限*, and the Django admin never lets a read-only role write."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse

from casework.kernel.registry import case_types
from casework.kernel.writes import change_roles, may_write, write_matrix
from casework.roles import READ_ONLY_ROLES, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(make_user, jishou, prefecture):
    wide = {Role.DIRECTOR, Role.AUDITOR, Role.SYSADMIN}
    return {role: make_user(role, prefecture if role in wide else jishou) for role in Role}


def test_every_registered_type_role_and_change_is_decided_by_the_matrix(one_of_each):
    rows = write_matrix()
    assert {r.case_type for r in rows} == {t.code for t in case_types()}
    for case_type in case_types():
        changes = [r for r in rows if r.case_type == case_type.code]
        assert {"add_evidence"} <= {r.name for r in changes if r.kind == "action"}
        for row in changes:
            assert {r.value for r in change_roles(case_type, row.name)} == set(row.roles)
            for role, user in one_of_each.items():
                allowed = may_write(user, case_type, row.name)
                assert allowed == (role.value in row.roles), (case_type.code, row.name, role)
                if role in READ_ONLY_ROLES:
                    assert not allowed
    assert not any(role.value in row.roles for row in rows for role in READ_ONLY_ROLES)
    # Every intended write still has someone to make it.
    assert all(row.roles for row in rows), [(r.case_type, r.name) for r in rows if not r.roles]


class MatrixParser(HTMLParser):
    """(case type, change) → {role: cell text} from the admin page's table."""

    def __init__(self):
        super().__init__()
        self.cells, self.case_type, self.change, self.role, self.headers = {}, None, None, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tbody":
            self.case_type = attrs.get("data-case-type")
        elif tag == "tr":
            self.change = attrs.get("data-change")
        elif tag in ("td", "th") and "data-role" in attrs:
            self.role = attrs["data-role"]
            if tag == "th":
                self.headers.append(self.role)
                self.role = None

    def handle_data(self, data):
        if self.role and self.change and data.strip():
            self.cells.setdefault((self.case_type, self.change), {})[self.role] = data.strip()

    def handle_endtag(self, tag):
        if tag == "td":
            self.role = None


def test_the_admin_page_shows_the_matrix_as_enforced(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    url = reverse("admin:write-matrix")
    assert url == "/admin/write-matrix/" and f'href="{url}"' in index and "写操作权限" in index
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "写操作权限" in html and "只读岗位（审计员（只读））不能执行任何写操作" in html
    parser = MatrixParser()
    parser.feed(html)
    assert parser.headers == [role.value for role in Role]
    rows = write_matrix()
    assert len(parser.cells) == len({(r.case_type, r.name) for r in rows}) > 0
    for row in rows:
        cells = parser.cells[(row.case_type, row.name)]
        assert cells == {role.value: "✓" if role.value in row.roles else "—" for role in Role}, row
    assert {cells[Role.AUDITOR.value] for cells in parser.cells.values()} == {"—"}
    for case_type in case_types():
        assert case_type.label in html


def test_the_page_is_for_staff_only(client, make_user, jishou):
    url = reverse("admin:write-matrix")
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(make_user(Role.INSPECTION_HEAD, jishou))
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- the Django admin and read-only roles -----------------------------------------------------------


@pytest.fixture
def staff_auditor(make_user, prefecture):
    """An auditor made staff, given every permission and the administrator's group on top (a mistake)."""
    user = make_user(Role.AUDITOR, prefecture, is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    user.groups.add(Group.objects.get(name=Role.SYSADMIN.label))
    return type(user).objects.get(pk=user.pk)


def test_a_read_only_role_holds_no_write_permission_whatever_it_was_given(staff_auditor):
    for perm in Permission.objects.select_related("content_type"):
        name = f"{perm.content_type.app_label}.{perm.codename}"
        if not perm.codename.startswith("view_"):
            assert not staff_auditor.has_perm(name), name
    assert staff_auditor.has_perm("casework.view_complaint") and staff_auditor.has_perm(
        "casework.view_statistics"
    )


def test_no_admin_page_lets_a_read_only_role_add_change_or_delete(client, staff_auditor):
    client.force_login(staff_auditor)
    assert client.get(reverse("admin:index")).status_code == 200  # the URLs are built, every admin guarded
    request = RequestFactory().get("/admin/")
    request.user = staff_auditor
    for model, model_admin in admin.site._registry.items():
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        assert model_admin.get_actions(request) == {}, model


def test_the_admin_refuses_a_read_only_role_s_post(client, staff_auditor):
    from tests.factories import EmployerFactory

    employer = EmployerFactory(name="原名称有限公司")
    client.force_login(staff_auditor)
    url = reverse("admin:casework_employer_change", args=[employer.pk])
    assert client.get(url).status_code == 200  # may look
    response = client.post(url, {"name": "改名有限公司", "jurisdiction": employer.jurisdiction_id})
    assert response.status_code == 403
    employer.refresh_from_db()
    assert employer.name == "原名称有限公司"
    assert client.post(reverse("admin:casework_holiday_add"), {}).status_code == 403
    delete = reverse("admin:casework_employer_delete", args=[employer.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert type(employer).objects.filter(pk=employer.pk).exists()


def test_administrators_still_write_in_the_admin(admin_client):
    from tests.factories import EmployerFactory

    employer = EmployerFactory()
    url = reverse("admin:casework_employer_change", args=[employer.pk])
    assert "_save" in admin_client.get(url).content.decode()
