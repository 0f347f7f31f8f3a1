"""Staff pages of clues. State moves and evidence go through the kernel's ``case-change`` and
``case-evidence-upload`` (``casework/urls.py``)."""

from django.urls import path

from casework.clues import statistics, views
from casework.urls import object_pages

urlpatterns = [
    *object_pages(
        "clues",
        "clue",
        list=views.clue_list,
        create=views.clue_create,
        detail=views.clue_detail,
        export=views.clue_export,
    ),
    path("clues/import/", views.clue_import, name="clue-import"),
    path("stats/clues/", statistics.clue_stats, name="clue-stats"),
]
