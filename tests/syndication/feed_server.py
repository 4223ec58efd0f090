"""A real HTTP server on a loopback port serving good and hostile feeds for the fetcher's tests."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD_ETAG = '"tin-v1"'

GOOD_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Báo Tỉnh</title><link>https://baotinh.example/</link>
<description>Tin tức</description>
<item><title>Khai mạc kỳ họp &lt;script&gt;alert(1)&lt;/script&gt;HĐND</title>
<link>https://baotinh.example/ky-hop</link><guid>baotinh-1</guid>
<pubDate>Mon, 03 Mar 2025 08:00:00 +0700</pubDate>
<description><![CDATA[<p onclick="steal()">Kỳ họp <b>thứ 20</b><script>alert('x')</script>
<img src=x onerror=alert(1)><a href="javascript:alert(1)">bấm</a>
<a href="https://baotinh.example/chi-tiet">chi tiết</a></p>]]></description>
</item>
<item><title>Liên kết độc hại</title><link>javascript:alert(document.cookie)</link>
<guid>baotinh-2</guid>
<description>x</description></item>
<item><title>Tin thứ hai</title><link>https://baotinh.example/tin-2</link><guid>baotinh-3</guid>
<pubDate>Sun, 02 Mar 2025 08:00:00 +0700</pubDate><description>Nội dung</description></item>
</channel></rss>
""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Cổng quốc gia</title><id>urn:x</id>
<updated>2025-03-01T00:00:00Z</updated>
<entry><title>Tin Atom</title><id>urn:tin-atom</id><link href="https://quocgia.example/tin-atom"/>
<updated>2025-03-01T00:00:00Z</updated><summary>Tóm tắt</summary></entry></feed>
""".encode()

MALFORMED = b"<?xml version='1.0'?><rss><channel><item><title>Hong</ti<<<>>>&&&"


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, body: bytes, content_type="application/rss+xml", headers=None, status=200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/good.xml":
            if self.headers.get("If-None-Match") == GOOD_ETAG:
                self.send_response(304)
                self.end_headers()
                return
            self._send(GOOD_RSS, headers={"ETag": GOOD_ETAG})
        elif self.path == "/no-etag.xml":
            self._send(GOOD_RSS)
        elif self.path == "/atom.xml":
            self._send(ATOM, "application/atom+xml")
        elif self.path == "/malformed.xml":
            self._send(MALFORMED)
        elif self.path == "/page.html":
            self._send(b"<html><body><h1>Not a feed</h1></body></html>", "text/html")
        elif self.path == "/huge.xml":
            # No Content-Length: the fetcher must stop reading on its own.
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                self.wfile.write(b"<rss><channel>")
                for _ in range(400):
                    self.wfile.write(b"<item><title>" + b"A" * 8192 + b"</title></item>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/huge-declared.xml":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/slow.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self._send(b"not found", "text/plain", status=404)


class FeedServer:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def __enter__(self):
        Handler.hits.clear()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
