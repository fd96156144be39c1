"""Authorization matrix rows for the webhooks API; merged into the matrix test.

As on the webhook pages: coordinators of a coalition only (the addresses and secrets of
partners' systems are the coalition's settings); everyone else gets 403, also professionals
who broke the glass and the professional of the other coalition; without a session or
token 401. Another coalition's endpoint is "not found" for a coordinator
(test_webhook_api.py). A new secret and a retry are POST only; the retry takes a failed
delivery, which the coordinator puts back in the queue (200).
"""

from kansrijk.interop.models import DeliveryState
from kansrijk.testing.interop_webhooks import make_delivery, make_endpoint
from kansrijk.testing.matrix import Row, World, only

COORDINATORS = only(["coordinator"], anonymous=401)


def _endpoint_kwargs(world: World) -> dict:
    return {"pk": make_endpoint(world.cast).pk}


def _failed_delivery_kwargs(world: World) -> dict:
    endpoint = make_endpoint(world.cast)
    delivery = make_delivery(endpoint, state=DeliveryState.FAILED)
    return {"pk": endpoint.pk, "delivery_id": delivery.pk}


ROWS: dict[str, Row] = {
    "api:webhook_endpoint_list": Row(COORDINATORS),
    "api:webhook_endpoint_detail": Row(COORDINATORS, kwargs=_endpoint_kwargs),
    "api:webhook_endpoint_secret": Row(COORDINATORS, method="post", kwargs=_endpoint_kwargs),
    "api:webhook_delivery_list": Row(COORDINATORS, kwargs=_endpoint_kwargs),
    "api:webhook_delivery_retry": Row(COORDINATORS, method="post", kwargs=_failed_delivery_kwargs),
}
