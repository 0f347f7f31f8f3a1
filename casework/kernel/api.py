"""``POST /api/v1/<type>/<id>/transitions/<name>/`` and ``…/actions/<name>/`` for every registered case type.

The body is the change's input (a JSON object); the answer is the case's detail as the type's API shows it
(``CaseType.detail_data``), or an error in the API's one shape (``casework.api.exceptions``).
"""

from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.kernel.changes import find_change, perform, visible_case
from casework.kernel.registry import case_type_by_slug
from casework.models.evidence import EvidenceCategory
from casework.services.transitions import CaseNotFound


class CaseChangeView(APIView):
    kind = "transitions"

    @extend_schema(request=OpenApiTypes.OBJECT, responses=OpenApiTypes.OBJECT)
    def post(self, request, slug: str, pk: int, name: str):
        case_type = case_type_by_slug(slug)
        if case_type is None:
            raise CaseNotFound("案件不存在")
        visible_case(case_type, request.user, pk)  # 404 before anything else
        change = find_change(case_type, self.kind, name)
        perform(change, user=request.user, pk=pk, data=request.data, files=request.FILES)
        case = visible_case(case_type, request.user, pk)
        return Response(case_type.detail_data(case, request) if case_type.detail_data else {"id": case.pk})


class CaseActionView(CaseChangeView):
    kind = "actions"


class CaseEvidenceView(CaseChangeView):
    """``POST /api/v1/<type>/<id>/evidence/``: a multipart ``file`` with ``category`` and ``description``,
    the kernel's ``add_evidence`` action (404 unseen, 403 for a role that may not write, 400 bad file)."""

    kind = "actions"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "category": {"type": "string", "enum": list(EvidenceCategory.values)},
                    "description": {"type": "string", "maxLength": 200},
                },
                "required": ["file", "category"],
            }
        },
        responses=OpenApiTypes.OBJECT,
    )
    def post(self, request, slug: str, pk: int):
        return super().post(request, slug, pk, "add_evidence")
