"""The "my work" page is assembled from sections that each case app registers in its ``ready()``.

A section is a callable ``(request) -> dict | None`` returning ``{"title", "template", ...context}``.
"""

WORK_SECTIONS = []


def register_work_section(section):
    if section not in WORK_SECTIONS:
        WORK_SECTIONS.append(section)
    return section


def sections_for(request):
    out = []
    for section in WORK_SECTIONS:
        data = section(request)
        if data:
            out.append(data)
    return out
