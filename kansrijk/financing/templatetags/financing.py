"""Template filters of financing: `{% load financing %}` then `{{ amount|money }}` shows
an amount the Dutch way, "€ 4,20" or "€ 1.234,50" ("" for no amount)."""

from django import template

from kansrijk.financing.who_pays import money as format_money

register = template.Library()


@register.filter
def money(amount) -> str:
    try:
        return format_money(amount)
    except (ArithmeticError, ValueError, TypeError):
        return ""
