"""The public deployment, run for real: nginx with the shipped ``deploy/nginx/kaim.conf`` (only its ports
and folders replaced) in front of two ``kaim serve --workers 1`` instances, started as ``nobody``,
sharing one KAIM_HOME. Every limit is the production value (the header timeout is 10 s)."""

from __future__ import annotations

import http.client
import json
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import R_AND_D
from tests.deploy.stack import CONF, Deployment, Missing, get, request

HEADER_TIMEOUT = int(re.search(r"client_header_timeout (\d+)s;", CONF.read_text()).group(1))


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def deployment(data_dir):
    # The instances' user must read the home: a 0755 folder outside pytest's 0700 temporary root.
    root = Path(tempfile.mkdtemp(prefix="kaim-deploy-", dir="/tmp"))
    root.chmod(0o755)
    home = root / "home"
    try:
        subprocess.run([sys.executable, "-m", "kaim.cli", "collect", *R_AND_D, "--mirror", str(data_dir)],
                       env={**os.environ, "KAIM_HOME": str(home)}, check=True, capture_output=True)
        try:
            deployment = Deployment(home, root).start()
        except Missing as exc:
            _missing(str(exc))
        yield deployment
        deployment.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _upstreams(deployment: Deployment, text: str, count: int = 1) -> list[str]:
    """For each request in nginx's access log whose line contains ``text``: the instance it went to
    ("-": none; behind the proxy the instances keep no access log of their own). Waits for ``count`` of
    them: nginx logs a request once its connection is done with it."""
    deadline = time.monotonic() + 5
    while len(lines := [ln for ln in deployment.access_log.read_text().splitlines() if text in ln]) < count:
        assert time.monotonic() < deadline, f"no request with {text!r} in nginx's access log"
        time.sleep(0.05)
    return [re.search(r" upstream=(\S+) ", line).group(1) for line in lines]


def test_a_page_and_its_scripts_come_through_the_proxy(deployment):
    status, headers, body = get(deployment.url + "/en/overview")
    assert status == 200
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["server"] == "nginx"  # no version; the instances' own Server header is not passed on
    scripts = re.findall(r'src="(/[^"]+)"', body.decode())
    assert len(scripts) >= 5
    for script in scripts:
        status, headers, _ = get(deployment.url + script)
        assert status == 200, script
        assert not re.search(r"\d", headers["server"])
    for _ in range(4):
        assert get(deployment.url + "/en/rd")[0] == 200
    assert set(_upstreams(deployment, "GET /en/rd ", 4)) == {f"127.0.0.1:{port}" for port in deployment.instance_ports}


def test_static_assets_are_cached_by_nginx_with_a_long_lifetime(deployment):
    body = get(deployment.url + "/en/overview")[2].decode()
    asset = re.search(r'src="(/assets/[^"]+\?m=[^"]+)"', body).group(1) + "&probe=cache"
    suite = re.search(r'src="(/_dash-component-suites/[^"]+\.v[^"]+)"', body).group(1)

    first = get(deployment.url + asset)
    second = get(deployment.url + asset)
    assert first[0] == second[0] == 200 and first[2] == second[2]
    assert (first[1]["x-cache-status"], second[1]["x-cache-status"]) == ("MISS", "HIT")
    assert _upstreams(deployment, "probe=cache", 2)[1] == "-"  # the second hit never reached an instance
    for headers in (first[1], get(deployment.url + suite)[1]):
        assert headers["cache-control"] == "public, max-age=31536000, immutable"


def test_a_body_over_the_cap_is_refused_before_any_instance(deployment):
    conn = http.client.HTTPConnection("127.0.0.1", deployment.port, timeout=30)
    try:
        conn.request("POST", "/_dash-update-component?probe=bigbody", body=b"{" + b" " * 3 * 2**20 + b"}",
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        status, page = response.status, response.read()
    finally:
        conn.close()
    assert status == 413
    assert b"nginx/" not in page  # no version on nginx's own pages either
    assert _upstreams(deployment, "probe=bigbody") == ["-"]


def test_per_client_limits_refuse_a_flood_and_spare_everyone_else(deployment):
    page = get(deployment.url + "/en/overview")[2].decode()
    visit = ["/en/overview", *re.findall(r'src="(/[^"]+)"', page), "/_dash-layout", "/_dash-dependencies"]
    with ThreadPoolExecutor(6) as pool:  # a first visit from one address, 6 connections like a browser
        assert set(pool.map(lambda path: request(deployment.url + path, source="127.0.0.2")[0], visit)) == {200}

    def flood(_: int) -> int:  # callbacks from one address, all at once
        return request(deployment.url + "/_dash-update-component", "POST", b"{}", timeout=30, source="127.0.0.3",
                       **{"Content-Type": "application/json"})[0]

    with ThreadPoolExecutor(150) as pool:
        flooding = pool.map(flood, range(150))
        assert get(deployment.url + "/en/rd")[0] == 200  # another address, meanwhile
        statuses = list(flooding)
    # The callbacks' burst passes (20 at once, 20 more delayed to 5 a second, a few as the rate refills);
    # the rest is refused before any instance sees it.
    passed = len(statuses) - statuses.count(429)
    assert 40 <= passed <= 60, sorted(statuses)


def _trickle_headers(port: int, lines: int = 60, every: float = 2.0) -> float | None:
    """A slowloris: one header line every ``every`` s. Seconds until nginx cut it off (None: never)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    started = time.monotonic()
    try:
        sock.sendall(b"GET /en/overview HTTP/1.1\r\nHost: kaim\r\n")
        for line in range(lines):
            readable, _, _ = select.select([sock], [], [], every)
            if readable and sock.recv(4096) == b"":
                return time.monotonic() - started
            sock.sendall(b"X-Slow-%d: 1\r\n" % line)
    except OSError:  # reset (reset_timedout_connection) or a broken pipe: cut off
        return time.monotonic() - started
    finally:
        sock.close()
    return None


def test_slow_header_clients_are_cut_off_and_others_served_meanwhile(deployment):
    with ThreadPoolExecutor(16) as pool:  # 16 such clients took the unproxied server down
        slow = [pool.submit(_trickle_headers, deployment.port) for _ in range(16)]
        time.sleep(1)
        for _ in range(5):
            started = time.monotonic()
            assert get(deployment.url + "/en/overview")[0] == 200
            assert time.monotonic() - started < 2
            time.sleep(0.5)
        cut_after = [future.result(timeout=HEADER_TIMEOUT + 20) for future in slow]
    assert all(t is not None and HEADER_TIMEOUT - 1 <= t <= HEADER_TIMEOUT + 4 for t in cut_after), cut_after


def _version(url: str) -> str:
    status, _, body = get(url + "/readyz")
    assert status == 200
    return json.loads(body)["version"]


def test_a_publish_is_seen_by_both_instances(deployment):
    instances = [deployment.instance_url(i) for i in range(2)]
    before = {_version(url) for url in instances}
    assert len(before) == 1
    subprocess.run([sys.executable, "-m", "kaim.cli", "publish"], env={**os.environ, "KAIM_HOME": str(deployment.home)},
                   check=True, capture_output=True)
    current = (deployment.home / "published" / "CURRENT").read_text().strip()
    assert {current} != before
    deadline = time.monotonic() + 10
    while {_version(url) for url in instances} != {current}:
        assert time.monotonic() < deadline, f"not every instance reads {current}"
        time.sleep(0.1)
    assert _version(deployment.url) == current


def test_the_site_answers_with_one_instance_killed(deployment):
    """Last: leaves one instance standing."""
    deployment.kill_instance(0)
    statuses = [get(deployment.url + path)[0] for path in ("/en/overview", "/en/rd", "/readyz", "/healthz") * 8]
    assert statuses == [200] * len(statuses)
    assert "Connection refused" in deployment.error_log.read_text()  # nginx met the dead one and moved on
