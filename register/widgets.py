"""Widgets of the register's filter panel, and the escaping its markup is written with."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

CHECKBOXES = forms.CheckboxSelectMultiple


def text(value) -> str:
    """``value`` for HTML, as a template writes it: escaped, unless it is marked safe already
    (Django's ``conditional_escape``, without its lazy-text machinery: the filter panel writes
    hundreds of these)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


class QuickSelect(forms.Select):
    """A ``<select>`` written out in Python: the same HTML as Django's template, without a
    template per option (the organisation filter lists every organisation on the register,
    which through templates was the biggest cost of the list page). One value, no groups."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = (self.format_value(value) or [""])[0]
        options = []
        for key, label in self.choices:
            key = "" if key is None else str(key)
            selected = ""
            if key == chosen:
                selected, chosen = " selected", None  # as Django: only the first is selected
            options.append(f'<option value="{escape(key)}"{selected}>{text(label)}</option>')
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(  # noqa: S308  # nosec B308, B703: every part escaped above
            f'<select name="{escape(name)}"{attributes}>\n  ' + "\n  ".join(options) + "\n</select>"
        )


# crispy-forms-gds gives a widget its GOV.UK class by the widget's class name.
QuickSelect.__name__ = "Select"
