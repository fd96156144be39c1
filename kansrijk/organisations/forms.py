"""Forms of the management area. They parse and validate input; services do the writing."""

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, ModelForm, date_widget
from kansrijk.core.models import AuditEvent

from . import selectors
from .models import Discipline, Membership, Organisation, OrganisationKind, Role
from .services import NewProfessional

# --- Organisations ------------------------------------------------------------------------


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "phone", "email"]
        labels = {
            "name": _("Naam"),
            "kind": _("Soort organisatie"),
            "phone": _("Telefoonnummer"),
            "email": _("E-mailadres"),
        }
        error_messages = {
            "name": {"required": _("Vul de naam van de organisatie in.")},
            "kind": {"required": _("Kies de soort organisatie.")},
            "email": {
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld info@praktijk.nl.")
            },
        }


class OrganisationFilterForm(Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle soorten")), *OrganisationKind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), ("actief", _("Actief")), ("inactief", _("Inactief"))],
    )


class SetActiveForm(Form):
    """The state the confirmation page asked for, so a double submit changes nothing twice."""

    active = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )


# --- Accounts -----------------------------------------------------------------------------


class RequiredWhenChosenCharField(forms.CharField):
    """Shown as required, but only the form knows when: it depends on another choice."""

    def validate(self, value):
        if value not in self.empty_values:
            super().validate(value)


class RequiredWhenChosenEmailField(forms.EmailField):
    def validate(self, value):
        if value not in self.empty_values:
            super().validate(value)


class NewProfessionalFields(forms.Form):
    """The fields of a new account, shared by the membership and the account form."""

    NEW_FIELDS = ("first_name", "last_name", "email", "username")

    first_name = RequiredWhenChosenCharField(
        label=_("Voornaam"),
        max_length=150,
        error_messages={"required": _("Vul de voornaam in.")},
    )
    last_name = RequiredWhenChosenCharField(
        label=_("Achternaam"),
        max_length=150,
        error_messages={"required": _("Vul de achternaam in.")},
    )
    email = RequiredWhenChosenEmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@praktijk.nl."),
        },
    )
    username = RequiredWhenChosenCharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        help_text=_("Letters, cijfers en . @ + - _; hiermee logt de professional in."),
        validators=[
            UnicodeUsernameValidator(
                message=_(
                    "Een gebruikersnaam bestaat alleen uit letters, cijfers en de tekens "
                    ". @ + - _ (geen spaties)."
                )
            )
        ],
        error_messages={"required": _("Vul een gebruikersnaam in.")},
    )

    def require_new_fields(self) -> None:
        for name in self.NEW_FIELDS:
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])

    def new_professional(self) -> NewProfessional:
        data = self.cleaned_data
        return NewProfessional(
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            email=data["email"].strip(),
            username=data["username"].strip(),
        )


class ProfessionalCreateForm(Form, NewProfessionalFields):
    def clean(self):
        cleaned = super().clean()
        self.require_new_fields()
        return cleaned


class ProfessionalFilterForm(Form):
    q = forms.CharField(label=_("Zoek op naam, gebruikersnaam of e-mail"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), ("actief", _("Actief")), ("inactief", _("Gedeactiveerd"))],
    )


# --- Memberships --------------------------------------------------------------------------


ROLE_HELP = _(
    "Professional: werkt met gezinnen. Coördinator: beheert de coalitie. "
    "Analist: ziet alleen cijfers."
)
ROLE_HELP_ADMINISTRATOR = _(
    "Professional: werkt met gezinnen. Coördinator: beheert de coalitie. "
    "Analist: ziet alleen cijfers. Beheerder: beheert accounts."
)


class MembershipFields(forms.Form):
    """Discipline, roles, phone and start date, shared by adding and editing.

    Only an administrator may grant the administrator role; others do not see it.
    """

    discipline = forms.ChoiceField(
        label=_("Discipline"),
        choices=[("", _("Kies een discipline")), *Discipline.choices],
        error_messages={"required": _("Kies de discipline.")},
    )
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Role.PROFESSIONAL.value],
        error_messages={
            "required": _("Kies minstens één rol."),
            "invalid_choice": _("Kies alleen rollen uit de lijst."),
        },
    )
    # Model validators run only in ModelForms; this is a plain form, so pass them on.
    phone = Membership._meta.get_field("phone").formfield(
        label=_("Telefoonnummer (direct bereikbaar)"),
        validators=Membership._meta.get_field("phone").validators,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    start_date = forms.DateField(
        label=_("Startdatum"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de startdatum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 01-09-2025."),
        },
    )

    def limit_roles(self, *, may_grant_administrator: bool) -> None:
        self.may_grant_administrator = may_grant_administrator
        roles = self.fields["roles"]
        if may_grant_administrator:
            roles.help_text = ROLE_HELP_ADMINISTRATOR
        else:
            roles.choices = [c for c in Role.choices if c[0] != Role.ADMINISTRATOR]
            roles.help_text = ROLE_HELP


class MembershipAddForm(Form, NewProfessionalFields, MembershipFields):
    EXISTING, NEW = "bestaand", "nieuw"
    # The account fields are required only for a new account; the form checks that.
    use_required_attribute = False

    who = forms.ChoiceField(
        label=_("Wie voeg je toe?"),
        choices=[
            (EXISTING, _("Een professional die al een account heeft")),
            (NEW, _("Een nieuwe professional: maak een account")),
        ],
        initial=EXISTING,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of de professional al een account heeft.")},
    )
    identifier = RequiredWhenChosenCharField(
        label=_("Gebruikersnaam of e-mailadres"),
        max_length=254,
        help_text=_("Van een professional die al een account in kansrijk heeft."),
        error_messages={
            "required": _("Vul de gebruikersnaam of het e-mailadres van de professional in.")
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        error_messages={
            "required": _("Kies de organisatie waar de professional werkt."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )

    field_order = ["who", "identifier", *NewProfessionalFields.NEW_FIELDS, "organisation"]

    def __init__(self, *args, coalition, may_grant_administrator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.coalition = coalition
        self.professional = None
        self.fields["organisation"].queryset = coalition.organisations.filter(is_active=True)
        self.limit_roles(may_grant_administrator=may_grant_administrator)

    def clean(self):
        cleaned = super().clean()
        who = cleaned.get("who")
        if who == self.EXISTING:
            self._clean_existing(cleaned.get("identifier", ""))
        elif who == self.NEW:
            self.require_new_fields()
        return cleaned

    def _clean_existing(self, identifier: str) -> None:
        if "identifier" in self.errors:
            return
        if not identifier.strip():
            self.add_error("identifier", self.fields["identifier"].error_messages["required"])
            return
        found = selectors.find_professional(identifier)
        if not found:
            self.add_error(
                "identifier",
                _(
                    "Er is geen account met gebruikersnaam of e-mailadres '%(identifier)s'. "
                    "Controleer de spelling, of kies 'Een nieuwe professional'."
                )
                % {"identifier": identifier.strip()},
            )
        elif len(found) > 1:
            self.add_error(
                "identifier",
                _("Meerdere accounts hebben dit e-mailadres. Zoek op gebruikersnaam."),
            )
        elif not found[0].is_active:
            self.add_error(
                "identifier",
                _(
                    "Het account van %(name)s is gedeactiveerd. Vraag een beheerder het te "
                    "heractiveren."
                )
                % {"name": found[0]},
            )
        else:
            self.professional = found[0]
            organisation = self.cleaned_data.get("organisation")
            if organisation and selectors.has_open_membership(
                professional=self.professional, organisation=organisation, coalition=self.coalition
            ):
                self.add_error(
                    "organisation",
                    _(
                        "%(name)s werkt al bij %(organisation)s in deze coalitie. Bewerk dat "
                        "lidmaatschap in plaats van een tweede toe te voegen."
                    )
                    % {"name": self.professional, "organisation": organisation.name},
                )

    def chosen_professional(self):
        if self.cleaned_data["who"] == self.NEW:
            return self.new_professional()
        return self.professional


class MembershipEditForm(Form, MembershipFields):
    def __init__(self, *args, membership: Membership, may_grant_administrator: bool, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "discipline": membership.discipline,
                "roles": membership.roles,
                "phone": membership.phone,
                "start_date": membership.start_date,
            },
        )
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.limit_roles(may_grant_administrator=may_grant_administrator)

    def clean_roles(self) -> list[str]:
        roles = list(self.cleaned_data["roles"])
        # Someone who may not grant the administrator role does not see it, and keeps it as is.
        if not self.may_grant_administrator and self.membership.is_administrator:
            roles.append(Role.ADMINISTRATOR.value)
        return roles

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date")
        end = self.membership.end_date
        if start and end and start > end:
            self.add_error("start_date", _("De startdatum kan niet na de einddatum liggen."))
        return cleaned


class MembershipEndForm(Form):
    end_date = forms.DateField(
        label=_("Einddatum"),
        initial=timezone.localdate,
        widget=date_widget(),
        help_text=_("Vanaf deze dag werkt de professional hier niet meer."),
        error_messages={
            "required": _("Vul de einddatum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 01-09-2025."),
        },
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end < self.membership.start_date:
            raise forms.ValidationError(
                _("De einddatum kan niet voor de startdatum (%(start)s) liggen.")
                % {"start": self.membership.start_date.strftime("%d-%m-%Y")}
            )
        return end


class MembershipFilterForm(Form):
    q = forms.CharField(label=_("Zoek op naam of gebruikersnaam"), required=False)
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Alle organisaties"),
    )
    discipline = forms.ChoiceField(
        label=_("Discipline"),
        required=False,
        choices=[("", _("Alle disciplines")), *Discipline.choices],
    )
    rol = forms.ChoiceField(
        label=_("Rol"), required=False, choices=[("", _("Alle rollen")), *Role.choices]
    )
    beeindigd = forms.BooleanField(label=_("Toon ook beëindigde lidmaatschappen"), required=False)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = coalition.organisations.all()


# --- Audit trail --------------------------------------------------------------------------


class AuditFilterForm(Form):
    actie = forms.ChoiceField(
        label=_("Soort handeling"),
        required=False,
        choices=[("", _("Alle handelingen")), *AuditEvent.Action.choices],
    )
    van = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("De einddatum van de periode ligt voor de begindatum."))
        return cleaned


# --- Coalition settings -------------------------------------------------------------------


class CoalitionSettingsForm(Form):
    """The coalition's retention period; `bevestigd` is set by the confirmation step."""

    retention_years = forms.IntegerField(
        label=_("Bewaartermijn in jaren"),
        help_text=_("Een heel getal van 1 tot en met 100."),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Vul de bewaartermijn in jaren in."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 20."),
            "min_value": _("De bewaartermijn is minstens 1 jaar."),
            "max_value": _("De bewaartermijn is hoogstens 100 jaar."),
        },
    )
    bevestigd = forms.BooleanField(required=False, widget=forms.HiddenInput)
