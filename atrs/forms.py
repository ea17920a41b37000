"""The upload form: an ATRS record, and which of the person's organisations leads the project."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

from organisations.models import Organisation

from .importing import ImportedAnswers, register_answers_from
from .reading import MAX_UPLOAD_BYTES, UnreadableRecord, read_upload


class ImportForm(forms.Form):
    record = forms.FileField(
        label="Upload the ATRS record",
        help_text=(
            "An Excel workbook (.xlsx) laid out like the ATRS template, such as one downloaded "
            "from this register, or a record published on GOV.UK saved as JSON. Smaller than "
            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Type answers as text: a workbook with "
            "formulas or macros is refused."
        ),
        error_messages={
            "required": "Select the ATRS record to upload",
            "empty": "The selected file is empty",
            "invalid": "Select the ATRS record to upload",
        },
    )
    organisation = forms.ModelChoiceField(
        label="Which of your organisations leads the project?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the organisation that leads the project",
            "invalid_choice": "Select the organisation that leads the project",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__user=user
        ).order_by("name")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("record", Field.radios("organisation"))
        self.imported: ImportedAnswers | None = None

    def clean_record(self):
        upload = self.cleaned_data["record"]
        try:
            imported = register_answers_from(read_upload(upload))
        except UnreadableRecord as refused:
            raise forms.ValidationError(str(refused)) from refused
        if not imported.title:
            raise forms.ValidationError(
                "The ATRS record has no name for the tool (field 1.1, Name). Add it and upload "
                "the file again"
            )
        self.imported = imported
        return upload

    def error_summary(self) -> list[tuple[str, str]]:
        anchors = {"record": "id_record", "organisation": "id_organisation_0"}
        return [(anchors[name], message) for name in self.fields for message in self[name].errors]
