"""The lead organisation confirms a published record is still accurate (Principle 8)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from projects.form_fields import RealDateField
from projects.models import REVIEW_INTERVAL_MONTHS
from projects.questions import QUESTIONS
from projects.reviews import (
    NotPublished,
    ReviewDateError,
    check_review_date,
    confirm_still_accurate,
    latest_review_date,
)
from projects.rules import MISSING_SUMMARY
from projects.selectors import own_published_project
from submissions.forms import question_field


class StillAccurateForm(forms.Form):
    next_review_due = RealDateField(
        label="When should the record next be reviewed? (optional)",
        help_text=f"Leave this blank to review it again in {REVIEW_INTERVAL_MONTHS} months. You "
        "can choose an earlier date, for example if the project is about to change. For "
        "example, 27 3 2027",
        required=False,
        require_all_fields=False,
    )

    def __init__(self, *args, today, needs_summary=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        items = []
        if needs_summary:
            # A record published before the register asked for a summary: ask for one now.
            self.fields["summary"] = question_field("summary")
            self.fields["summary"].required = True
            self.fields["summary"].error_messages["required"] = MISSING_SUMMARY
            items.append(
                Field.textarea(
                    "summary",
                    rows=4,
                    max_characters=QUESTIONS["summary"].max_length,
                    label_size=Size.MEDIUM,
                )
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *items,
            Field("next_review_due", context={"legend_size": Size.MEDIUM}),
            Submit("confirm", "Confirm it is still accurate"),
        )

    def clean_next_review_due(self):
        chosen = self.cleaned_data.get("next_review_due")
        if chosen:
            try:
                check_review_date(chosen, today=self.today)
            except ReviewDateError as error:
                raise forms.ValidationError(str(error)) from error
        return chosen


@login_required
@require_http_methods(["GET", "POST"])
def confirm_review(request, pk):
    project = own_published_project(request.user, pk)
    today = timezone.localdate()
    form = StillAccurateForm(request.POST or None, today=today, needs_summary=project.needs_summary)
    if request.method == "POST" and form.is_valid():
        try:
            confirm_still_accurate(
                project=project,
                user=request.user,
                next_review_due=form.cleaned_data["next_review_due"],
                summary=form.cleaned_data.get("summary"),
            )
        except NotPublished:
            # Withdrawn or replaced by a newer version while the page was open. (A summary
            # the service would refuse, the form has already refused: same rule, same request.)
            messages.info(request, "This record is no longer published, so it cannot be confirmed")
            return redirect("submission:project", pk=project.pk)
        else:
            messages.success(request, "Thank you. The record is marked as still accurate.")
            return redirect(project.get_absolute_url())
    return render(
        request,
        "reviews/confirm.html",
        {
            "project": project,
            "form": form,
            "overdue_since": project.review_overdue_since(today),
            "latest": latest_review_date(today),
        },
    )
