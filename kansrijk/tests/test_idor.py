"""Another coalition's people cannot reach the first coalition's objects by their ids (IDOR).

The authorization matrix (kansrijk/tests/test_authorization_matrix.py) has a row for every
URL; a row with kwargs names objects of the first coalition (family, person, assessment,
handover, referral, plan goal, task, MDO meeting, agreement, webhook, business case, …).
Here each such URL is requested with those ids by the other coalition's professional and by
the other coalition's coordinator, with every method a client could try: nothing succeeds
and no answer shows the first coalition's data.
"""

import json
from importlib import import_module

from django.db import transaction
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory, TOTPDeviceFactory
from kansrijk.testing.families import FAMILY_DATA
from kansrijk.testing.matrix import LOGIN, Row

matrix = import_module("kansrijk.tests.test_authorization_matrix")
world = matrix.world  # the matrix's fixture: the cast and one family of the first coalition

_NO_KWARGS = Row({}).kwargs.__code__
# URLs with ids that are not a coalition's data: instrument definitions are the same for all,
# an organisation's single sign-on start is public, and the family portal treats every
# professional as anonymous (it sends them to its own login).
NOT_COALITION_DATA = {
    "access:oidc_start",
    "api:fhir_questionnaire",
    "api:instrument_detail",
    "signaling:instrument_detail",
}
# The region's shared landscape: partnerships (VSV, KSV, ROS, JGZ), central reporting points,
# the comparison of a VSV's municipalities and the publishers of the region's monitoring
# documents belong to the region, which the other coalition shares here (Testregio); their
# coordinators keep them together, so they see (and change) them by design.
REGION_SHARED = {
    "api:central_point_detail",
    "api:monitoring_publisher_detail",
    "api:partnership_detail",
    "api:vsv_compare",
    "landscape:partnership_delete",
    "landscape:partnership_edit",
    "landscape:vsv_compare",
    "monitoring:federation_publisher_delete",
}
# Ids that are codes of the product, the same in every coalition (a chain moment, an
# indicator definition): each coalition edits or reads its own under the same code.
PRODUCT_CODES = {
    "api:monitoring_definition_detail",
    "care:chain_moment_edit",
    "monitoring:definition",
}
SCOPED = sorted(
    name
    for name, row in matrix.MATRIX.items()
    if row.kwargs.__code__ is not _NO_KWARGS
    and name not in NOT_COALITION_DATA | REGION_SHARED | PRODUCT_CODES
)
REFUSED = {400, 403, 404, 405, LOGIN}
# Text that only the first coalition's pages contain: its municipality, organisations and
# coalition all carry the place name, and the family's strengths are its own.
FIRST_COALITION_MARKERS = ("Eerstedorp", FAMILY_DATA["strengths"])


def test_every_scoped_row_refuses_the_other_coalition():
    """The matrix itself says so: for every URL with ids, the other coalition's professional
    is refused (or, for the portal, sent to the portal login)."""
    assert len(SCOPED) > 150
    allowed = {
        name: matrix.MATRIX[name].expect["other_coalition_professional"]
        for name in SCOPED
        if matrix.MATRIX[name].expect["other_coalition_professional"] not in REFUSED
    }
    assert allowed == {}


def _other_coordinator(world):
    cast = world.cast
    professional = ProfessionalFactory(username="coordinatortweededorp")
    MembershipFactory(
        professional=professional,
        coalition=cast.other_coalition,
        organisation=cast.other_coalition_professional.memberships.get().organisation,
        is_professional=False,
        is_coordinator=True,
    )
    TOTPDeviceFactory(user=professional)
    return professional


def _attempts(path: str, row: Row):
    yield "get", {}
    if row.method != "get":
        yield row.method, {"data": row.data}
    if path.startswith("/api/"):
        body = json.dumps({"name": "overgenomen", "status": "closed"})
        for method in ("post", "put", "patch", "delete"):
            yield method, {"data": body, "content_type": "application/json"}
    else:
        yield "post", {"data": {"name": "overgenomen"}}


def test_other_coalition_gets_nothing_by_id(world):
    """One world for every URL (each URL's own objects rolled back after it), so that the
    whole sweep stays quick; all findings are reported together."""
    intruders = {
        "professional": world.cast.other_coalition_professional,
        "coordinator": _other_coordinator(world),
    }
    clients = {who: logged_in_client(intruder) for who, intruder in intruders.items()}
    findings = []
    for url_name in SCOPED:
        with transaction.atomic():
            findings.extend(_intrusions(url_name, world, clients))
            # What the row's kwargs made for this URL goes again before the next one.
            transaction.set_rollback(True)
    assert len(SCOPED) > 150
    assert not findings, "\n".join(findings)


def _intrusions(url_name: str, world, clients: dict) -> list[str]:
    findings = []
    row = matrix.MATRIX[url_name]
    kwargs = row.kwargs(world)
    if not kwargs:
        return findings  # a page of one's own coalition, no object named by id
    path = reverse(url_name, kwargs=kwargs)
    for who, client in clients.items():
        for method, options in _attempts(path, row):
            response = getattr(client, method)(path, **options)
            outcome = f"{url_name}: {who} {method.upper()} {path}: {response.status_code}"
            if 200 <= response.status_code < 300:
                findings.append(outcome)
                continue
            body = response.content.decode(errors="replace")
            findings.extend(
                f"{outcome} shows {marker!r}"
                for marker in FIRST_COALITION_MARKERS
                if marker in body
            )
            if response.status_code == 302 and response["Location"] == path:
                # A redirect leads to a login or a page of their own, never the object.
                findings.append(f"{outcome} redirects into the object")
    return findings
