"""Counts the SQL queries of each request and returns the count as `X-Query-Count`.

Only in `kansrijk.settings.bench`: the load generator reads the header, so the number of
queries per page is measured on the real server, not guessed from a test client.
"""

from contextlib import ExitStack

from django.db import connections

HEADER = "X-Query-Count"


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for connection in connections.all(initialized_only=False):
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
