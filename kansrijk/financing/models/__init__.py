from .business import (
    MAX_HORIZON,
    BusinessCase,
    BusinessCaseEffect,
    BusinessCaseIntervention,
    BusinessCaseSaving,
    BusinessPayer,
)
from .kraamzorg import KraamzorgCalculation
from .rules import (
    CompensationKind,
    CompensationRoute,
    ContributionKind,
    ExceptionEffect,
    FinancingRule,
    FinancingYear,
    InsurerException,
)

__all__ = [
    "MAX_HORIZON",
    "BusinessCase",
    "BusinessCaseEffect",
    "BusinessCaseIntervention",
    "BusinessCaseSaving",
    "BusinessPayer",
    "CompensationKind",
    "CompensationRoute",
    "ContributionKind",
    "ExceptionEffect",
    "FinancingRule",
    "FinancingYear",
    "InsurerException",
    "KraamzorgCalculation",
]
