#!/usr/bin/env python3
"""Load client of `make bench-load`: N concurrent sessions, each a
keep-alive connection doing what an officer does (search, open a dossier
found, look at its first page's image) until the deadline, then one JSON
line of counts and latencies per kind. Standard library only.

  load-client.py ADDR [--clients 50] [--seconds 60] [--cookie 'name=value']
                       [--login USER:PASSWORD]

--cookie is sent on every request (a session cookie once accounts exist,
or sohoa_token=T with --token). An error is any answer but 200, or a
failed connection; a connection the server closed between two requests is
opened again (as a browser does) and counted in `reconnects`.

--login makes each client a session of its own: it posts `username` and
`password` to /login first (as the contract allows a script) and sends the
`sohoa_session` cookie it gets; the logins are timed as their own kind.
"""
import argparse
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse

QUERIES = [
    "Nguyễn Văn", "Trần Văn Bảy", "hộ nghèo", "giấy chứng nhận", "quyết định",
    "bien ban", "thẻ bảo hiểm y tế", "trẻ em", "lao động", "người có công",
    "Hà Nội", "tờ trình", "đơn đề nghị", "hộ tịch", "thuê nhà", "2022",
]


def percentile(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))
    return xs[k]


class Session(threading.Thread):
    def __init__(self, host, port, deadline, cookie, seed, login=None):
        super().__init__(daemon=True)
        self.host, self.port, self.deadline, self.cookie = host, port, deadline, cookie
        self.login = login
        self.rng = random.Random(seed)
        self.lat = {"login": [], "search": [], "dossier": [], "image": []}
        self.errors = {"login": 0, "search": 0, "dossier": 0, "image": 0}
        self.samples = []
        self.reconnects = 0
        self.conn = None

    def request(self, path):
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request("GET", path, headers=headers)
                resp = self.conn.getresponse()
                body = resp.read()
                return resp.status, body
            except (http.client.RemoteDisconnected, BrokenPipeError,
                    ConnectionResetError) as e:
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise e
                self.reconnects += 1

    def timed(self, kind, path):
        t = time.perf_counter()
        try:
            status, body = self.request(path)
        except OSError as e:
            self.errors[kind] += 1
            self.samples.append(f"{kind} {path}: {e}")
            self.conn = None
            return None
        self.lat[kind].append((time.perf_counter() - t) * 1000)
        if status != 200:
            self.errors[kind] += 1
            self.samples.append(f"{kind} {path}: {status} {body[:120]!r}")
            return None
        return body

    def log_in(self):
        user, password = self.login.split(":", 1)
        body = urllib.parse.urlencode({"username": user, "password": password})
        t = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            conn.request("POST", "/login", body=body, headers={
                "Host": f"{self.host}:{self.port}",
                "Content-Type": "application/x-www-form-urlencoded"})
            resp = conn.getresponse()
            resp.read()
            cookies = resp.headers.get_all("Set-Cookie") or []
            conn.close()
        except OSError as e:
            self.errors["login"] += 1
            self.samples.append(f"login: {e}")
            return False
        self.lat["login"].append((time.perf_counter() - t) * 1000)
        session = [c.split(";", 1)[0] for c in cookies if c.startswith("sohoa_session=")]
        if resp.status not in (200, 302, 303) or not session:
            self.errors["login"] += 1
            self.samples.append(f"login: {resp.status}, no session cookie")
            return False
        self.cookie = session[0]
        return True

    def run(self):
        if self.login and not self.log_in():
            return
        while time.time() < self.deadline:
            q = self.rng.choice(QUERIES)
            body = self.timed("search", "/api/search?" + urllib.parse.urlencode({"q": q}))
            if body is None or time.time() >= self.deadline:
                continue
            hits = json.loads(body).get("hits", [])
            if not hits:
                continue
            dossier = self.rng.choice(hits[:5])["dossier"]
            enc = urllib.parse.quote(dossier, safe="")
            if self.timed("dossier", f"/dossiers/{enc}") is None:
                continue
            self.timed("image", f"/page-image?dossier={enc}&page=1&w=1200")
        if self.conn:
            self.conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("addr")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--cookie", default="")
    ap.add_argument("--login", default=None, metavar="USER:PASSWORD")
    a = ap.parse_args()
    host, port = a.addr.rsplit(":", 1)
    deadline = time.time() + a.seconds
    sessions = [Session(host, int(port), deadline, a.cookie, i, a.login)
                for i in range(a.clients)]
    start = time.time()
    for s in sessions:
        s.start()
    for s in sessions:
        s.join(a.seconds + 120)
    wall = time.time() - start
    out = {"clients": a.clients, "seconds": round(wall, 1), "kinds": {}}
    errors = 0
    kinds = ("login", "search", "dossier", "image") if a.login else ("search", "dossier", "image")
    for kind in kinds:
        lat = [x for s in sessions for x in s.lat[kind]]
        err = sum(s.errors[kind] for s in sessions)
        errors += err
        out["kinds"][kind] = {
            "requests": len(lat), "errors": err,
            "p50_ms": round(percentile(lat, 50), 1) if lat else None,
            "p99_ms": round(percentile(lat, 99), 1) if lat else None,
            "max_ms": round(max(lat), 1) if lat else None,
        }
    out["requests"] = sum(k["requests"] for k in out["kinds"].values())
    out["errors"] = errors
    out["per_second"] = round(out["requests"] / wall, 1)
    out["reconnects"] = sum(s.reconnects for s in sessions)
    out["error_samples"] = [x for s in sessions for x in s.samples][:5]
    print(json.dumps(out, ensure_ascii=False))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
