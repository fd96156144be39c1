"""Authorization matrix rows for the management API of the organisations app
(kansrijk/organisations/api_admin_*.py, api_coalition_settings.py); merged into the matrix test.

The pages' policy, with 401 instead of a login page: coordinators of the coalition manage its
organisations, memberships and settings; administrators manage the accounts; both read the
audit trail; every professional (also one of another coalition or with emergency access to a
family) and the analyst get 403. The writes are posted without input, so that whoever may act
gets the same answer: 400 (no state, no end date). Resetting a password or a second factor
needs no input: it is done on an account made for the row, not yet in any coalition, which
the coalition's administrators manage.
"""

from kansrijk.testing.factories import ProfessionalFactory, TOTPDeviceFactory
from kansrijk.testing.matrix import Row, World, only

COORDINATOR = only(["coordinator"], anonymous=401)
COORDINATOR_REFUSED = only(["coordinator"], 400, anonymous=401)
ADMINISTRATOR = only(["administrator"], anonymous=401)
ADMINISTRATOR_REFUSED = only(["administrator"], 400, anonymous=401)
MANAGERS = only(["coordinator", "administrator"], anonymous=401)


def _organisation(world: World) -> dict:
    return {"pk": world.cast.case_director.memberships.get().organisation_id}


def _membership(world: World) -> dict:
    return {"pk": world.cast.case_director.memberships.get().pk}


def _professional(world: World) -> dict:
    return {"pk": world.cast.case_director.pk}


def _new_account(world: World) -> dict:
    professional = ProfessionalFactory(username="nieuwaccount")
    TOTPDeviceFactory(user=professional)
    return {"pk": professional.pk}


ROWS: dict[str, Row] = {
    "api:admin_organisation_list": Row(COORDINATOR),
    "api:admin_organisation_detail": Row(COORDINATOR, kwargs=_organisation),
    "api:admin_organisation_status": Row(COORDINATOR_REFUSED, method="post", kwargs=_organisation),
    "api:admin_membership_list": Row(COORDINATOR),
    "api:admin_membership_detail": Row(COORDINATOR, kwargs=_membership),
    "api:admin_membership_end": Row(COORDINATOR_REFUSED, method="post", kwargs=_membership),
    "api:admin_professional_list": Row(ADMINISTRATOR),
    "api:admin_professional_detail": Row(ADMINISTRATOR, kwargs=_professional),
    "api:admin_professional_status": Row(
        ADMINISTRATOR_REFUSED, method="post", kwargs=_professional
    ),
    "api:admin_professional_password_reset": Row(ADMINISTRATOR, method="post", kwargs=_new_account),
    "api:admin_professional_second_factor_reset": Row(
        ADMINISTRATOR, method="post", kwargs=_new_account
    ),
    "api:admin_audit_list": Row(MANAGERS),
    "api:coalition_settings_detail": Row(COORDINATOR),
}
