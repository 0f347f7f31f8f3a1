"""*系统管理 → 写操作权限*: the role × change table of every registered case type, read from the code.

The table is ``casework.kernel.writes.write_matrix()`` itself — the roles each django-fsm transition's
``permission`` and each registered ``Action`` name — so what administrators read here is what the kernel
enforces. Nothing on the page can be edited: the matrix lives in code (each case type's registration).
Staff only (the admin's own ``admin_view``); linked from the admin index (``templates/admin/index.html``).

Also here: ``guard_read_only`` — no model admin lets a read-only role (the auditor) write, even one made staff.
"""

from itertools import groupby

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from casework.kernel.writes import is_read_only, write_matrix
from casework.roles import READ_ONLY_ROLES, Role

KIND_LABELS = {"transition": _("状态变更"), "action": _("操作")}


def matrix_table() -> dict:
    """The page's table: roles as columns, one group of rows per case type, ✓ where the role may."""
    roles = list(Role)
    groups = []
    for (code, label), rows in groupby(write_matrix(), key=lambda r: (r.case_type, r.case_label)):
        groups.append(
            {
                "code": code,
                "label": label,
                "rows": [
                    {
                        "name": row.name,
                        "label": row.label,
                        "kind": KIND_LABELS[row.kind],
                        "cells": [(role.value, role.value in row.roles) for role in roles],
                    }
                    for row in rows
                ],
            }
        )
    return {"roles": roles, "groups": groups, "read_only": [r.label for r in READ_ONLY_ROLES]}


def write_matrix_view(request):
    context = {
        **admin.site.each_context(request),
        "title": _("写操作权限"),
        **matrix_table(),
    }
    return TemplateResponse(request, "admin/write_matrix.html", context)


WRITE_HOOKS = ("has_add_permission", "has_change_permission", "has_delete_permission")


def _refuse_read_only(hook):
    def guarded(request, *args, **kwargs):
        if is_read_only(request.user):
            return False
        return hook(request, *args, **kwargs)

    guarded.read_only_guard = True
    return guarded


def _no_actions_for_read_only(get_actions):
    def guarded(request):
        return {} if is_read_only(request.user) else get_actions(request)

    guarded.read_only_guard = True
    return guarded


def guard_read_only(site) -> None:
    """Every registered ``ModelAdmin`` — the kernel's and each app's, whatever its own hooks answer — refuses
    to add, change or delete anything, and offers no bulk action, to a user holding a read-only role.
    (``User.has_perm`` already caps such a user to view permissions; this covers admins whose hooks do not
    ask the permissions, like a one-row settings table.) Idempotent."""
    for model_admin in site._registry.values():
        for name in WRITE_HOOKS:
            hook = getattr(model_admin, name)
            if not getattr(hook, "read_only_guard", False):
                setattr(model_admin, name, _refuse_read_only(hook))
        if not getattr(model_admin.get_actions, "read_only_guard", False):
            model_admin.get_actions = _no_actions_for_read_only(model_admin.get_actions)


def _urls_with_write_matrix(get_urls):
    def get_urls_with_matrix():
        guard_read_only(admin.site)  # every app's admin is registered by the time the URLs are built
        return [
            path("write-matrix/", admin.site.admin_view(write_matrix_view), name="write-matrix"),
            *get_urls(),
        ]

    get_urls_with_matrix.with_write_matrix = True
    return get_urls_with_matrix


def install() -> None:
    """Serve the page at ``/admin/write-matrix/`` (URL name ``admin:write-matrix``) and guard every model
    admin against read-only roles when the admin's URLs are built; idempotent."""
    if not getattr(admin.site.get_urls, "with_write_matrix", False):
        admin.site.get_urls = _urls_with_write_matrix(admin.site.get_urls)
