"""Pages for the people around a family: persons, pregnancies, consent, care team, timeline."""

urlpatterns = []
