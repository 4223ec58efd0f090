"""A WSGI app that tells how its worker's garbage collector is set: loaded by the master
under deploy/gunicorn.conf.py (tests/deploy/test_workers.py), as the portal is."""

import gc
import json

# Long-lived objects of the master's, as the portal's modules are.
LOADED = [{"n": n} for n in range(10_000)]


def app(environ, start_response):
    body = json.dumps({"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
