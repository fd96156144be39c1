"""FHIR R4 resources built from (and read into) kansrijk's own records."""
