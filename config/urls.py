from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from casework.views import account, errors, health, shell

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("casework.api.urls")),
    path("", include("casework.inspection.api_urls")),
    path("", include("casework.clues.api_urls")),
    path("", include("arrears.api.urls")),
    path("", include("arbitration.api.urls")),
]

urlpatterns = [
    path("", shell.my_work, name="my-work"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", account.account, name="account"),
    path("accounts/sign-out-everywhere/", account.sign_out_all, name="sign-out-everywhere"),
    path("accounts/second-factor/setup/", account.setup, name="second-factor-setup"),
    path("accounts/second-factor/verify/", account.verify, name="second-factor-verify"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("green/", include("casework.public.urls")),  # public green channel, no login
    path("assisted/", include("casework.assisted.urls")),  # 代为提交: helpers' own pages
    path("", include("casework.typical.urls")),  # typical cases: staff list, public pages under /green/
    path("", include("casework.urls")),
    path("", include("casework.supervision.urls")),  # the 督办 list
    path("", include("casework.inspection.urls")),
    path("", include("casework.clues.urls")),
    path("", include("arrears.urls")),
    path("", include("arbitration.urls")),
    path("", include("casework.proactive.urls")),  # grids, inspections, draws; /public/draws/ without login
]

# Under /api/ a URL that matches nothing, or a crash outside DRF, answers in the API's JSON error shape.
handler403 = errors.permission_denied
handler404 = errors.not_found
handler500 = errors.server_error
