#!/usr/bin/env python3
"""PSS of a window's process tree (the app and its WebKit processes), driven through tauri-driver
under a private Xvfb: a bare Tauri v2 window as the named peer, then VCD Workbench at start and after
logging in to the demo and sending 20 requests; in two conditions: without a session bus or
accessibility (as the end-to-end tests run) and as a desktop session runs it (a D-Bus session bus,
accessibility and WebKit's compositing on). Run by scripts/bench/window-memory, which builds both.

    window_memory.py BARE_BINARY APP_BINARY
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import http.client

REQUESTS = int(os.environ.get("REQUESTS", "20"))


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
    """A minimal WebDriver client over one kept-alive connection, as WebDriver clients keep theirs
    (a new connection per command makes tauri-driver's proxy fail now and then)."""

    def __init__(self, port):
        self.port = port
        self.connection = None
        self.session = None

    def call(self, method, path, body=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        data = None if body is None else json.dumps(body)
        self.connection.request(method, path, body=data, headers={"Content-Type": "application/json"})
        answer = self.connection.getresponse()
        text = answer.read()
        value = json.loads(text or b"{}").get("value")
        return value if answer.status < 400 else {"error": value}

    def start(self, application):
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {"application": application}}}}
        value = self.call("POST", "/session", caps)
        if not isinstance(value, dict) or "sessionId" not in value:
            raise SystemExit(f"window-memory: no WebDriver session: {value}")
        self.session = value["sessionId"]

    def script(self, source):
        return self.call("POST", f"/session/{self.session}/execute/sync", {"script": source, "args": []})

    def run_async(self, source, args):
        """Runs `source` in the page until it calls its last argument back (up to 5 minutes)."""
        self.call("POST", f"/session/{self.session}/timeouts", {"script": 300000})
        return self.call("POST", f"/session/{self.session}/execute/async", {"script": source, "args": args})

    def until(self, what, source):
        return wait_until(what, lambda: self.script(source) is True)

    def click(self, css):
        """Clicks as a user does (WebDriver's element click), once the element is there."""
        self.until(f"{css} to appear", f"return !!document.querySelector({json.dumps(css)})")
        found = self.call("POST", f"/session/{self.session}/element", {"using": "css selector", "value": css})
        element = next(iter(found.values())) if isinstance(found, dict) and "error" not in found else None
        if not element:
            raise SystemExit(f"window-memory: cannot find {css}: {found}")
        self.call("POST", f"/session/{self.session}/element/{element}/click", {})

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


def pss_mb(binary, parts=None):
    """PSS of the process running `binary` and everything it started, in MB; `parts` gets the
    share of each process by name."""
    pids = [int(p) for p in subprocess.run(["pgrep", "-f", binary], capture_output=True, text=True).stdout.split()]
    roots = [p for p in pids if os.path.realpath(f"/proc/{p}/exe") == os.path.realpath(binary)]
    if not roots:
        raise SystemExit(f"window-memory: {binary} is not running")
    total_kb = 0
    for pid in descendants(roots[0]):
        try:
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        kb = int(line.split()[1])
                        total_kb += kb
                        if parts is not None:
                            parts[name] = parts.get(name, 0) + kb / 1024
        except OSError:
            pass
    return total_kb / 1024


def settle():
    # The web process frees memory lazily: a few quiet seconds before each reading, as a user pauses.
    time.sleep(5)


def measure(binary, drive, desktop=False):
    """Runs `binary` under a private Xvfb and `drive`s it. `desktop`: as a desktop session runs it,
    inside a D-Bus session bus with accessibility and WebKit's compositing on (GNOME and KDE have
    all three; WebKitGTK then builds its accessibility tree); else with none, as the end-to-end
    tests run."""
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
        GDK_DEBUG="no-portals",
        XDG_CONFIG_HOME=f"{home}/config",
        XDG_DATA_HOME=f"{home}/data",
        XDG_CACHE_HOME=f"{home}/cache",
    )
    env.pop("VCDW_CONFIG_DIR", None)
    if not desktop:
        # As the end-to-end tests run the window: no compositing, no accessibility bridge.
        env.update(WEBKIT_DISABLE_COMPOSITING_MODE="1", NO_AT_BRIDGE="1", GTK_A11Y="none")
    for name in ("DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS"):
        env.pop(name, None)
    bus = ["dbus-run-session", "--"] if desktop else []
    log = open(os.path.join(tempfile.gettempdir(), "window-memory-driver.log"), "w")
    driver = subprocess.Popen(
        bus + ["tauri-driver", "--port", str(port), "--native-port", str(native)],
        env=env,
        stdout=log,
        stderr=log,
        # Its own process group: ending it ends tauri-driver and WebKitWebDriver inside the bus too
        # (a leftover process that maps WebKit's libraries would lower every later PSS reading).
        start_new_session=True,
    )
    web = WebDriver(port)
    try:
        wait_until("tauri-driver to listen", lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0)
        web.start(os.path.abspath(binary))
        parts = {}

        def measured(label):
            parts[label] = {}
            return pss_mb(binary, parts[label])

        result = drive(web, measured)
        result["parts"] = parts
        return result
    finally:
        web.stop()
        # tauri-driver first (inside dbus-run-session, which then takes its bus down), then the
        # rest of the group, then whatever the bus started that names this run's folder (the
        # accessibility bus): a leftover process mapping the same libraries would lower every
        # later PSS reading.
        children = subprocess.run(["pgrep", "-P", str(driver.pid)], capture_output=True, text=True).stdout.split()
        for pid in children if desktop else [str(driver.pid)]:
            try:
                os.kill(int(pid), signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            driver.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(driver.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        driver.wait()
        subprocess.run(["pkill", "-f", home], check=False)
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(home, ignore_errors=True)


def bare(web, pss):
    web.until("the bare page", "return !!document.getElementById('ready')")
    settle()
    return {"start": pss("start")}


def by_process(parts):
    return ", ".join(f"{name} {mb:.0f}" for name, mb in sorted(parts.items()))


def workbench(web, pss):
    web.until("the Connection tab", "return !!document.querySelector('[data-testid=login]')")
    settle()
    start = pss("start")
    web.click("[data-testid=login]")
    web.until("the session", "return !!document.querySelector('[data-testid=session-line]')")
    web.click("[data-testid=request-tab]")
    web.until("Send", "return !!document.querySelector('[data-testid=send-request]')")
    # The sends run inside the page, as one script: polling from WebDriver between them would run
    # the driver's own script code hundreds of times, and the web process would count its compiled
    # code as the app's. Ctrl+Enter, as the keymap takes it; each answer replaces the response view,
    # so the next send waits for a new response id.
    sent = web.run_async(
        """
        const [count, done] = arguments;
        const id = () => document.querySelector('[data-testid=response]')?.dataset.responseId ?? null;
        const ready = () => !!document.querySelector('[data-testid=send-request]');
        let i = 0, last = id();
        const step = () => {
          if (i === count) return done(i);
          if (!ready()) return setTimeout(step, 20);
          dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
          const wait = () => {
            if (id() === last || !ready()) return setTimeout(wait, 20);
            last = id();
            i += 1;
            step();
          };
          wait();
        };
        step();
        """,
        [REQUESTS],
    )
    if sent != REQUESTS:
        raise SystemExit(f"window-memory: {REQUESTS} requests were not all answered: {sent}")
    settle()
    return {"start": start, "after": pss("after")}


def report(title, peer, app):
    base = peer["start"]
    print(title)
    print(f"  bare Tauri v2 window (peer)                 {base:7.0f} MB   1.00x")
    print(f"  VCD Workbench at start                      {app['start']:7.0f} MB   {app['start'] / base:.2f}x")
    print(
        f"  VCD Workbench after login + {REQUESTS} requests       {app['after']:7.0f} MB   {app['after'] / base:.2f}x"
    )
    print("  by process (MB):")
    print(f"    bare window              {by_process(peer['parts']['start'])}")
    print(f"    VCD Workbench at start   {by_process(app['parts']['start'])}")
    print(f"    after the requests       {by_process(app['parts']['after'])}")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    bare_binary, app_binary = sys.argv[1], sys.argv[2]
    print(f"PSS of the window's process tree (release builds, Xvfb, tauri-driver, {os.cpu_count()} cores)")
    for desktop, title in [
        (False, "Without a session bus or accessibility (as the end-to-end tests run):"),
        (True, "As a desktop session runs it (D-Bus session bus, accessibility and compositing on):"),
    ]:
        # CONDITIONS=desktop (or plain) measures one condition alone.
        if os.environ.get("CONDITIONS", "plain,desktop").find("desktop" if desktop else "plain") < 0:
            continue
        peer = measure(bare_binary, bare, desktop)
        app = measure(app_binary, workbench, desktop)
        report(title, peer, app)


if __name__ == "__main__":
    main()
