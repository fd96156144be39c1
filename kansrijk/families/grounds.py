"""The "care team" ground of the access policy, registered by this app at start-up."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from kansrijk.access.policy import Ground, always, register_ground

CARE_TEAM = "care_team"


def _on_care_team(user):
    from .models import CareTeamMember

    return Exists(
        CareTeamMember.objects.current().filter(
            family=OuterRef("pk"), coalition=OuterRef("coalition"), professional=user
        )
    )


def _care_team_family_ids(user, *, now=None, today=None):
    from .models import CareTeamMember

    return CareTeamMember.objects.current(today).filter(professional=user).values("family_id")


def _care_team_consent(family) -> bool:
    from .models import ConsentPurpose

    return family.consents.given().filter(purpose=ConsentPurpose.CARE_TEAM).exists()


def care_team_consent_condition():
    """`_care_team_consent` over the outer family row (`Ground.consent_condition`)."""
    from .models import Consent, ConsentPurpose

    return Exists(
        Consent.objects.given().filter(family=OuterRef("pk"), purpose=ConsentPurpose.CARE_TEAM)
    )


def register_care_team_ground() -> None:
    register_ground(
        Ground(
            code=CARE_TEAM,
            label=_("Lid van het zorgteam"),
            condition=_on_care_team,
            family_ids=_care_team_family_ids,
            family_ids_compilable=always,
            treatment_relationship=True,
            consent=_care_team_consent,
            consent_condition=care_team_consent_condition,
            compilable=True,
            order=10,
        )
    )
