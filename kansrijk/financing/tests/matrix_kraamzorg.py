"""Authorization matrix rows for financing's kraamzorg part; merged into the matrix test.

The calculator is part of the family file: those with a ground for the family (the care
team, break-the-glass) get it, everyone else "not found" (404, the refusal logged). The
matrix has one row per URL, so the page's GET is here; saving (POST "Opslaan" with valid
input: 302 for those with a ground, 404 for the rest) is checked for every actor in
test_kraamzorg_matrix_post.py with the same world.
"""

from kansrijk.testing.matrix import Row, family_kwargs, family_only

ROWS: dict[str, Row] = {
    "financing:kraamzorg": Row(family_only(), kwargs=family_kwargs),
}

# The POST of the calculator, for test_kraamzorg_matrix_post.py.
SAVE_DATA = {
    "year": "2026",
    "standard_hours": "49",
    "extra_hours": "0",
    "chosen_hours": "49",
    "actie": "opslaan",
}
SAVE_ROW = Row(family_only(outcome=302), method="post", kwargs=family_kwargs, data=SAVE_DATA)
