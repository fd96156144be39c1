"""Authorization matrix rows for the landscape app's API; merged into the matrix test.

Each part adds only its own entries to `ROWS`.

- api:klantroute (the klantroute part): the coalition's klantroute is read by its
  coordinators and analysts; every professional (on the care team or not, of this or another
  coalition, after breaking the glass) and the administrator get 403; without a session or
  token the answer is 401.
- api:landscape and api:vsv_compare (the landscape part): the region's landscape and the
  comparison within one VSV of the region are read by coordinators and analysts, as on the
  pages; everyone else 403, without a session or token 401.
"""

from kansrijk.testing.landscape import vsv_kwargs
from kansrijk.testing.matrix import Row, only

ROWS: dict[str, Row] = {
    "api:klantroute": Row(only(["coordinator", "analyst"], anonymous=401)),
    "api:landscape": Row(only(["coordinator", "analyst"], anonymous=401)),
    "api:vsv_compare": Row(only(["coordinator", "analyst"], anonymous=401), kwargs=vsv_kwargs),
}
