"""The open chain signals of a family, as a panel on its item in the MDO's meeting mode.

`mdo` sits below `worklist` in the import order, so the MDO asks for this panel through its
registry (`kansrijk.mdo.panels`); `register()` is called from `WorklistConfig.ready`. The
panel is computed with the work queue's own rules and the coalition's thresholds, for the
one family the page was granted by the access policy (one query for the thresholds, one
per active rule).
"""

from django.utils import timezone

from kansrijk.families.models import Family

from .selectors import chain_signals


def chain_signals_panel(request, family: Family) -> dict:
    signals = chain_signals(
        Family.objects.filter(pk=family.pk).open(),
        family.coalition,
        today=timezone.localdate(),
    )
    return {"family": family, "signals": signals}


def register() -> None:
    from kansrijk.mdo.panels import register_item_panel

    register_item_panel(
        "chain_signals", "worklist/_mdo_chain_signals.html", chain_signals_panel, order=30
    )
