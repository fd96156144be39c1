"""The coalition's settings page under Beheer: the retention period of family files.

Only coordinators of the active coalition change it (others get 403, like the other
coordinator pages). Shortening the period can make closed files be anonymised sooner, so a
shorter value is first shown with the number of files that would be anonymised at the next
run of the scheduled task, and saved only after the coordinator confirms.
"""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .forms import CoalitionSettingsForm
from .views import _add_errors, coordinator_required

# `families.FamilyStatus.CLOSED`; `organisations` does not import the apps above it
# (DESIGN.md section 2), so the family table is named by its lazy label.
CLOSED_STATUS = "closed"


def files_due_for_anonymisation(coalition, years: int, *, now=None) -> int:
    """How many files of `coalition` the next run anonymises with a period of `years`.

    The same rule as `kansrijk.families.retention.families_past_retention`: closed, not yet
    anonymised, and closed at least `years` years ago.
    """
    family_model = apps.get_model("families", "Family")
    cutoff = coalition.retention_cutoff(now or timezone.now(), years)
    return family_model.objects.filter(
        coalition=coalition,
        status=CLOSED_STATUS,
        anonymised_at__isnull=True,
        closed_at__lte=cutoff,
    ).count()


@coordinator_required
def coalition_settings(request):
    coalition = request.active.coalition
    current = coalition.retention_years
    if request.method != "POST":
        form = CoalitionSettingsForm(initial={"retention_years": current})
        return render(
            request, "organisations/coalition_settings.html", {"form": form, "current": current}
        )
    form = CoalitionSettingsForm(request.POST)
    if form.is_valid():
        years = form.cleaned_data["retention_years"]
        if years < current and not form.cleaned_data["bevestigd"]:
            return render(
                request,
                "organisations/coalition_settings_confirm.html",
                {
                    "current": current,
                    "years": years,
                    "due_new": files_due_for_anonymisation(coalition, years),
                    "due_now": files_due_for_anonymisation(coalition, current),
                },
            )
        try:
            services.coalition_set_retention(
                actor=request.user, coalition=coalition, retention_years=years, request=request
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("De bewaartermijn is nu %(years)s jaar.") % {"years": years},
            )
            return redirect("organisations:coalition_settings")
    return render(
        request, "organisations/coalition_settings.html", {"form": form, "current": current}
    )
