"""The kernel's document actions, added to every case type that declares documents (``CaseType.documents``),
open to its writer roles: issue a document, record a service address, record a service, send electronic
service."""

from casework.documents import electronic, services
from casework.documents.forms import ElectronicServiceForm, IssueForm, ServiceAddressForm, ServiceForm


def _bind(case_type, func):
    def service(*, actor, **kwargs):
        pk = kwargs.pop(case_type.id_kwarg)
        return func(case_type.model, pk, actor=actor, **kwargs)

    return service


def document_actions(case_type) -> tuple:
    from casework.kernel.registry import Action

    if not case_type.documents:
        return ()
    roles = case_type.writer_roles
    return (
        Action(
            "issue_document",
            "签发文书",
            roles,
            service=_bind(case_type, services.issue_document),
            form=IssueForm,
            success="文书已签发",
        ),
        Action(
            "record_service_address",
            "登记送达地址确认书",
            roles,
            service=_bind(case_type, services.record_service_address),
            form=ServiceAddressForm,
            success="送达地址确认书已登记",
        ),
        Action(
            "record_service",
            "登记送达",
            roles,
            service=_bind(case_type, services.record_service),
            form=ServiceForm,
            success="送达已登记",
        ),
        Action(
            "send_e_service",
            "电子送达",
            roles,
            service=_bind(case_type, electronic.send_electronic_service),
            form=ElectronicServiceForm,
            success="电子送达短信已发送，受送达人打开文书时自动生成送达凭证",
        ),
    )
