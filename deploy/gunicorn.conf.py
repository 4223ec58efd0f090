"""gunicorn settings for the portal: `gunicorn -c deploy/gunicorn.conf.py`.

Everything can be tuned from the environment (systemd's EnvironmentFile or
compose's env_file). Access and error logs are JSON lines on stdout, like the
application's own logs.
"""

import gc
import multiprocessing
import os

from portal.operations.log_format import json_logging

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000").split(",")
# Synchronous workers with a few threads: pages are rendered from the database.
workers = int(os.environ.get("PORTAL_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("PORTAL_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("PORTAL_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then: bounds the damage of any slow leak.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this host (or the compose network) may tell us the scheme and client.
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Each request is handled by one worker; loading the app first shares its memory.
preload_app = os.environ.get("PORTAL_PRELOAD", "true").lower() == "true"
# The preloaded portal is shared by the forked workers. Python's recipe for a pre-fork server
# (gc.freeze): no collection in the master, whose objects are frozen before each fork, so a
# worker's collections never scan them (shorter pauses on a render) and never write to their
# memory pages (which stay shared).
gc.disable()


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    gc.enable()


# systemd and compose manage the processes: no control socket in the service's home.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" host=%({host}i)s'
# gunicorn merges this over its defaults, whose root logger names their handlers.
logconfig_dict = json_logging(
    "INFO",
    {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
)
