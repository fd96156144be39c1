"""Forms of MDO series, meetings and the agenda. They parse input; the services decide what
depends on the series or meeting (who works in its coalitions, which transitions are
allowed, whether the version is still current) and give Dutch errors keyed by these forms'
field names."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, VersionField
from kansrijk.organisations.forms_picker import ProfessionalPickerField
from kansrijk.organisations.models import Coalition, Membership, Professional

from .models import ACCESS_DAYS_LIMIT, DEFAULT_ACCESS_DAYS, ParticipantRole, Recurrence
from .services import QUESTION_MAX

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class SeriesForm(Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=120,
        help_text=_("Bijvoorbeeld: MDO Zwangeren in een kwetsbare situatie."),
        error_messages={"required": _("Geef het MDO een naam.")},
    )
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recurrence = forms.ChoiceField(
        label=_("Hoe vaak"),
        choices=Recurrence.choices,
        initial=Recurrence.MONTHLY,
        error_messages={"invalid_choice": _("Kies hoe vaak het MDO samenkomt.")},
    )
    default_place = forms.CharField(
        label=_("Vaste plaats"),
        max_length=200,
        required=False,
        help_text=_("Nieuwe overleggen krijgen deze plaats, tenzij je een andere kiest."),
    )
    default_video_link = forms.URLField(
        label=_("Vaste videolink"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een volledige link in, bijvoorbeeld https://…")},
    )
    access_days = forms.IntegerField(
        label=_("Dagen toegang na het overleg"),
        min_value=0,
        max_value=ACCESS_DAYS_LIMIT,
        initial=DEFAULT_ACCESS_DAYS,
        help_text=_(
            "Zo lang na het overleg kunnen deelnemers de dossiers van gezinnen die met naam "
            "besproken zijn nog inzien (alleen lezen)."
        ),
        error_messages={
            "required": _("Vul een aantal dagen in."),
            "invalid": _("Vul een heel aantal dagen in."),
            "min_value": _("Kies een aantal dagen tussen 0 en %(limit)s.")
            % {"limit": ACCESS_DAYS_LIMIT},
            "max_value": _("Kies een aantal dagen tussen 0 en %(limit)s.")
            % {"limit": ACCESS_DAYS_LIMIT},
        },
    )
    is_active = forms.BooleanField(label=_("Actief"), required=False, initial=True)
    served_coalitions = forms.ModelMultipleChoiceField(
        label=_("Bespreekt ook gezinnen van"),
        queryset=Coalition.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Een regionaal MDO kan ook gezinnen van andere coalities in de regio bespreken."
        ),
        error_messages={"invalid_choice": _("Kies coalities uit de lijst.")},
    )

    def __init__(self, *args, coalition: Coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["served_coalitions"].queryset = Coalition.objects.filter(
            region_id=coalition.region_id
        ).exclude(pk=coalition.pk)
        if not self.fields["served_coalitions"].queryset.exists():
            del self.fields["served_coalitions"]

    def series_data(self) -> dict:
        return {
            key: value for key, value in self.cleaned_data.items() if key != "served_coalitions"
        }


class _ParticipantRoleForm(Form):
    role = forms.ChoiceField(
        label=_("Rol"),
        error_messages={
            "required": _("Kies een rol."),
            "invalid_choice": _("Kies een rol uit de lijst."),
        },
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, ParticipantRole(role).label) for role in roles]


class ParticipantForm(_ParticipantRoleForm):
    """A participant for the pages: a professional found by name (the professional picker)
    among `memberships`, the current professional memberships of the coalitions the series
    serves, and a role. Suggestions come from `search_url`, an endpoint of that scope."""

    professional = ProfessionalPickerField(
        label=_("Professional"),
        help_text=_("Typ (een deel van) de naam van de professional."),
        # Not a select of every professional of the series' coalitions: thousands at
        # national scale.
        error_messages={
            "required": _("Kies een professional."),
            "not_found": _("Er is geen professional met deze naam in een coalitie van dit MDO."),
        },
    )
    field_order = ["professional", "role"]

    def __init__(self, *args, memberships: QuerySet[Membership], roles, search_url: str, **kwargs):
        super().__init__(*args, roles=roles, **kwargs)
        # No query here: the picker resolves the typed name when the form is posted.
        self.fields["professional"].queryset = memberships
        self.fields["professional"].widget.search_url = search_url

    def chosen_professional(self) -> Professional:
        return self.cleaned_data["professional"].professional


class ParticipantIdForm(_ParticipantRoleForm):
    """A participant for the API: a professional by id working in a coalition the series
    serves (`memberships`), and a role. One lookup, however many professionals those
    coalitions have."""

    # Not a choice field: its choices would be every professional of the series' coalitions.
    professional = forms.IntegerField(
        label=_("Professional"),
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "required": _("Kies een professional."),
            "invalid": _("Kies een professional uit de lijst."),
            "min_value": _("Kies een professional uit de lijst."),
            "max_value": _("Kies een professional uit de lijst."),
        },
    )
    field_order = ["professional", "role"]

    def __init__(self, *args, memberships: QuerySet[Membership], roles, **kwargs):
        super().__init__(*args, roles=roles, **kwargs)
        self.memberships = memberships
        self.membership: Membership | None = None

    def clean_professional(self) -> int:
        pk = self.cleaned_data["professional"]
        self.membership = self.memberships.filter(professional_id=pk).first()
        if self.membership is None:
            raise ValidationError(_("Kies een professional uit de lijst."), code="invalid_choice")
        return pk

    def chosen_professional(self) -> Professional:
        return self.membership.professional


class MeetingForm(Form):
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        error_messages={
            "required": _("Geef de datum en tijd van het overleg."),
            "invalid": _("Vul een datum en tijd in, bijvoorbeeld 12-03-2026 14:00."),
        },
    )
    place = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten: de vaste plaats van het MDO."),
    )
    video_link = forms.URLField(
        label=_("Videolink"),
        required=False,
        assume_scheme="https",
        help_text=_("Leeg laten: de vaste videolink van het MDO."),
        error_messages={"invalid": _("Vul een volledige link in, bijvoorbeeld https://…")},
    )

    def meeting_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in ("starts_at", "place", "video_link")}


class MeetingEditForm(MeetingForm):
    version = VersionField()

    field_order = ["starts_at", "place", "video_link", "version"]


class ConfirmForm(Form):
    version = VersionField()


class WithdrawForm(Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        help_text=_("Bijvoorbeeld: al besproken in het zorgteam, of het gezin is verhuisd."),
        error_messages={
            "required": _("Geef een reden."),
            "max_length": _("Houd de reden korter dan %(limit_value)d tekens."),
        },
    )


class SubmitForm(Form):
    meeting = forms.TypedChoiceField(
        label=_("Overleg"),
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een overleg."),
            "invalid_choice": _("Kies een overleg uit de lijst."),
        },
    )
    question = forms.CharField(
        label=_("Je vraag aan het MDO"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Wat wil je dat het MDO bespreekt of besluit? Noem geen namen: zonder toestemming "
            "voor bespreking met naam is het gezin anoniem op de agenda."
        ),
        error_messages={
            "required": _("Schrijf op wat je aan het MDO wilt vragen."),
            "max_length": _("Houd de vraag korter dan %(limit_value)d tekens."),
        },
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [
            (
                meeting.pk,
                f"{meeting.series.name} — "
                f"{timezone.localtime(meeting.starts_at):%d-%m-%Y %H:%M}"
                f" ({meeting.get_status_display().lower()})",
            )
            for meeting in meetings
        ]
        if len(meetings) == 1:
            self.fields["meeting"].initial = meetings[0].pk
