"""WSGI entry for production servers: ``gunicorn dashboard.wsgi:server`` (what ``kaim serve`` runs)."""

from dashboard.app import create_app

app = create_app()
server = app.server
