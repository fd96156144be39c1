"""The baseline of the benchmark: the cheapest page a logged-in professional can get.

It passes the same middleware as every page (session, two factors, active coalition, CSP)
and renders a small template after one query of its own, so that a key page's throughput
can be stated as a ratio to it: a ratio holds on a noisy or slower machine.
"""

from django.shortcuts import render

from kansrijk.organisations.models import Membership


def baseline(request):
    # One indexed query: the professional's memberships, counted.
    memberships = Membership.objects.filter(professional=request.user).count()
    return render(request, "bench/baseline.html", {"memberships": memberships})
