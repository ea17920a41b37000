"""The home page: what the Charter and the register are, a search box and the latest projects."""

from django.shortcuts import render

from principles.charter import PRINCIPLES
from register.caching import register_page
from register.selectors import latest_projects


@register_page
def home(request):
    return render(
        request,
        "home.html",
        {
            "projects": latest_projects(),
            "principles": [(number, name) for number, name, _text in PRINCIPLES],
        },
    )
