"""The text policy on a form field: ``PublicTextField`` normalises what was typed and refuses it
with the rule's one message, next to the field; its hint says the limit."""

from __future__ import annotations

from django import forms

from .policy import TextRule, clean, normalise


class PublicTextField(forms.CharField):
    """A text field under ``rule``: labelled by the rule's label in its messages. The limit is
    checked by the rule (one message), not by a ``maxlength`` attribute that would cut off a
    pasted answer without saying so."""

    def __init__(self, *, rule: TextRule, state_limit: bool = True, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.rule = rule
        if state_limit:
            hint = str(self.help_text or "").strip()
            self.help_text = f"{hint} {rule.hint}".strip() if rule.hint not in hint else hint

    def to_python(self, value):
        return normalise(super().to_python(value), multiline=self.rule.multiline)

    def validate(self, value):
        super().validate(value)
        clean(value, self.rule)
