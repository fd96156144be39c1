"""The performance benchmark of issue 5: `python -m bench.run --scale small|national`.

It serves kansrijk with gunicorn (`kansrijk.settings.bench`), loads it from a separate
process on loopback (`bench/load.py`) and checks the results against the hard targets in
`bench/targets.py`. Nothing here is imported by the application itself.
"""
