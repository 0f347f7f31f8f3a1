"""Staff pages of mediation and arbitration cases. Their changes post to the kernel's ``case-change``
(``/cases/<code>/<id>/<transitions|actions>/<name>/``), evidence to its ``case-evidence-upload``."""

from arbitration.views import arbitration as arb
from arbitration.views import mediation as med
from casework.urls import object_pages

urlpatterns = [
    *object_pages(
        "mediations",
        "mediation",
        list=med.mediation_list,
        create=med.mediation_create,
        detail=med.mediation_detail,
        document=med.mediation_document,
        case_file=med.mediation_case_file,
    ),
    *object_pages(
        "arbitrations",
        "arbitration",
        list=arb.arbitration_list,
        export=arb.arbitration_export,
        create=arb.arbitration_create,
        detail=arb.arbitration_detail,
        document=arb.arbitration_document,
        case_file=arb.arbitration_case_file,
    ),
]
