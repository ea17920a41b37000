"""Form fields shared by the register's forms, with error messages in the GOV.UK style."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError


class RealDateField(DateInputField):
    """The GOV.UK date input (day, month, year) that explains an impossible date plainly."""

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return date(day=int(day), month=int(month), year=int(year))
        except ValueError as error:
            raise ValidationError(
                "Enter a real date, for example 27 3 2027", code="invalid"
            ) from error
