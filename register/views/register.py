"""The public register: the list with its search and filters, and one project's page."""

from django.shortcuts import render

from principles.charter import PRINCIPLES
from projects.questions import QUESTIONS, SECTIONS
from register.caching import register_page
from register.selectors import public_record, register_listing


@register_page
def project_list(request):
    listing = register_listing(request.GET)
    return render(
        request,
        "register/project_list.html",
        {"listing": listing, "form": listing.filterset.form, "nav_section": "register"},
    )


@register_page
def project_detail(request, slug):
    project = public_record(slug)
    evidence = project.evidence()
    charter = [
        {
            "number": number,
            "name": name,
            "questions": [QUESTIONS[key] for key in evidence[number]],
        }
        for number, name, _text in PRINCIPLES
    ]
    return render(
        request,
        "register/project_detail.html",
        {
            "project": project,
            "sections": SECTIONS,
            "charter": charter,
            "contest": QUESTIONS["contest"],
            "questions": QUESTIONS,
            "nav_section": "register",
        },
    )
