"""The ATRS pages: how the register maps to the standard, each published record as an ATRS
record (workbook and JSON), and starting a project from an ATRS record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from opendata.register_format import project_record
from projects.services import start_project_with_answers

from . import crosswalk, selectors
from .export import atrs_document, atrs_workbook
from .forms import ImportForm
from .presenters import crosswalk_sections, facet_tables, still_to_answer
from .uploads import LimitedUploadHandler

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEFT_OUT = "atrs-left-out-{pk}"


@require_GET
def crosswalk_page(request):
    return render(
        request,
        "atrs/crosswalk.html",
        {
            "nav_section": "open-data",
            "sections": crosswalk_sections(),
            "facets": facet_tables(),
            "charter_only": crosswalk.CHARTER_ONLY,
            "standard_version": crosswalk.STANDARD_VERSION,
            "guidance_url": crosswalk.GUIDANCE_URL,
        },
    )


def _download(response, slug: str, extension: str):
    response["Content-Disposition"] = f'attachment; filename="{slug}-atrs.{extension}"'
    return response


@require_GET
def record_workbook(request, slug):
    record = project_record(selectors.published_record(slug))
    return _download(HttpResponse(atrs_workbook(record), content_type=XLSX), slug, "xlsx")


@require_GET
def record_json(request, slug):
    record = project_record(selectors.published_record(slug))
    response = JsonResponse(atrs_document(record), json_dumps_params={"ensure_ascii": False})
    return _download(response, slug, "json")


@csrf_exempt  # checked below, once the upload handler is in place
@login_required
def import_record(request):
    # Before anything reads the body: keep no more of the file than the size limit needs.
    request.upload_handlers = [LimitedUploadHandler(request)]
    return _import_record(request)


@csrf_protect
def _import_record(request):
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        project = start_project_with_answers(
            user=request.user,
            organisation=form.cleaned_data["organisation"],
            answers=form.imported.for_draft(),
            source=crosswalk.IMPORT_SOURCE,
        )
        request.session[LEFT_OUT.format(pk=project.pk)] = form.imported.left_out
        messages.success(request, "Your project has been started from the ATRS record")
        return redirect("atrs:imported", pk=project.pk)
    return render(
        request,
        "atrs/import.html",
        {
            "form": form,
            "errors": form.error_summary(),
            "has_organisations": form.fields["organisation"].queryset.exists(),
            "nav_section": "projects",
        },
    )


@login_required
@require_GET
def imported(request, pk):
    project = selectors.own_project(request.user, pk)
    return render(
        request,
        "atrs/imported.html",
        {
            "project": project,
            "from_record": selectors.answers_from_record(project),
            "still_to_answer": still_to_answer(project),
            "left_out": request.session.get(LEFT_OUT.format(pk=project.pk), []),
            "nav_section": "projects",
        },
    )
