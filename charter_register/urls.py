from django.contrib import admin
from django.urls import include, path

from projects.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("projects/", include("projects.urls.submission")),
    path("principles/", include("principles.urls")),
    path("register/", include("concerns.urls")),
    path("register/", include("projects.urls.register")),
    path("", include("pages.urls")),
    path("projects/", include("projects.urls.reviews")),
    path("admin/", admin.site.urls),
]
