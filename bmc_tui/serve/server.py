"""textual-serve, wrapped for a workshop: an access token on every request, no websocket
from a foreign page, at most so many participants at once, the interview started with
this interpreter from an argv list, and every participant's process stopped with their
answers saved when the server stops.

textual-serve 1.1.3 (pinned in the ``serve`` extra) has none of these checks; its Server
and AppService are subclassed here, and its own routes are replaced by ours.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("bmc-tui serve")

TEMPLATES = Path(__file__).resolve().parent / "templates"
TITLE = "bmc-tui workshop"
# How long a participant's process may take to save and end after being asked to quit,
# then after SIGTERM (the app saves on it too), before it is killed.
QUIT_GRACE = 5.0
STATUS_EVERY = 1.0
WAIT_PAGE_RETRY = 10  # seconds between a waiting participant's tries

REFUSED_TOKEN = "This page needs the full link the facilitator gave you, with its access code."
REFUSED_ORIGIN = "Refused: this connection comes from another web page."
WAIT_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="{retry}">
<title>{title}</title></head>
<body style="background:#0c181f;color:#eee;font-family:sans-serif;text-align:center;padding-top:20vh">
<h1>Please wait</h1>
<p>All {places} places of this workshop are taken. This page tries again every {retry} seconds
and starts your interview as soon as a place is free.</p>
</body></html>
"""


class ParticipantService(AppService):
    """One participant's process, started from an argv list (textual-serve runs a shell
    string) in its own session, so that the facilitator's Ctrl+C reaches the server, which
    then stops each process in order."""

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)  # the string is only ever shown
        self.argv = argv
        self._stopping: asyncio.Future[None] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit (it saves), then SIGTERM (it saves too), then kill. Every
        caller waits for the same end, and a caller cancelled meanwhile does not stop it."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        process = self._process
        if process is None or self._task is None:
            return
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
        for then in (signal.SIGTERM, signal.SIGKILL, None):
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
                break
            except asyncio.TimeoutError:
                if then is not None and process.returncode is None:
                    process.send_signal(then)
        await self._task


@dataclass
class Session:
    """A connected browser and the process answering it."""

    websocket: web.WebSocketResponse
    service: ParticipantService | None = None


class WorkshopServer(Server):
    def __init__(self, argv: list[str], *, host: str, port: int, max_sessions: int,
                 token: str | None = None) -> None:
        super().__init__(" ".join(argv), host=host, port=port, title=TITLE,
                         templates_path=TEMPLATES)
        self.argv = list(argv)
        self.token = token or secrets.token_urlsafe(16)
        self.max_sessions = max_sessions
        self.sessions: list[Session] = []
        # Called with the running participants' process ids every STATUS_EVERY seconds.
        self.on_tick: Callable[[list[int]], None] | None = None
        self._ticking: asyncio.Task[None] | None = None
        self._endings: set[asyncio.Future[None]] = set()  # sessions being stopped

    def initialize_logging(self) -> None:
        # The facilitator's terminal shows the live status; a line per request would bury it.
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

    # the web application

    async def _make_app(self) -> web.Application:
        return self.web_app()

    def web_app(self) -> web.Application:
        app = web.Application(middlewares=[self.require_token])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        prefix = f"/{self.token}"
        app.add_routes([
            web.get(f"{prefix}/", self.handle_index, name="index"),
            web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
            web.static(f"{prefix}/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @property
    def path(self) -> str:
        """The page's path: the token is its first part."""
        return f"/{self.token}/"

    @web.middleware
    async def require_token(self, request: web.Request, handler):
        first = request.path.split("/")[1] if request.path.count("/") >= 2 else ""
        # compare_digest: the time taken tells nothing about how much of a guess was right.
        if not secrets.compare_digest(first.encode(), self.token.encode()):
            raise web.HTTPForbidden(text=REFUSED_TOKEN)
        return await handler(request)

    @property
    def full(self) -> bool:
        return len(self.sessions) >= self.max_sessions

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full:
            page = WAIT_PAGE.format(retry=WAIT_PAGE_RETRY, title=escape(TITLE), places=self.max_sessions)
            return web.Response(text=page, content_type="text/html", status=503,
                                headers={"Retry-After": str(WAIT_PAGE_RETRY)})
        # URLs from the address the participant used, not the one the server bound.
        origin = f"{request.scheme}://{request.host}"
        socket_scheme = "wss" if request.scheme == "https" else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{socket_scheme}://{request.host}{self.path}ws",
            "config": {"static": {"url": f"{origin}{self.path}static/"}},
            "application": {"name": TITLE},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not same_origin(request):
            raise web.HTTPForbidden(text=REFUSED_ORIGIN)
        if self.full:
            raise web.HTTPServiceUnavailable(text="All places are taken; please wait.")
        websocket = web.WebSocketResponse(heartbeat=15)
        session = Session(websocket)
        self.sessions.append(session)  # before any await: the place is taken now
        try:
            await websocket.prepare(request)
            session.service = ParticipantService(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            await session.service.start(to_int(request.query.get("width", "80"), 80),
                                        to_int(request.query.get("height", "24"), 24))
            await self._process_messages(websocket, session.service)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # one participant's trouble must not stop the workshop
            log.exception(error)
        finally:
            # aiohttp cancels this handler once the browser is gone: the ending goes on.
            await asyncio.shield(self.end_session(session))
        return websocket

    def end_session(self, session: Session) -> asyncio.Future[None]:
        ending = asyncio.ensure_future(self._end(session))
        self._endings.add(ending)
        ending.add_done_callback(self._endings.discard)
        return ending

    async def _end(self, session: Session) -> None:
        try:
            if session.service is not None:
                await session.service.stop()
        finally:
            if session in self.sessions:
                self.sessions.remove(session)
            await session.websocket.close(code=WSCloseCode.GOING_AWAY)

    # starting and stopping

    async def on_startup(self, app: web.Application) -> None:
        # textual-serve prints its logo here; the command prints the workshop's own lines.
        # A dropped link to the facilitator's terminal stops the workshop as Ctrl+C does
        # (textual-serve handles SIGINT and SIGTERM only).
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.request_exit)
        if self.on_tick is not None:
            self._ticking = asyncio.create_task(self.tick(self.on_tick))

    async def tick(self, report: Callable[[list[int]], None]) -> None:
        while True:
            try:
                report(self.pids())
            except Exception as error:  # the status is a help: never a reason to stop
                log.warning("status: %s", error)
            await asyncio.sleep(STATUS_EVERY)

    async def on_shutdown(self, app: web.Application) -> None:
        # A second Ctrl+C while the participants save must not cut their saving short
        # (each process is killed after at most a few seconds anyway).
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, log.warning, "Stopping: saving every participant's answers first.")
        if self._ticking is not None:
            self._ticking.cancel()
        await self.stop_sessions()
        if self.on_tick is not None:
            self.on_tick([])

    async def stop_sessions(self) -> None:
        """Every participant's process quits, saving; then their browsers are told."""
        endings = [self.end_session(session) for session in list(self.sessions)]
        await asyncio.gather(*endings, *list(self._endings), return_exceptions=True)

    def pids(self) -> list[int]:
        return [s.service.pid for s in self.sessions if s.service is not None and s.service.pid]


def same_origin(request: web.Request) -> bool:
    """The websocket was opened by our own page: a browser names the page's origin, and a
    page from anywhere else must not drive an interview (or start processes)."""
    origin = request.headers.get("Origin")
    return origin is not None and origin == f"{request.scheme}://{request.host}"


def loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")

