"""The "MDO participant" ground of the access policy, registered by `mdo` at start-up.

Rules, in plain words (DESIGN.md section 5):

- A participant of an MDO meeting may read the file of a family on its agenda, from the
  moment the agenda is published until the series' number of days (14 unless set
  otherwise) after the meeting; after that the ground ends by itself.
- Only for items discussed by name: the family's consent for named MDO discussion must be in
  force *now*. Withdrawing it ends the access at once, in the middle of the window too.
  Anonymous items never open a file.
- Only items still on the agenda or discussed: a withdrawn item opens nothing.
- Read-only (`Ground.read_only`): the ground lets a participant read, print and export,
  never change anything in the file.
- Rule 2 of the policy applies as to every ground: the participant needs a current
  membership as professional in the family's coalition, so a regional MDO opens a family
  only to participants who work in its coalition.
- Every use is logged like every other access (NEN 7513), with this ground and the meeting.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.access.policy import Ground, always, register_ground

MDO_PARTICIPANT = "mdo_participant"


def _named_consent(family_ref):
    from kansrijk.families.models import Consent, ConsentPurpose

    return Exists(
        Consent.objects.given().filter(family=family_ref, purpose=ConsentPurpose.MDO_NAMED)
    )


def _open_items(user, now=None):
    """The agenda items whose family `user` may read at `now` (the clock's by default) as a
    participant (any family)."""
    from .models import OPEN_ITEM_STATUSES, AgendaItem, MdoMeeting

    meetings = MdoMeeting.objects.granting_access(now).filter(participants__professional=user)
    return AgendaItem.objects.filter(
        status__in=OPEN_ITEM_STATUSES, meeting__in=meetings.values("pk")
    ).filter(_named_consent(OuterRef("family")))


def _condition(user):
    return Exists(_open_items(user).filter(family=OuterRef("pk"), coalition=OuterRef("coalition")))


def _family_ids(user, *, now=None, today=None):
    return _open_items(user, now).values("family_id")


def _consent(family) -> bool:
    from kansrijk.families.models import ConsentPurpose

    return family.consents.given().filter(purpose=ConsentPurpose.MDO_NAMED).exists()


def _detail(user, family) -> str:
    item = (
        _open_items(user)
        .filter(family=family)
        .select_related("meeting__series")
        .order_by("-meeting__starts_at")
        .first()
    )
    if item is None:  # ended between the check and now
        return ""
    return str(
        _("%(series)s, overleg van %(date)s")
        % {
            "series": item.meeting.series.name,
            "date": timezone.localtime(item.meeting.starts_at).strftime("%d-%m-%Y"),
        }
    )[:300]


def register_mdo_participant_ground() -> None:
    register_ground(
        Ground(
            code=MDO_PARTICIPANT,
            label=_("Deelnemer aan een MDO waar het gezin met naam op de agenda staat"),
            condition=_condition,
            family_ids=_family_ids,
            family_ids_compilable=always,
            # The MDO advises the care team; the participants do not treat the family.
            treatment_relationship=False,
            consent=_consent,
            consent_condition=lambda: _named_consent(OuterRef("pk")),
            detail=_detail,
            read_only=True,
            order=40,
        )
    )
