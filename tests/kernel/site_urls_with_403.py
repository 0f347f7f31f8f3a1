"""The site's URLs with the Chinese 403 page (``casework.views.errors.permission_denied``) as ``handler403``."""

from config.urls import handler404, handler500, urlpatterns  # noqa: F401

handler403 = "casework.views.errors.permission_denied"
