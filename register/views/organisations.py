"""Public pages about organisations: the directory (signatories first) and one organisation."""

from django.shortcuts import render

from register.caching import register_page
from register.selectors import organisation_directory, organisation_projects, public_organisation


@register_page
def organisation_list(request):
    organisations = list(organisation_directory())
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "signatories": [o for o in organisations if o.is_signatory],
            "others": [o for o in organisations if not o.is_signatory],
            "nav_section": "organisations",
        },
    )


@register_page
def organisation_detail(request, slug):
    organisation = public_organisation(slug)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "page": organisation_projects(organisation, request.GET),
            "nav_section": "organisations",
        },
    )
