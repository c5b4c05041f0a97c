"""WSGI entry for production servers: ``gunicorn kaim.wsgi:server`` (what ``kaim serve`` runs)."""

from dashboard.app import create_app, warm_up
from kaim.settings import load_settings

app = create_app(load_settings().dashboard)
server = app.server
# Dash does its one-time setup (which registers the page's script paths) on a worker's first request,
# and marks it done before it is: under threaded workers, the other first requests, typically the page's
# scripts, fail with "not a registered library" and the page stays blank. Do it now, on one thread.
server.test_client().get("/")
warm_up()
