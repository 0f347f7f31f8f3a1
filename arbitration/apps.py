from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _persons_of_visible_cases(user):
    from arbitration.selectors import arbitrations_visible_to, mediations_visible_to
    from casework.models import Person

    return Person.objects.filter(arbitration_cases__in=arbitrations_visible_to(user)) | Person.objects.filter(
        mediation_cases__in=mediations_visible_to(user)
    )


def _employers_of_visible_cases(user):
    from arbitration.selectors import arbitrations_visible_to, mediations_visible_to
    from casework.models import Employer

    return Employer.objects.filter(
        arbitration_cases__in=arbitrations_visible_to(user)
    ) | Employer.objects.filter(mediation_cases__in=mediations_visible_to(user))


class ArbitrationConfig(AppConfig):
    name = "arbitration"
    verbose_name = _("劳动争议调解仲裁")

    def ready(self):
        from casework.context_processors import NAV_ITEMS
        from casework.demo import register_seeder
        from casework.models import Employer, Person
        from casework.selectors.parties import register_party_visibility

        from . import work_sections  # noqa: F401  (registers the "my work" sections)
        from .demo import seed_mediation_and_arbitration

        for entry in (
            (_("劳动争议调解"), "mediation-list", "arbitration.view_mediationcase"),
            (_("劳动争议仲裁"), "arbitration-list", "arbitration.open_arbitration_pages"),
        ):
            if not any(url_name == entry[1] for _label, url_name, _perm in NAV_ITEMS):
                NAV_ITEMS.append(entry)
        register_seeder(seed_mediation_and_arbitration)

        from arbitration import case_type

        case_type.register()
        # The parties to a case a user can see are visible to that user too.
        register_party_visibility(Person, _persons_of_visible_cases)
        register_party_visibility(Employer, _employers_of_visible_cases)

        from arbitration import statistics

        statistics.register()  # the arbitration series of the settlement statistics

        from arbitration import public

        public.register()  # online applications and the progress lookup on the green channel
