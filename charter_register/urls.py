from django.contrib import admin
from django.urls import include, path

from projects.health import healthz

urlpatterns = [
    path("", include("projects.urls.home")),
    path("healthz", healthz, name="healthz"),
    path("principles/", include("principles.urls")),
    path("register/", include("projects.urls.register")),
    path("organisations/", include("organisations.urls")),
    path("admin/", admin.site.urls),
]
