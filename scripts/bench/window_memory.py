#!/usr/bin/env python3
"""PSS of a window's process tree (the app and its WebKit processes), driven through tauri-driver
under a private Xvfb: a bare Tauri v2 window as the named peer, then VCD Workbench at start and after
logging in to the demo and sending 20 requests. Run by scripts/bench/window-memory, which builds both.

    window_memory.py BARE_BINARY APP_BINARY
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REQUESTS = 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what, check, limit=60.0):
    start = time.time()
    while time.time() - start < limit:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise SystemExit(f"window-memory: {what} did not happen within {limit:.0f} s")


class WebDriver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                return json.loads(answer.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            return {"error": e.read().decode(errors="replace")}

    def start(self, application):
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {"application": application}}}}
        value = self.call("POST", "/session", caps)
        if not isinstance(value, dict) or "sessionId" not in value:
            raise SystemExit(f"window-memory: no WebDriver session: {value}")
        self.session = value["sessionId"]

    def script(self, source):
        return self.call("POST", f"/session/{self.session}/execute/sync", {"script": source, "args": []})

    def until(self, what, source):
        return wait_until(what, lambda: self.script(source) is True)

    def click(self, css):
        self.until(f"{css} to appear", f"return !!document.querySelector({json.dumps(css)})")
        self.script(f"document.querySelector({json.dumps(css)}).click(); return true")

    def stop(self):
        if self.session:
            self.call("DELETE", f"/session/{self.session}")


def descendants(root):
    """The pids under `root` (itself included), from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def pss_mb(binary):
    """PSS of the process running `binary` and everything it started, in MB."""
    pids = [int(p) for p in subprocess.run(["pgrep", "-f", binary], capture_output=True, text=True).stdout.split()]
    roots = [p for p in pids if os.path.realpath(f"/proc/{p}/exe") == os.path.realpath(binary)]
    if not roots:
        raise SystemExit(f"window-memory: {binary} is not running")
    total_kb = 0
    for pid in descendants(roots[0]):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024


def settle():
    # The web process frees memory lazily: a few quiet seconds before each reading, as a user pauses.
    time.sleep(5)


def measure(binary, drive):
    home = tempfile.mkdtemp(prefix="vcdw-bench-")
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    display = ":" + xvfb.stdout.readline().decode().strip()
    port, native = free_port(), free_port()
    env = dict(
        os.environ,
        DISPLAY=display,
        WEBKIT_DISABLE_COMPOSITING_MODE="1",
        NO_AT_BRIDGE="1",
        GTK_A11Y="none",
        GDK_DEBUG="no-portals",
        XDG_CONFIG_HOME=f"{home}/config",
        XDG_DATA_HOME=f"{home}/data",
        XDG_CACHE_HOME=f"{home}/cache",
    )
    env.pop("VCDW_CONFIG_DIR", None)
    driver = subprocess.Popen(
        ["tauri-driver", "--port", str(port), "--native-port", str(native)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    web = WebDriver(port)
    try:
        wait_until("tauri-driver to listen", lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0)
        web.start(os.path.abspath(binary))
        return drive(web, lambda: pss_mb(binary))
    finally:
        web.stop()
        driver.terminate()
        driver.wait()
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(home, ignore_errors=True)


def bare(web, pss):
    web.until("the bare page", "return !!document.getElementById('ready')")
    settle()
    return {"start": pss()}


def workbench(web, pss):
    web.until("the Connection tab", "return !!document.querySelector('[data-testid=login]')")
    settle()
    start = pss()
    web.click("[data-testid=login]")
    web.until("the session", "return !!document.querySelector('[data-testid=session-line]')")
    web.click("[data-testid=request-tab]")
    for i in range(REQUESTS):
        web.until("Send", "return !!document.querySelector('[data-testid=send-request]')")
        web.script("window.__sent = document.querySelector('[data-testid=response-status]'); return true")
        web.click("[data-testid=send-request]")
        # The answer replaces the response view: wait for a new status line.
        web.until(
            f"answer {i + 1}",
            "const s = document.querySelector('[data-testid=response-status]');"
            " return !!s && s !== window.__sent && s.textContent.includes('200');",
        )
    settle()
    return {"start": start, "after": pss()}


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    bare_binary, app_binary = sys.argv[1], sys.argv[2]
    base = measure(bare_binary, bare)["start"]
    app = measure(app_binary, workbench)
    print(f"PSS of the window's process tree (release builds, Xvfb, tauri-driver, {os.cpu_count()} cores)")
    print(f"  bare Tauri v2 window (peer)                 {base:7.0f} MB   1.00x")
    print(f"  VCD Workbench at start                      {app['start']:7.0f} MB   {app['start'] / base:.2f}x")
    print(
        f"  VCD Workbench after login + {REQUESTS} requests       {app['after']:7.0f} MB   {app['after'] / base:.2f}x"
    )


if __name__ == "__main__":
    main()
