"""Project-wide pytest fixtures: the shared test actors and the browser harness."""

pytest_plugins = [
    "kansrijk.testing.actors",
    "kansrijk.testing.browser",
    "kansrijk.testing.families",
]
