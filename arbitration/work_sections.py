"""The "my work" sections: open arbitration and mediation cases by urgency (collective, green, deadline).

Visibility does the narrowing: an arbitrator gets exactly the cases on their tribunals."""

from casework.work import case_section


def _section(kind: str, name: str, label: str, permission: str):
    """Both types' sections share one template: its title, links (``<name>-detail``, ``<name>-list``) and
    the label of the link to the full list come from the type's name and label."""
    return case_section(
        permission=permission,
        title=f"{label}案件（按紧迫程度）",
        template="arbitration/includes/work_arbitrations.html",
        kind=kind,
        detail_url=f"{name}-detail",
        list_url=f"{name}-list",
        all_label=f"全部{label}案件",
    )


@_section("arbitrations", "arbitration", "仲裁", "arbitration.view_arbitration_pages")
def my_arbitrations(user):
    from arbitration.models.arbitration import OPEN_ARBITRATION_STATES
    from arbitration.selectors import arbitration_list

    return arbitration_list(user).filter(state__in=OPEN_ARBITRATION_STATES)


@_section("mediations", "mediation", "调解", "arbitration.view_mediationcase")
def my_mediations(user):
    from arbitration.models.mediation import OPEN_MEDIATION_STATES
    from arbitration.selectors import mediation_list

    return mediation_list(user).filter(state__in=OPEN_MEDIATION_STATES)
