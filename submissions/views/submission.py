"""The submission journey: a data professional records a project section by section.

Only members of a project's lead organisation can see or change it: every view reads through
``projects.selectors.own_project`` (``Project.objects.editable_by(user)``) and anyone else gets
a 404. Writes go through
``projects.services``.
"""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from organisations import teams
from organisations.models import Membership
from organisations.selectors import directory_names
from projects import selectors
from projects.models import Project, PublicationState
from projects.questions import SECTIONS, SECTIONS_BY_SLUG, section_of
from projects.services import (
    InvalidMove,
    NotAMember,
    ProjectNotEditable,
    ProjectNotReady,
    StaleSection,
    declare_and_submit,
    save_section,
    start_new_version,
    start_project,
)
from submissions.forms import NEW_ORGANISATION, DeclarationForm, NewProjectForm, SectionPage
from submissions.progress import section_problems, task_list


def _own_project(request, pk) -> Project:
    return selectors.own_project(request.user, pk)


def _section_url(project, section, anchor=""):
    url = reverse("submission:section", kwargs={"pk": project.pk, "slug": section.slug})
    return f"{url}#{anchor}" if anchor else url


@login_required
def project_list(request):
    projects = selectors.own_projects(request.user)
    return render(
        request,
        "submission/project_list.html",
        {
            "projects": projects,
            "memberships": teams.memberships_of(request.user),
            "join_requests": teams.requests_of(request.user)[:20],
            "invitations": teams.invitations_for(request.user),
            "nav_section": "projects",
        },
    )


def _join_message_field(form) -> str:
    return "message" if form.cleaned_data.get("organisation") != NEW_ORGANISATION else "name"


@login_required
def project_new(request):
    form = NewProjectForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["chosen"]
        if chosen is not None and chosen.pk not in form.mine:
            # Someone else's organisation: ask to join it (or join now by a confirmed domain).
            try:
                joined = teams.ask_to_join(
                    user=request.user, organisation=chosen, message=form.cleaned_data["message"]
                )
            except teams.TeamRuleBroken as refused:
                field = _join_message_field(form) if refused.field else "directory_organisation"
                form.add_error(field, refused.message)
            else:
                if not isinstance(joined, Membership):
                    messages.success(request, _asked_message(joined))
                    return redirect("submission:list")
                messages.success(
                    request, f"You are now a member of {chosen.name}: your email domain is theirs"
                )
        if form.is_valid():
            try:
                project = start_project(
                    user=request.user,
                    title=form.cleaned_data["title"],
                    organisation=chosen,
                    new_organisation=form.cleaned_data["new_organisation"],
                )
            except NotAMember as refused:
                form.add_error(
                    "directory_organisation", f"You are not a member of {refused.organisation}"
                )
            else:
                messages.success(request, "Your project has been started")
                return redirect("submission:project", pk=project.pk)
    return render(
        request,
        "submission/project_new.html",
        {"form": form, "errors": form.error_summary(), "nav_section": "projects"},
    )


def _asked_message(join_request) -> str:
    who = "Charter staff" if join_request.to_staff else "its admins"
    return (
        f"You have asked to join {join_request.organisation.name}. We have told {who}. When "
        "they approve, start your project from this page"
    )


@login_required
def project_detail(request, pk):
    """The task list while the project can be edited; a read-only summary otherwise."""
    project = _own_project(request, pk)
    context = {"project": project, "nav_section": "projects"}
    if project.is_editable:
        tasks = task_list(project)
        context["tasks"] = tasks
        context["completed"] = sum(task.is_complete for task in tasks)
        context["changes_requested"] = (
            selectors.latest_change_request(project)
            if project.publication_state == PublicationState.CHANGES_REQUESTED
            else None
        )
        return render(request, "submission/task_list.html", context)
    context["sections"] = SECTIONS
    return render(request, "submission/project_read_only.html", context)


@login_required
def section(request, pk, slug):
    project = _own_project(request, pk)
    section = SECTIONS_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such section")
    if not project.is_editable:
        messages.info(request, "This project cannot be changed now")
        return redirect("submission:project", pk=project.pk)
    stale = None
    if request.method != "POST":
        page = SectionPage(section=section, project=project, user=request.user)
    else:
        page = SectionPage(section=section, project=project, user=request.user, data=request.POST)
        if "add_row" in request.POST:
            page = page.add_row()
        elif "remove_row" in request.POST:
            with contextlib.suppress(ValueError):
                page = page.remove_row(int(request.POST["remove_row"]))
        elif page.is_valid():
            try:
                save_section(
                    project=project,
                    section=section,
                    data=page.data(),
                    user=request.user,
                    expected_lock_version=page.expected_lock_version,
                )
            except StaleSection as conflict:
                # Refused: show their text back, now based on the colleague's saved version,
                # so that saving again is a deliberate choice.
                stale = conflict.current
                page = page.retyped(lock_version=stale.lock_version)
            except ProjectNotEditable:
                messages.info(request, "This project cannot be changed now")
                return redirect("submission:project", pk=project.pk)
            except NotAMember:
                page.rows._non_form_errors = page.rows.error_class(
                    ["The lead organisation must be one you belong to"]
                )
            else:
                return _after_save(request, project, section)
    return render(
        request,
        "submission/section.html",
        {
            "project": project,
            "section": section,
            "page": page,
            "errors": page.error_summary(),
            "stale": stale,
            "stale_project": stale and selectors.project_with_details(stale.pk),
            "directory": directory_names(request.user)
            if section.slug == "about-your-organisations"
            else [],
            "nav_section": "projects",
        },
    )


def _after_save(request, project, section):
    """Back to the same page when an answer could read better and the person has not seen
    these hints yet; otherwise on."""
    saved = selectors.project_with_details(project.pk)
    advice_key = SectionPage(section=section, project=saved, user=request.user).advice_key
    if advice_key and advice_key != request.POST.get("advice_seen"):
        messages.success(
            request, "Your answers have been saved. Some could be easier to read: see the hints"
        )
        return redirect(_section_url(project, section))
    messages.success(request, f"{section.title}: your answers have been saved")
    if "continue" in request.POST and section.number < len(SECTIONS):
        return redirect(_section_url(project, SECTIONS[section.number]))
    if "continue" in request.POST:
        return redirect("submission:check", pk=project.pk)
    return redirect("submission:project", pk=project.pk)


@login_required
def check_answers(request, pk):
    project = _own_project(request, pk)
    if not project.is_editable:
        return redirect("submission:project", pk=project.pk)
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            declare_and_submit(
                project=project, user=request.user, declared=form.cleaned_data["declaration"]
            )
        except ProjectNotReady as not_ready:
            problems = [
                (
                    "id_declaration"
                    if key == "declaration"
                    else _section_url(project, section_of(key), f"id_{key}"),
                    message,
                )
                for key, message in not_ready.problems.items()
            ]
            if "declaration" in not_ready.problems:
                form.add_error("declaration", not_ready.problems["declaration"])
        else:
            messages.success(request, "Your project has been submitted for review")
            return redirect("submission:project", pk=project.pk)
    return render(
        request,
        "submission/check_answers.html",
        {
            "project": project,
            "sections": SECTIONS,
            "form": form,
            "problems": problems,
            "unfinished": section_problems(project),
            "nav_section": "projects",
        },
    )


@login_required
@require_POST
def new_version(request, pk):
    project = _own_project(request, pk)
    try:
        draft = start_new_version(project=project, user=request.user)
    except InvalidMove:
        messages.info(request, "Only a published project can be changed this way")
        return redirect("submission:project", pk=project.pk)
    messages.success(
        request,
        f"You are editing version {draft.version}. Version {project.version} stays on the "
        "register until Charter staff publish the new one",
    )
    return redirect("submission:project", pk=draft.pk)
