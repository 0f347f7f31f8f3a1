"""Workers and employers of arrears cases a user can see are visible to that user too (the case type's
``parties`` in its registration: the party list and the single-party check both read them)."""

from casework.models import Employer, Person


def persons_of_visible_arrears(user):
    from .cases import arrears_visible_to

    return Person.objects.filter(arrears_lines__case__in=arrears_visible_to(user).values("pk"))


def employers_of_visible_arrears(user):
    from .cases import arrears_visible_to

    return Employer.objects.filter(arrears_cases__in=arrears_visible_to(user).values("pk"))
