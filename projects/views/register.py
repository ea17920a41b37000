from django.shortcuts import render

from ..questions import SECTIONS
from ..selectors import public_record


def project_detail(request, slug):
    project = public_record(slug)
    return render(
        request, "register/project_detail.html", {"project": project, "sections": SECTIONS}
    )
