"""A service's kansrijk terms (phase, route, need, evidence, law, payer, own costs), stored as
HSDS attributes (`vocabulary.py`). Read them for many services in one query; write them for
one service by replacing its attributes of kansrijk's taxonomies.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from uuid import UUID

from .models import Attribute, TaxonomyTerm
from .vocabulary import TAXONOMIES, TERM_FIELDS, ensure_taxonomies

SERVICE = "service"
FIELD_TAXONOMY = {field: name for name, field in TERM_FIELDS.items()}


def empty_terms() -> dict[str, list[str]]:
    return {field: [] for field in TERM_FIELDS.values()}


def service_terms(service_ids: Iterable[UUID]) -> dict[UUID, dict[str, list[str]]]:
    """{service id: {field: [codes]}} for the given services, in one query."""
    ids = list(service_ids)
    terms: dict[UUID, dict[str, list[str]]] = defaultdict(empty_terms)
    rows = (
        Attribute.objects.filter(
            link_entity=SERVICE,
            link_id__in=ids,
            taxonomy_term__taxonomy_name__in=list(TAXONOMIES),
        )
        .values_list("link_id", "taxonomy_term__taxonomy_name", "taxonomy_term__code")
        .order_by("taxonomy_term__taxonomy_name", "taxonomy_term__code")
    )
    for link_id, taxonomy_name, code in rows:
        terms[link_id][TERM_FIELDS[taxonomy_name]].append(code)
    return {service_id: terms[service_id] for service_id in ids}


def _known_terms() -> dict[tuple[str, str], TaxonomyTerm]:
    """kansrijk's terms by (taxonomy, code): one query once they exist, created the first
    time (or after the vocabulary grew)."""
    expected = sum(len(choices.choices) for _description, choices in TAXONOMIES.values())
    known = {
        (term.taxonomy_name, term.code): term
        for term in TaxonomyTerm.objects.filter(
            taxonomy__name__in=list(TAXONOMIES), taxonomy_name__in=list(TAXONOMIES)
        )
    }
    return known if len(known) >= expected else ensure_taxonomies()


def set_service_terms(service, terms: Mapping[str, Iterable[str]]) -> None:
    """Replace the service's terms for each field in `terms` (other fields stay).

    Unknown codes raise KeyError: callers validate against the vocabulary first.
    """
    known = _known_terms()
    for field, codes in terms.items():
        taxonomy_name = FIELD_TAXONOMY[field]
        Attribute.objects.filter(
            link_entity=SERVICE,
            link_id=service.pk,
            taxonomy_term__taxonomy_name=taxonomy_name,
        ).delete()
        Attribute.objects.bulk_create(
            Attribute(
                link_entity=SERVICE,
                link_id=service.pk,
                link_type="kansrijk",
                taxonomy_term=known[(taxonomy_name, code)],
            )
            for code in dict.fromkeys(codes)
        )
