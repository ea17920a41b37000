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
from projects.reviews import (
    ReviewDateError,
    check_review_date,
    confirm_still_accurate,
    latest_review_date,
)
from projects.selectors import own_published_project


class StillAccurateForm(forms.Form):
    next_review_due = RealDateField(
        label="When should the record next be reviewed? (optional)",
        help_text=f"Leave this blank to review it again in {REVIEW_INTERVAL_MONTHS} months. You "
        "can choose an earlier date, for example if the project is about to change. For "
        "example, 27 3 2027",
        required=False,
        require_all_fields=False,
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.helper = FormHelper()
        self.helper.layout = Layout(
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
    form = StillAccurateForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        confirm_still_accurate(
            project=project,
            user=request.user,
            next_review_due=form.cleaned_data["next_review_due"],
        )
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
