"""The overview of an MDO series: aggregates for its coordinators, chair and secretary.

Who may see it is decided in `selectors_overview.may_see_series_overview` (its docstring has
the rules); everyone else gets 403, a series that does not exist 404. The page shows no
family, so it writes no access event.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from .models import MdoSeries
from .selectors_overview import SMALL_NUMBER, may_see_series_overview, series_overview


def series_overview_page(request, pk: int):
    # `coalition`: the page names it (a join instead of a second query).
    series = get_object_or_404(MdoSeries.objects.select_related("coalition"), pk=pk)
    allowed, exact = may_see_series_overview(request.user, series)
    if not allowed:
        raise PermissionDenied
    return render(
        request,
        "mdo/overview/series_overview.html",
        {
            "series": series,
            "overview": series_overview(series, exact=exact),
            "small_number": SMALL_NUMBER,
        },
    )
