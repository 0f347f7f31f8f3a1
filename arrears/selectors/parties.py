"""Workers and employers of arrears cases a user can see are visible to that user too."""

from casework.models import Employer, Person
from casework.selectors.parties import register_party_visibility


def _persons(user):
    from .cases import arrears_visible_to

    return Person.objects.filter(arrears_lines__case__in=arrears_visible_to(user).values("pk"))


def _employers(user):
    from .cases import arrears_visible_to

    return Employer.objects.filter(arrears_cases__in=arrears_visible_to(user).values("pk"))


def register_parties() -> None:
    register_party_visibility(Person, _persons)
    register_party_visibility(Employer, _employers)
