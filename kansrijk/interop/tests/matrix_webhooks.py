"""Authorization matrix rows for the webhook pages; merged into the matrix test.

The coalition's webhooks are its settings (the addresses and secrets of partners' systems):
every page and form is for coordinators of the active coalition; everyone else gets 403,
also professionals who broke the glass (that opens a family, not the coalition's settings)
and the professional of the other coalition. Another coalition's endpoint is "not found"
for a coordinator (test_webhook_pages.py). The forms' POSTs go through the same checks
(`test_webhook_permissions.py` posts every one of them as each actor).
"""

from kansrijk.interop.models import DeliveryState
from kansrijk.testing.interop_webhooks import make_delivery, make_endpoint
from kansrijk.testing.matrix import Row, World, only

COORDINATORS = only(["coordinator"])


def _endpoint_kwargs(world: World) -> dict:
    return {"pk": make_endpoint(world.cast).pk}


def _failed_delivery_kwargs(world: World) -> dict:
    endpoint = make_endpoint(world.cast)
    delivery = make_delivery(endpoint, state=DeliveryState.FAILED)
    return {"pk": endpoint.pk, "delivery_pk": delivery.pk}


ROWS: dict[str, Row] = {
    "interop:webhook_list": Row(COORDINATORS),
    "interop:webhook_create": Row(COORDINATORS),
    "interop:webhook_edit": Row(COORDINATORS, kwargs=_endpoint_kwargs),
    # The confirmation pages; their POSTs go through the same check.
    "interop:webhook_delete": Row(COORDINATORS, kwargs=_endpoint_kwargs),
    "interop:webhook_rotate": Row(COORDINATORS, kwargs=_endpoint_kwargs),
    "interop:webhook_deliveries": Row(COORDINATORS, kwargs=_endpoint_kwargs),
    # POST only: the coordinator is sent back to the delivery log.
    "interop:webhook_retry": Row(
        only(["coordinator"], 302), method="post", kwargs=_failed_delivery_kwargs
    ),
}
