"""Information pages every public-sector service must have, linked from every page's footer."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "pages"


def page(template: str):
    return TemplateView.as_view(template_name=f"pages/{template}.html")


urlpatterns = [
    path("accessibility/", page("accessibility"), name="accessibility"),
    path("privacy/", page("privacy"), name="privacy"),
    path("cookies/", page("cookies"), name="cookies"),
]
