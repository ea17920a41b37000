from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms


class AnswerForm(forms.Form):
    public_response = forms.CharField(
        label="Your answer",
        help_text="Write in plain words. If the sender agreed, residents may read it on the "
        "project page. The sender gets it by email if they left an address.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        error_messages={"required": "Write the answer"},
    )
    publish = forms.BooleanField(
        label="Show the question and this answer on the project page",
        help_text="Only when the sender agreed. Their email address is never shown.",
        required=False,
    )

    def __init__(self, *args, consent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [Field.textarea("public_response", label_size=Size.MEDIUM)]
        if consent:
            fields.append(Field.checkbox("publish"))
        else:
            del self.fields["publish"]
        self.helper = FormHelper()
        self.helper.layout = Layout(*fields, Submit("answer", "Save the answer"))
