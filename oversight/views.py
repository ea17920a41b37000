"""The oversight page and its CSV download, for moderators and the independent reviewers."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from public_text.outputs import spreadsheet_cell

from .figures import figures_for
from .forms import period_form
from .permissions import oversight_required


@require_GET
@oversight_required
def oversight_page(request):
    form = period_form(request.GET, today=timezone.localdate())
    figures = figures_for(form.period) if form.is_valid() else None
    return render(request, "oversight/oversight.html", {"form": form, "figures": figures})


@require_GET
@oversight_required
def figures_csv(request):
    form = period_form(request.GET, today=timezone.localdate())
    if not form.is_valid():  # the page shows what is wrong, next to the field
        return redirect(f"{reverse('oversight:page')}?{request.GET.urlencode()}")
    figures = figures_for(form.period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="charter-register-oversight-{figures.period.slug}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(["section", "label", "value"])
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in figures.rows())
    return response
