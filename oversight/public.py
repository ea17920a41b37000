"""The public picture of the register, ``/register/figures/``: the oversight figures that are
about the published register (never drafts or the moderators' work), for anyone, cached like
the other register pages. The same ``figures_for(period)`` as ``/oversight/``, so the two agree
for the same period."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from register.caching import register_page

from .figures import figures_for
from .forms import period_form

# The breakdowns residents see, in this order (the list of lead organisations is long and
# on the organisations page already).
PUBLIC_BREAKDOWNS = ("area", "topic", "status", "ai", "role", "type")


@require_GET
@register_page
def register_figures(request):
    form = period_form(request.GET, today=timezone.localdate())
    figures = figures_for(form.period) if form.is_valid() else None
    breakdowns = []
    if figures is not None:
        by_slug = {breakdown.slug: breakdown for breakdown in figures.breakdowns}
        breakdowns = [by_slug[slug] for slug in PUBLIC_BREAKDOWNS]
    return render(
        request,
        "oversight/register_figures.html",
        {"form": form, "figures": figures, "breakdowns": breakdowns, "nav_section": "register"},
    )
