"""The MDO's pages: series and agendas, the meeting itself with its minutes, the overview."""

from . import urls_agenda, urls_meeting, urls_overview

app_name = "mdo"
urlpatterns = [
    *urls_agenda.urlpatterns,
    *urls_meeting.urlpatterns,
    *urls_overview.urlpatterns,
]
