"""Linking two cases (any registered types) as the kernel's common ``link_case`` action, with the target's log
noted too, and sharing evidence of the case by reference with the worker's consent recorded."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from casework.inputs import require_text
from casework.kernel.employers import case_by_number
from casework.models import CaseLink, Evidence, LinkKind
from casework.services.transitions import case_action, note_on_related_case

OUTSIDE = {LinkKind.POLICE: "请填写公安机关的受案/立案编号", LinkKind.LITIGATION: "请填写法院案号"}


def _target(actor, kind: str, number: str, case):
    number = (number or "").strip()
    if not number:
        if kind in OUTSIDE:
            return None
        raise ValidationError({"case_number": ["请填写关联案件的编号"]})
    target = case_by_number(actor, number) or _in_own_jurisdictions(actor, number)
    if target is None or (type(target) is type(case) and target.pk == case.pk):
        raise ValidationError({"case_number": ["没有这个案件，或您无权查看"]})
    return target


def _in_own_jurisdictions(actor, number: str):
    """A case of another service in the linker's own counties (a complaint linked to the arbitration case on
    the same dispute): found by its exact number, only its number shown on the link."""
    from casework.kernel.registry import case_types

    if actor is None:
        return None
    for registered in case_types():
        found = registered.model.objects.filter(
            number=number, jurisdiction_id__in=actor.jurisdiction_ids
        ).first()
        if found is not None:
            return found
    return None


def _shared(case, evidence_ids, consent: bool) -> list[Evidence]:
    if not evidence_ids:
        return []
    if not consent:
        raise ValidationError({"consent": ["共享证据须先记录劳动者的同意"]})
    own = Evidence.objects.filter(
        pk__in=evidence_ids, content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    )
    found = list(own)
    if len(found) != len(set(evidence_ids)):
        raise ValidationError({"evidence": ["只能共享本案的证据材料"]})
    return found


def link_cases(
    *, actor, case, target, kind, reference="", note="", evidence=(), consent=False, consent_note=""
) -> CaseLink:
    """Link ``case`` to ``target`` (another case, or None for an outside reference), noting it in the target's
    log; call inside the ``case_action`` of ``case`` (whose own log entry records the link)."""
    link = CaseLink.objects.create(
        kind=kind,
        from_type=ContentType.objects.get_for_model(case),
        from_id=case.pk,
        from_number=case.number,
        to_type=ContentType.objects.get_for_model(target) if target else None,
        to_id=target.pk if target else None,
        to_number=target.number if target else "",
        reference=(reference or "").strip()[:100],
        note=(note or "").strip()[:200],
        consent=bool(consent),
        consent_note=(consent_note or "").strip()[:200],
        created_by=actor,
    )
    link.evidence.set(evidence)
    if target is not None:
        note_on_related_case(
            type(target),
            target.pk,
            name="linked",
            label=f"被关联（{link.get_kind_display()}）",
            actor=actor,
            details={"from": case.number, "kind": kind, "evidence": [e.pk for e in evidence]},
        )
    return link


def link_action_service(case_type):
    """The service of a case type's ``link_case`` action (the kernel's common actions)."""

    def service(
        *,
        actor,
        kind,
        case_number="",
        reference="",
        note="",
        evidence=(),
        consent=False,
        consent_note="",
        **ids,
    ):
        with case_action(
            case_type.model, ids[case_type.id_kwarg], "link_case", actor=actor, reason=note
        ) as step:
            case = step.case
            if kind not in LinkKind.values or kind == LinkKind.FINDING:
                raise ValidationError({"kind": ["请从可选项中选择"]})
            if kind in OUTSIDE:
                reference = require_text(reference, "reference", OUTSIDE[kind])
            target = _target(actor, kind, case_number, case)
            shared = _shared(case, list(evidence or ()), bool(consent))
            link = link_cases(
                actor=actor, case=case, target=target, kind=kind, reference=reference, note=note,
                evidence=shared, consent=consent, consent_note=consent_note,
            )  # fmt: skip
            step.details.update(
                {
                    "kind": kind,
                    "to": link.to_number,
                    "reference": link.reference,
                    "evidence": [e.pk for e in shared],
                }
            )
        return link

    return service
