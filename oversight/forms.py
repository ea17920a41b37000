"""The period the oversight figures cover: a GOV.UK date input for each end, sent by GET."""

from __future__ import annotations

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.http import QueryDict

from projects.form_fields import RealDateField

from .figures import Period

EARLIEST = datetime.date(2000, 1, 1)
PARTS = ("day", "month", "year")


def _date_field(label: str, which: str) -> RealDateField:
    field = RealDateField(label=label, help_text="For example, 27 3 2026")
    field.error_messages.update(
        {
            "required": f"Enter the day, month and year the period {which}",
            "incomplete": f"Enter the day, month and year the period {which}",
        }
    )
    return field


def period_data(query: QueryDict) -> dict | None:
    """The form's data from a query string, or None when it names no period.

    The page's form sends each date in three parts (``start_0`` to ``start_2``); links such as
    the CSV download may give ``from`` and ``to`` as YYYY-MM-DD instead.
    """
    data = {key: query.get(key, "") for field in ("start", "end") for key in _parts(field)}
    for name, field in (("from", "start"), ("to", "end")):
        if name in query:
            year, _, rest = query[name].partition("-")
            month, _, day = rest.partition("-")
            data.update(zip(_parts(field), (day, month, year), strict=True))
    return data if any(value.strip() for value in data.values()) else None


def _parts(field: str) -> list[str]:
    return [f"{field}_{index}" for index in range(len(PARTS))]


class PeriodForm(forms.Form):
    start = _date_field("From", "starts")
    end = _date_field("To", "ends")

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.helper = FormHelper()
        self.helper.form_method = "get"
        legend = {"legend_size": Size.for_legend(Size.SMALL)}
        self.helper.layout = Layout(
            Field("start", context=legend),
            Field("end", context=legend),
            Submit("show", "Show figures"),
        )

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < EARLIEST:
            raise forms.ValidationError(f"The period must start on or after {EARLIEST:%-d %B %Y}")
        return start

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end > self.today:
            raise forms.ValidationError("The period must end today or before")
        return end

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be the same as or after its start")
        return cleaned

    @property
    def period(self) -> Period:
        return Period(start=self.cleaned_data["start"], end=self.cleaned_data["end"])


def period_form(query: QueryDict, *, today: datetime.date) -> PeriodForm:
    """A bound form for the period in ``query``, or one bound to the default period."""
    data = period_data(query)
    if data is None:
        default = Period.default(today)
        data = {}
        for field, day in (("start", default.start), ("end", default.end)):
            data.update(
                zip(_parts(field), (str(day.day), str(day.month), str(day.year)), strict=True)
            )
    return PeriodForm(data, today=today)
