"""The jurisdiction field of staff forms (filters, intake, applications, projects)."""

from casework.models import Jurisdiction


class JurisdictionChoice:
    """Mixed into a form with a ``jurisdiction`` field: it offers ``jurisdictions`` (the ones the user works
    in; all when not given), and a required one is preselected when the user works in only one."""

    def __init__(self, *args, jurisdictions=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["jurisdiction"]
        field.queryset = jurisdictions if jurisdictions is not None else Jurisdiction.objects.all()
        if jurisdictions is not None and field.required and not self.is_bound:
            first_two = list(jurisdictions[:2])
            if len(first_two) == 1:
                field.initial = first_two[0]
