"""Finding a professional of a coalition by (part of) their name, for the professional
picker (`forms_picker.py`) and its suggestions (`views_picker.py`).

A coalition at national scale has thousands of professional memberships; no page lists
them. Every read here is one bounded query: the coalition's current professional
memberships (index on coalition and professional), the name terms, ordered by name and
cut off at `PICKER_LIMIT` (plus one, to know there are more).
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Discipline, Membership

PICKER_LIMIT = 20
MIN_QUERY_LENGTH = 2
# A chosen suggestion reads "name — organisation (discipline)"; the parts are searched
# separately, so pasting a label back in finds exactly that membership.
LABEL_SEPARATOR = " — "


def professional_memberships(coalition_id: int) -> QuerySet[Membership]:
    """The coalition's current professional memberships with what a label shows, by name."""
    return (
        Membership.objects.current()
        .filter(coalition_id=coalition_id, is_professional=True)
        .select_related("professional", "organisation")
        .order_by(
            "professional__last_name",
            "professional__first_name",
            "organisation__name",
            "pk",
        )
    )


def membership_label(membership: Membership) -> str:
    """The name as the pickers show it: "name — organisation (discipline)"."""
    professional = membership.professional
    name = professional.get_full_name() or professional.username
    discipline = dict(Discipline.choices).get(membership.discipline, membership.discipline)
    return f"{name}{LABEL_SEPARATOR}{membership.organisation.name} ({discipline})"


@dataclass(frozen=True)
class SearchTerms:
    """What the user typed: words of the name, and an organisation when a label was typed
    or chosen."""

    names: tuple[str, ...]
    organisation: str = ""

    @classmethod
    def parse(cls, text: str) -> "SearchTerms":
        name, _sep, rest = text.strip().partition(LABEL_SEPARATOR)
        organisation = rest.rsplit(" (", 1)[0].strip() if rest else ""
        return cls(names=tuple(name.split()), organisation=organisation)

    def __bool__(self) -> bool:
        return bool(self.names or self.organisation)

    def as_q(self) -> Q:
        condition = Q()
        for word in self.names:
            condition &= (
                Q(professional__first_name__icontains=word)
                | Q(professional__last_name__icontains=word)
                | Q(professional__username__icontains=word)
            )
        if self.organisation:
            condition &= Q(organisation__name__icontains=self.organisation)
        return condition

    def match(self, membership: Membership) -> bool:
        """The same test as `as_q`, in Python, on a membership already loaded."""
        professional = membership.professional
        fields = [
            value.casefold()
            for value in (professional.first_name, professional.last_name, professional.username)
        ]
        names_match = all(any(word.casefold() in f for f in fields) for word in self.names)
        return names_match and (
            self.organisation.casefold() in membership.organisation.name.casefold()
        )


def search_memberships(
    memberships: QuerySet[Membership], text: str, *, limit: int = PICKER_LIMIT
) -> list[Membership]:
    """At most `limit` of `memberships` whose name matches `text` (one query; none for a
    text shorter than `MIN_QUERY_LENGTH`)."""
    if len(text.strip()) < MIN_QUERY_LENGTH:
        return []
    terms = SearchTerms.parse(text)
    if not terms:
        return []
    return list(memberships.filter(terms.as_q())[:limit])


def membership_in(memberships: QuerySet[Membership], pk) -> Membership | None:
    """One membership of `memberships` by its id (one query), or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return memberships.filter(pk=pk).first()
