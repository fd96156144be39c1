"""Hostile values for the fuzz tests (`test_fuzz_*.py`): very long strings, control
characters (NUL included), HTML/JS, SQL fragments, template syntax, wrong types, out-of-range
dates and numbers, and unicode oddities (RTL marks, superscript and non-Latin digits)."""

from hypothesis import strategies as st

MALICIOUS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'; DROP TABLE families_family; --",
    "1 OR 1=1",
    "' OR ''='",
    "\x00",
    "a\x00b",
    "\x07\x1b[31m\x7f",
    "\r\n\r\n",
    "\u202eevil\u202c",
    "\u200b\ufeff",
    "¹²³",
    "٣٤",
    "\U0001d7d8\U0001d7d9",
    "🙂" * 50,
    "x" * 10_000,
    "9" * 400,
    "-1",
    "0",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "2026-02-30",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-0001-01-01",
    "31-12-2026",
    "2026-13-01T25:61",
    "true",
    "null",
    "[]",
    "{}",
    "%s%s%n",
    "{{ 7|add:7 }}{% debug %}",
    "../../etc/passwd",
    "   ",
    "",
]

HOSTILE_TEXT = st.one_of(
    st.sampled_from(MALICIOUS),
    st.text(max_size=40),
    st.integers().map(str),
)

# Form data: one or several values per key (a QueryDict can hold a list).
FORM_VALUE = st.one_of(HOSTILE_TEXT, st.lists(HOSTILE_TEXT, max_size=3))

# JSON bodies: anything JSON can carry, malicious strings included.
JSON_VALUE = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**20, max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        HOSTILE_TEXT,
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(HOSTILE_TEXT, children, max_size=3)
    ),
    max_leaves=6,
)

EXTRA_KEYS = st.dictionaries(
    st.sampled_from(["id", "pk", "coalition", "family", "is_admin", "__proto__", "\x00"]),
    HOSTILE_TEXT,
    max_size=2,
)


def form_data(field_names, value=FORM_VALUE):
    """A dict with a hostile value for some of the fields, plus unknown extra keys."""
    return st.tuples(
        st.fixed_dictionaries({}, optional=dict.fromkeys(field_names, value)), EXTRA_KEYS
    ).map(lambda pair: {**pair[1], **pair[0]})
