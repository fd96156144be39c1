"""Registration of financing's synthetic-data hook of `generate_synthetic` (see registry.py)."""


def register() -> None:
    from . import synthetic

    synthetic.register()
