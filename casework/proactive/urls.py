from django.urls import path

from casework.proactive import public, stats_views, views
from casework.urls import object_pages

app_name = "proactive"

urlpatterns = [
    *object_pages(
        "proactive/inspections",
        "inspection",
        list=views.inspection_list,
        create=views.inspection_create,
        detail=views.inspection_detail,
    ),
    path("proactive/grids/", views.grid_list, name="grid-list"),
    path("proactive/grids/<int:pk>/", views.grid_detail, name="grid-detail"),
    path("proactive/draws/", views.draw_list, name="draw-list"),
    path("proactive/draws/<int:pk>/", views.draw_detail, name="draw-detail"),
    path("proactive/stats/", stats_views.proactive_stats, name="stats"),
    # public, no login: the draws and their results (双随机、一公开)
    path("public/draws/", public.draw_index, name="public-draws"),
    path("public/draws/<int:pk>/", public.draw_page, name="public-draw"),
    path("public/draws/<int:pk>/inputs.json", public.draw_inputs, name="public-draw-inputs"),
]
