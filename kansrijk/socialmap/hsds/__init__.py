"""Open Referral HSDS 3.0 in and out of the social map.

- `schema`: our own JSON Schema (draft 2020-12) of the HSDS 3.0 tables kansrijk stores, flat
  per table (as the tabular CSV datapackage) and nested as HSDS's records (a service with its
  organization, phones, schedules, ... and its service_at_locations with their location);
- `mapping`: model instances to HSDS record dicts (shared by the exporter and the API) and
  HSDS field values back to model field values;
- `rows`: records flattened per table (from nested JSON, or CSV rows) and the rejections;
- `importer`: validate a JSON document or a CSV datapackage and write it in one transaction;
- `exporter` and `tabular`: write the JSON document or the CSV datapackage.
"""
