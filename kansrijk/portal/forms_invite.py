from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form


class InviteForm(Form):
    """Which adult of the family to invite (the button next to their name sends it)."""

    person = forms.TypedChoiceField(
        coerce=int,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Kies wie je wilt uitnodigen."),
            "invalid_choice": _("Alleen de cliënt en de partner van dit gezin kun je uitnodigen."),
        },
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(m.person.pk, str(m.person)) for m in members]


class RevokeForm(Form):
    """Confirming the revocation: nothing to fill in, the button is the confirmation."""
