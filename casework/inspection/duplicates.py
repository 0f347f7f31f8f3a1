"""Complaints already registered that may be about the same arrears: candidates for one complaint, scored with
the kernel's duplicate scoring (``casework.kernel.duplicates``), shown with who complained (masked), when and
what — in one query whatever the number of complaints."""

from dataclasses import dataclass

from django.db.models import Q

from casework.inspection.models import OPEN_COMPLAINT_STATES, Complaint
from casework.kernel.duplicates import MIN_SCORE, Facts, score
from casework.kernel.employers import normalised_employer_name, same_employer
from casework.masking import mask_id_number, mask_name, mask_phone

MAX_CANDIDATES = 10
LOOKED_AT = 200


def facts(complaint: Complaint) -> Facts:
    employer, person = complaint.employer, complaint.complainant
    return Facts(
        credit_code=(employer.credit_code or "") if employer else "",
        employer_name=employer.name if employer else complaint.employer_name_given,
        project=complaint.project_name,
        worker_id=(person.id_number or "") if person else "",
        phone=(person.phone or "") if person else "",
        period_from=complaint.violation_started_on,
        period_to=complaint.violation_ended_on,
        amount=complaint.arrears_amount,
    )


@dataclass
class Candidate:
    complaint: Complaint
    score: int
    reasons: list[str]

    @property
    def who(self) -> str:
        """Who complained, masked: a surname, the ID number's ends, the phone's ends."""
        person = self.complaint.complainant
        if person is None:
            return "匿名"
        parts = [mask_name(person.name), mask_id_number(person.id_number), mask_phone(person.phone)]
        return " ".join(p for p in parts if p)

    @property
    def what(self) -> str:
        text = self.complaint.facts or ""
        return text[:60] + ("…" if len(text) > 60 else "")


def candidates(complaint: Complaint, visible) -> list[Candidate]:
    """Open complaints the user sees that may be about the same arrears, best first (one query)."""
    near = Q(pk__in=[])
    if complaint.employer_id:
        near |= Q(employer_id=complaint.employer_id)
    if complaint.complainant_id:
        near |= Q(complainant_id=complaint.complainant_id)
    if complaint.project_name:
        near |= Q(project_name=complaint.project_name)
    core = normalised_employer_name(complaint.employer_name_given)
    if core:
        near |= Q(employer_name_given__contains=core[:8]) | Q(employer__name__contains=core[:8])
    others = (
        visible.filter(near, state__in=OPEN_COMPLAINT_STATES)
        .exclude(pk=complaint.pk)
        .select_related("employer", "complainant", "jurisdiction")
        .order_by("-received_on", "-pk")[:LOOKED_AT]
    )
    own = facts(complaint)
    found = []
    for other in others:
        points, reasons = score(own, facts(other))
        if points >= MIN_SCORE and same_employer(complaint, other) is not False:
            found.append(Candidate(other, points, reasons))
    found.sort(key=lambda c: (-c.score, -c.complaint.pk))
    return found[:MAX_CANDIDATES]
