"""The text policy on a model: ``PublicTextModel`` checks and normalises its public text fields
in ``full_clean`` (the admin, the importer and every service that cleans a model), with the same
rule and message as the forms. No tables: this package has no models of its own."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from .policy import TextRule, clean


class PublicTextModel:
    """Mix into a model before ``models.Model``; ``public_text_rules`` maps a field's name to
    its ``TextRule`` (the field's verbose name labels the message when the rule has none)."""

    public_text_rules: dict[str, TextRule] = {}

    @classmethod
    def public_text_rule(cls, name: str) -> TextRule:
        rule = cls.public_text_rules[name]
        if not rule.label:
            return rule.labelled(str(cls._meta.get_field(name).verbose_name).capitalize())
        return rule

    def clean_fields(self, exclude=None):
        errors: dict[str, list] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name in self.public_text_rules:
            if (exclude and name in exclude) or name in errors:
                continue
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                continue
            try:
                setattr(self, name, clean(value, self.public_text_rule(name)))
            except ValidationError as error:
                errors.setdefault(name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)
