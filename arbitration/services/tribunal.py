"""Who sits on a tribunal — and so who may see the case.

An arbitrator has no model-wide view permission on arbitration cases (arbitration/roles.py): the only way
an arbitrator reaches a case is an object permission granted here when they join its tribunal, and taken
away when they leave it. The same members are the case's ``assignees`` (the transitions' permission checks).
"""

from datetime import date

from django.core.exceptions import ValidationError
from guardian.shortcuts import assign_perm, remove_perm

from arbitration.models import ArbitrationCase, MediationCase, TribunalMember
from casework.roles import Role

CASE_PERMS = {
    ArbitrationCase: ("arbitration.view_arbitrationcase", "arbitration.change_arbitrationcase"),
    MediationCase: ("arbitration.view_mediationcase", "arbitration.change_mediationcase"),
}


def grant_case(user, case) -> None:
    for perm in CASE_PERMS[type(case)]:
        assign_perm(perm, user, case)
    case.assignees.add(user)


def revoke_case(user, case) -> None:
    for perm in CASE_PERMS[type(case)]:
        remove_perm(perm, user, case)
    case.assignees.remove(user)


def check_arbitrators(users, case, field: str) -> None:
    bad = [
        u
        for u in users
        if not u.is_active
        or not u.has_role(Role.ARBITRATOR)
        or not (u.sees_all_jurisdictions or case.jurisdiction_id in u.jurisdiction_ids)
    ]
    if bad:
        names = "、".join(str(u) for u in bad)
        raise ValidationError({field: [f"{names}不是本仲裁委员会的仲裁员"]})


def tribunal_members(case) -> list[TribunalMember]:
    order = {TribunalMember.Role.SOLE: 0, TribunalMember.Role.PRESIDING: 0, TribunalMember.Role.MEMBER: 1}
    members = TribunalMember.objects.filter(case=case).select_related("user")
    return sorted(members, key=lambda m: (order[m.role], m.pk))


def tribunal_set(case: ArbitrationCase, *, presiding, members, on: date) -> dict:
    """Compose the tribunal: one sole arbitrator under the simplified procedure, otherwise a presiding
    arbitrator and two members (LDMAL Art 31; ARB-RULES Art 56; collective cases Art 5: three).
    Grants the case to newcomers and revokes it from those who leave. Returns who was added and removed.
    """
    if presiding is None:
        raise ValidationError({"presiding": ["请选择首席仲裁员或独任仲裁员"]})
    members = [m for m in members if m is not None]
    if case.tribunal_size_required == 1:
        if members:
            raise ValidationError({"members": ["简易程序由一名仲裁员独任仲裁，不再指定其他仲裁员"]})
        wanted = {presiding: TribunalMember.Role.SOLE}
    else:
        if len(members) != 2 or len({presiding, *members}) != 3:
            what = "集体劳动争议" if case.collective else "普通程序"
            raise ValidationError({"members": [f"{what}由三名仲裁员组成仲裁庭：请另选两名不同的仲裁员"]})
        wanted = {
            presiding: TribunalMember.Role.PRESIDING,
            **{m: TribunalMember.Role.MEMBER for m in members},
        }
    check_arbitrators([presiding], case, "presiding")
    check_arbitrators(members, case, "members")

    current = {m.user: m for m in TribunalMember.objects.filter(case=case).select_related("user")}
    removed = [u for u in current if u not in wanted]
    added = [u for u in wanted if u not in current]
    for user in removed:
        current[user].delete()
        revoke_case(user, case)
    for user, role in wanted.items():
        if user in current:
            if current[user].role != role:
                current[user].role = role
                current[user].save(update_fields=["role"])
        else:
            TribunalMember.objects.create(case=case, user=user, role=role, appointed_on=on)
            grant_case(user, case)
    return {"added": [str(u) for u in added], "removed": [str(u) for u in removed]}
