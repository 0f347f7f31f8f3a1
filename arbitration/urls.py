"""Staff pages of mediation and arbitration cases. Their changes post to the kernel's ``case-change``
(``/cases/<code>/<id>/<transitions|actions>/<name>/``), evidence to its ``case-evidence-upload``."""

from django.urls import path

from arbitration.views import arbitration as arb
from arbitration.views import mediation as med

urlpatterns = [
    path("mediations/", med.mediation_list, name="mediation-list"),
    path("mediations/new/", med.mediation_create, name="mediation-create"),
    path("mediations/<int:pk>/", med.mediation_detail, name="mediation-detail"),
    path("mediations/<int:pk>/documents/<slug:doc>.pdf", med.mediation_document, name="mediation-document"),
    path("mediations/<int:pk>/case-file/", med.mediation_case_file, name="mediation-case-file"),
    path("arbitrations/", arb.arbitration_list, name="arbitration-list"),
    path("arbitrations/export.xlsx", arb.arbitration_export, name="arbitration-export"),
    path("arbitrations/new/", arb.arbitration_create, name="arbitration-create"),
    path("arbitrations/<int:pk>/", arb.arbitration_detail, name="arbitration-detail"),
    path(
        "arbitrations/<int:pk>/documents/<slug:doc>.pdf",
        arb.arbitration_document,
        name="arbitration-document",
    ),
    path("arbitrations/<int:pk>/case-file/", arb.arbitration_case_file, name="arbitration-case-file"),
]
