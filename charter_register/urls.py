from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from projects.health import healthz

# The admin site signs people in through our sign-in page, so lockout and the second factor
# apply there too (README "Security").
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("projects.urls.home")),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("projects/", include("projects.urls.submission")),
    path("principles/", include("principles.urls")),
    # Before the register's own pages, whose /register/<id>/ would take "figures" for an id.
    path("register/figures/", include("oversight.urls_public")),
    path("register/", include("concerns.urls")),
    path("register/", include("projects.urls.register")),
    path("register/", include("projects.urls.history")),
    path("moderation/concerns/", include("concerns.urls_moderation")),
    path("moderation/", include("projects.urls.moderation")),
    path("oversight/", include("oversight.urls")),
    path("", include("pages.urls")),
    path("projects/", include("projects.urls.reviews")),
    path("organisations/", include("organisations.urls")),
    path("", include("projects.urls.open_data")),
    path("api/", include("api.urls")),
    path("alerts/", include("alerts.urls")),
    path("admin/", admin.site.urls),
]
