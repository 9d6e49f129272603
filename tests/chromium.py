"""Drive headless Chromium through the Chrome DevTools Protocol, for tests of HTML pages.

    with Chromium() as browser:
        page = browser.new_page(javascript=False)
        page.open(path)                       # file://, waits for the load event
        page.evaluate("document.title")       # Runtime.evaluate, value returned
        page.errors                           # console errors and uncaught exceptions

One browser for many pages: start-up is the slow part.  It runs as docs/testing.md says
(`/usr/bin/chromium`, headless, no sandbox as root, no background networking, a fresh
profile), listens on a port it picks itself (`--remote-debugging-port=0`, read back from
the DevToolsActivePort file in the profile), and is spoken to over one websocket
(websocket-client) with flattened sessions, one per page.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import websocket

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
)


class ChromiumMissing(RuntimeError):
    """Chromium is not installed where the tests expect it."""


class ChromiumError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


class Chromium:
    """A headless Chromium and one DevTools websocket to it."""

    def __init__(self, executable: str = CHROMIUM, *, timeout: float = 30.0) -> None:
        if not Path(executable).is_file():
            raise ChromiumMissing(
                f"{executable} not found: the HTML tests load pages in Chromium; install it with "
                "`apt-get install -y --no-install-recommends chromium` (.ci/run does)")
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="drafttool-chromium-"))
        self._log = open(self.profile.parent / f"{self.profile.name}.log", "wb")
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
        )
        self._ids = itertools.count(1)
        self._events: dict[str | None, list[dict[str, Any]]] = {}
        self.socket: websocket.WebSocket | None = None
        try:
            port, path = self._wait_for_port()
            self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=timeout,
                                                      suppress_origin=True, enable_multithread=False)
        except BaseException:
            self.close()
            raise

    def _wait_for_port(self) -> tuple[str, str]:
        active = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ChromiumError(f"Chromium exited with code {self.process.returncode}; see {self._log.name}")
            if active.is_file():
                lines = active.read_text().split("\n")
                if len(lines) >= 2 and lines[0].strip() and lines[1].strip():
                    return lines[0].strip(), lines[1].strip()
            time.sleep(0.05)
        raise ChromiumError(f"Chromium did not open its DevTools port within {self.timeout} s; see {self._log.name}")

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer; events met meanwhile are kept."""
        if self.socket is None:
            raise ChromiumError(f"{method}: the browser is closed")
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline, f"an answer to {method}")
            if reply.get("id") == number:
                if "error" in reply:
                    raise ChromiumError(f"{method}: {reply['error'].get('message')} {reply['error'].get('data', '')}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def _receive(self, deadline: float, what: str) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if self.socket is None:
            raise ChromiumError(f"no {what}: the browser is closed")
        if remaining <= 0:
            raise ChromiumError(f"no {what} within {self.timeout} s")
        self.socket.settimeout(remaining)
        try:
            reply: dict[str, Any] = json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            raise ChromiumError(f"no {what} within {self.timeout} s") from None
        if "method" in reply:
            self._events.setdefault(reply.get("sessionId"), []).append(reply)
        return reply

    def wait_for_event(self, method: str, session: str | None, after: int = 0) -> dict[str, Any]:
        """The first event `method` of a session at or after index `after` of its events."""
        deadline = time.monotonic() + self.timeout
        while True:
            events = self._events.get(session, [])
            for event in events[after:]:
                if event["method"] == method:
                    return event
            self._receive(deadline, f"event {method}")

    def events(self, session: str | None) -> list[dict[str, Any]]:
        return self._events.setdefault(session, [])

    def new_page(self, *, javascript: bool = True, width: int = 1200, height: int = 1600) -> Page:
        """A fresh tab, attached, with Runtime, Page, Log and Network events on."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        if not javascript:
            page.send("Emulation.setScriptExecutionDisabled", {"value": True})
        return page

    def close(self) -> None:
        socket = self.socket
        if socket is not None:
            try:
                self.send("Browser.close")
            except (ChromiumError, websocket.WebSocketException, OSError):
                pass  # closing anyway: the process is waited for, then killed
            socket.close()
            self.socket = None
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()
        shutil.rmtree(self.profile, ignore_errors=True)
        Path(self._log.name).unlink(missing_ok=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab: open a file, evaluate script, read what went wrong."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def open(self, path: str | Path) -> None:
        """Load a file and wait for its load event."""
        url = Path(path).resolve().as_uri()
        mark = len(self.browser.events(self.session))
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise ChromiumError(f"could not open {url}: {result['errorText']}")
        self.browser.wait_for_event("Page.loadEventFired", self.session, mark)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (DevTools runs it even when the
        page's own scripts are disabled)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise ChromiumError(f"{expression!r} failed: {details.get('exception', {}).get('description', details)}")
        return result["result"].get("value")

    @property
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads seen so far."""
        out = []
        for event in self.browser.events(self.session):
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                out.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(f"console.{params['type']}: " + " ".join(
                    str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
            elif method == "Network.loadingFailed":
                out.append(f"load failed: {params.get('errorText')}")
        return out

    @property
    def requests(self) -> list[str]:
        """URLs the page asked for, the page itself included."""
        return [event["params"]["request"]["url"] for event in self.browser.events(self.session)
                if event["method"] == "Network.requestWillBeSent"]

    def media(self, media: str) -> None:
        """Emulate a CSS media type: 'print', or '' for the screen."""
        self.send("Emulation.setEmulatedMedia", {"media": media})

    def screenshot(self, path: str | Path, *, full_page: bool = True) -> None:
        """A PNG of the page (the whole length when `full_page`)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            height = self.evaluate("Math.ceil(document.documentElement.scrollHeight)")
            width = self.evaluate("Math.ceil(document.documentElement.scrollWidth)")
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": min(height, 16000), "scale": 1}
        data = self.send("Page.captureScreenshot", params)["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
