"""Widgets of the register's filter panel."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

CHECKBOXES = forms.CheckboxSelectMultiple


class QuickSelect(forms.Select):
    """A ``<select>`` written out in Python: the same HTML as Django's template, without a
    template per option (the organisation filter lists every organisation on the register,
    which through templates was the biggest cost of the list page). One value, no groups."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = (self.format_value(value) or [""])[0]
        rows = []
        for key, label in self.choices:
            key = "" if key is None else str(key)
            selected = key == chosen
            if selected:
                chosen = None  # as Django does: only the first match is selected
            rows.append((key, " selected" if selected else "", label))
        return format_html(
            '<select name="{}"{}>\n  {}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            format_html_join("\n  ", '<option value="{}"{}>{}</option>', rows),
        )


# crispy-forms-gds gives a widget its GOV.UK class by the widget's class name.
QuickSelect.__name__ = "Select"
