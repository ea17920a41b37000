from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from .health import healthz

# The admin site signs people in through our sign-in page, so lockout and the second factor
# apply there too (README "Security").
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("register.urls.home")),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("projects/", include("submissions.urls.submission")),
    path("principles/", include("register.urls.principles")),
    # Before the register's own pages, whose /register/<id>/ would take "figures" for an id.
    path("register/figures/", include("oversight.urls_public")),
    path("register/", include("register.urls.concerns")),
    path("register/", include("register.urls.register")),
    path("register/", include("register.urls.history")),
    path("moderation/", include("moderation.urls")),
    path("oversight/", include("oversight.urls")),
    path("", include("pages.urls")),
    path("projects/", include("submissions.urls.reviews")),
    path("organisations/", include("register.urls.organisations")),
    path("teams/", include("teams.urls")),
    path("", include("opendata.urls")),
    path("", include("atrs.urls")),
    path("api/", include("api.urls")),
    path("alerts/", include("alerts.urls")),
    path("admin/", admin.site.urls),
]
