"""bmc-tui serve without a browser: the token, the Origin check, the session limit, safe
names that never reach another participant's file, the interpreter used, and a shutdown
that stops every participant's process with their answers saved."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="bmc-tui serve needs the serve extra (textual-serve)")

from aiohttp import ClientConnectorError, ClientSession, WSServerHandshakeError  # noqa: E402
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from bmc_tui.core import Canvas, load_canvas, lock, save_canvas  # noqa: E402
from bmc_tui.core.flow import load_flow  # noqa: E402
from bmc_tui.serve import command as serve_command  # noqa: E402
from bmc_tui.serve import server as server_module  # noqa: E402
from bmc_tui.serve.names import UnsafeName, participant_file  # noqa: E402
from bmc_tui.serve.participant import command  # noqa: E402
from bmc_tui.serve.server import WorkshopServer  # noqa: E402
from bmc_tui.serve.status import CHOOSING, status_lines  # noqa: E402
from bmc_tui.tui.participant import ParticipantApp  # noqa: E402

from .test_hostile_texts import screen_text  # noqa: E402
from .workshop import serving  # noqa: E402

# A participant's process that does nothing until it is stopped.
IDLE = [sys.executable, "-c", "import time; time.sleep(60)"]


def workshop(argv=IDLE, max_sessions=30) -> WorkshopServer:
    return WorkshopServer(argv, host="127.0.0.1", port=0, max_sessions=max_sessions, token="T0KEN")


async def client_for(server: WorkshopServer) -> TestClient:
    client = TestClient(TestServer(server.web_app()))
    await client.start_server()
    return client


def origin(client: TestClient) -> str:
    return f"http://{client.host}:{client.port}"


async def until(condition, timeout=15.0):
    """Wait for ``condition()`` to hold (processes start and stop in their own time)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "waited too long"
        await asyncio.sleep(0.05)


@pytest.fixture(autouse=True)
def quick_stops(monkeypatch):
    # The idle process ignores "quit": it is sent SIGTERM after this long.
    monkeypatch.setattr(server_module, "QUIT_GRACE", 0.3)


# the token


async def test_every_request_without_the_token_is_refused():
    client = await client_for(workshop())
    try:
        for path in ("/", "/ws", "/static/js/textual.js", "/T0KE/", "/T0KENX/", "/x/T0KEN/"):
            response = await client.get(path)
            assert response.status == 403, path
            assert "full link" in await response.text()
        page = await client.get("/T0KEN/")
        assert page.status == 200
        assert (await client.get("/T0KEN/static/js/textual.js")).status == 200
    finally:
        await client.close()


async def test_the_page_fetches_nothing_from_outside_and_uses_the_address_it_was_reached_at():
    client = await client_for(workshop())
    try:
        html = await (await client.get("/T0KEN/")).text()
        assert "googleapis" not in html and "https://" not in html
        assert f'{origin(client)}/T0KEN/static/fonts/RobotoMono-VariableFont_wght.ttf' in html
        assert f'data-session-websocket-url="ws://{client.host}:{client.port}/T0KEN/ws"' in html
        font = await client.get("/T0KEN/static/fonts/RobotoMono-VariableFont_wght.ttf")
        assert font.status == 200
    finally:
        await client.close()


# the Origin check


async def test_a_websocket_from_a_foreign_page_or_with_no_origin_is_refused():
    server = workshop()
    client = await client_for(server)
    try:
        for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {}):
            with pytest.raises(WSServerHandshakeError) as refused:
                await client.ws_connect("/T0KEN/ws", headers=headers)
            assert refused.value.status == 403
        assert server.sessions == []
        websocket = await client.ws_connect("/T0KEN/ws", origin=origin(client))
        await until(lambda: server.pids())
        await websocket.close()
        await until(lambda: not server.sessions)
    finally:
        await client.close()


# the session limit


async def test_past_the_limit_the_next_participant_is_asked_to_wait_until_a_place_is_free():
    server = workshop(max_sessions=1)
    client = await client_for(server)
    try:
        first = await client.ws_connect("/T0KEN/ws", origin=origin(client))
        await until(lambda: server.pids())
        page = await client.get("/T0KEN/")
        assert page.status == 503
        text = await page.text()
        assert "Please wait" in text and 'http-equiv="refresh"' in text
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/T0KEN/ws", origin=origin(client))
        assert refused.value.status == 503
        await first.close()
        await until(lambda: not server.sessions)
        assert (await client.get("/T0KEN/")).status == 200
    finally:
        await client.close()


# the interpreter, and no shell


def test_the_participants_command_is_this_interpreter_and_an_argv_list(tmp_path):
    argv = command(tmp_path / "-odd; rm -rf x", "quick")
    assert argv[0] == sys.executable
    assert argv[-2:] == ["--", str(tmp_path / "-odd; rm -rf x")]


async def test_the_process_is_started_from_the_argv_without_a_shell(tmp_path):
    out = tmp_path / "out.txt"
    script = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(sys.executable + ' ' + sys.argv[2])"
    argv = [sys.executable, "-c", script, str(out), "$(touch shell-ran); echo hi"]
    server = workshop(argv)
    client = await client_for(server)
    try:
        websocket = await client.ws_connect("/T0KEN/ws", origin=origin(client))
        await until(out.exists)
        await websocket.close()
        assert out.read_text() == f"{sys.executable} $(touch shell-ran); echo hi"
        assert not Path("shell-ran").exists() and not (tmp_path / "shell-ran").exists()
    finally:
        await client.close()


# names and files


@pytest.mark.parametrize(
    ("typed", "file_name"),
    [("Ana López", "ana-lopez.toml"), ("  ANA   lópez ", "ana-lopez.toml"),
     ("../../etc/passwd", "etc-passwd.toml"), (".hidden", "hidden.toml"),
     ("a" * 100, "a" * 40 + ".toml"), ("li\x1b[2J", "li-2j.toml")],
)
def test_a_name_gives_a_safe_file_inside_the_folder(tmp_path, typed, file_name):
    path = participant_file(tmp_path, typed)
    assert path == tmp_path / file_name


@pytest.mark.parametrize("typed", ["", "   ", "日本", "../..", "\x1b"])
def test_a_name_with_no_letter_or_digit_is_refused_with_what_to_type(tmp_path, typed):
    with pytest.raises(UnsafeName, match="at least one letter"):
        participant_file(tmp_path, typed)


async def answer_name(app: ParticipantApp, pilot, name: str) -> None:
    await pilot.press(*name, "enter")
    await pilot.pause()


async def test_a_name_in_use_in_another_browser_is_refused_and_its_file_left_alone(tmp_path):
    theirs = tmp_path / "ana.toml"
    save_canvas(Canvas(title="Ana's"), theirs)
    before = theirs.read_bytes()
    held = lock.this_session()  # a live process (this one) holds ana.toml
    assert lock.acquire(theirs, held) is None
    app = ParticipantApp(tmp_path, load_flow("quick"))
    async with app.run_test() as pilot:
        await answer_name(app, pilot, "Ana")
        assert not app.named
        assert any("answering as 'Ana'" in n.message for n in app._notifications)
        await pilot.press(*"Ana B", "enter")  # the name screen is asked again
        await pilot.pause()
        assert app.named and app.document.path == tmp_path / "ana-b.toml"
        assert app.current_mode == "segments"
    assert theirs.read_bytes() == before
    assert lock.read(lock.lock_path(theirs)) == held


async def test_a_returning_participant_goes_on_in_their_own_file(tmp_path):
    canvas = Canvas(resume_at="value")
    canvas.add_segment("Morning commuters")
    save_canvas(canvas, tmp_path / "ana.toml")
    app = ParticipantApp(tmp_path, load_flow("quick"))
    async with app.run_test() as pilot:
        await answer_name(app, pilot, " ANA ")
        assert app.document.path == tmp_path / "ana.toml"
        assert app.current_mode == "value"
        assert lock.lock_path(tmp_path / "ana.toml").exists()
    assert not lock.lock_path(tmp_path / "ana.toml").exists()  # let go when the app ends


async def test_the_end_of_the_interview_speaks_to_a_browser_not_a_command_line(tmp_path):
    canvas = Canvas(resume_at="relationships")
    canvas.add_segment("Morning commuters")
    save_canvas(canvas, tmp_path / "ana.toml")
    app = ParticipantApp(tmp_path, load_flow("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_name(app, pilot, "Ana")
        await pilot.press("ctrl+n")  # past the last step: the end of the interview
        await pilot.pause()
        shown = screen_text(app)
    assert "give the same name" in shown
    assert "bmc-tui" not in shown.split("\n", 1)[1]  # no command to type (the step bar aside)


async def test_before_the_name_no_key_reaches_an_interview_and_nothing_is_written(tmp_path):
    app = ParticipantApp(tmp_path, load_flow("quick"))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+n", "ctrl+o", "ctrl+t", "escape", "enter")
        await pilot.pause()
        assert not app.named
        assert app.screen.query_one("#participant-name")
    assert list(tmp_path.iterdir()) == []


# the facilitator's status


def test_the_status_names_each_connected_participant_and_how_far_they_got(tmp_path):
    canvas = Canvas(resume_at="value")
    canvas.add_segment("Commuters").add_item("jobs", "Get to work")
    save_canvas(canvas, tmp_path / "ana.toml")
    mine = lock.this_session()
    lock.acquire(tmp_path / "ana.toml", mine)
    lines = status_lines(tmp_path, load_flow("quick"), [mine.pid, 999_999], 30)
    assert lines[0] == f"2 of 30 connected; 1 answer file in {tmp_path}"
    assert lines[1:] == [
        "  ana              step 2/4 Value: 1 segment, 1 item, 0 channels",
        f"  {CHOOSING}",
    ]


# stopping


async def test_ctrl_c_stops_every_participant_with_their_answers_saved(tmp_path):
    with serving(tmp_path) as (process, link):
        origin = "/".join(link.split("/")[:3])  # http://127.0.0.1:PORT
        async with ClientSession() as http:
            sockets, received = [], [b"", b""]
            for index, name in enumerate(("ana", "li")):
                websocket = await connect(http, link + "ws?width=100&height=30", origin)
                sockets.append(websocket)
                asyncio.get_running_loop().create_task(collect(websocket, received, index))
                await until(lambda: b"Your name" in received[index], timeout=30)
                await websocket.send_json(["stdin", f"{name}\r"])
                await until(lambda: b"Segments" in received[index], timeout=30)
                await websocket.send_json(["stdin", f"{name}'s segment\r"])
            await until(lambda: all(b"(1)" in r for r in received), timeout=30)
            # Half-typed words on screen, their save still waiting: the shutdown writes them.
            await sockets[0].send_json(["stdin", "Offices"])
            await until(lambda: b"Offices" in received[0], timeout=30)
            pids = [lock.read(lock.lock_path(tmp_path / f"{n}.toml")).pid for n in ("ana", "li")]
            process.send_signal(signal.SIGINT)
            out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "Stopped. 2 answer files" in out
    for name in ("ana", "li"):
        assert [s.name for s in load_canvas(tmp_path / f"{name}.toml").segments] == [f"{name}'s segment"]
        assert not lock.lock_path(tmp_path / f"{name}.toml").exists()
    assert "Offices" in (tmp_path / ".ana.toml.drafts").read_text(encoding="utf-8")
    assert not [pid for pid in pids if running(pid)]


async def connect(http: ClientSession, url: str, origin: str):
    """The websocket, once the server listens (it prints the link just before)."""
    for _ in range(100):
        try:
            return await http.ws_connect(url, origin=origin)
        except ClientConnectorError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listens at {url}")


async def collect(websocket, received: list[bytes], index: int) -> None:
    async for message in websocket:
        if isinstance(message.data, bytes):
            received[index] += message.data


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its parent is gone as far as the answers are concerned.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def test_serve_without_the_extra_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.delitem(sys.modules, "bmc_tui.serve.server", raising=False)
    from bmc_tui.serve.command import main

    assert main([str(Path.cwd())]) == 2
    assert "pip install 'bmc-tui[serve]'" in capsys.readouterr().err


# the address and the warning


@pytest.fixture
def not_serving(monkeypatch):
    """The command up to the point it would serve."""
    monkeypatch.setattr(WorkshopServer, "serve", lambda self: None)
    monkeypatch.setattr(serve_command, "network_address", lambda: "10.1.2.3")


def test_by_default_only_this_computer_is_served_and_nothing_is_warned(tmp_path, capsys, not_serving):
    assert serve_command.main([str(tmp_path / "intakes"), "--port", "8123"]) == 0
    out, err = capsys.readouterr()
    assert "link: http://127.0.0.1:8123/" in out
    assert err == ""
    assert (tmp_path / "intakes").is_dir()


@pytest.mark.parametrize(("host", "shown"), [("0.0.0.0", "10.1.2.3"), ("::", "10.1.2.3"),
                                             ("192.168.1.20", "192.168.1.20"), ("fd00::5", "[fd00::5]")])
def test_another_host_is_warned_about_and_the_link_uses_the_address_participants_reach(
    tmp_path, capsys, not_serving, host, shown,
):
    assert serve_command.main([str(tmp_path), "--host", host, "--port", "8123"]) == 0
    out, err = capsys.readouterr()
    assert f"link: http://{shown}:8123/" in out
    assert f"Warning: listening on {host}" in err and "anyone who can reach port 8123" in err


def test_a_bad_flow_or_folder_is_refused_before_serving(tmp_path, capsys, not_serving):
    assert serve_command.main([str(tmp_path), "--flow", "nosuch"]) == 2
    assert "nosuch" in capsys.readouterr().err
    a_file = tmp_path / "file"
    a_file.write_text("")
    assert serve_command.main([str(a_file)]) == 2
    assert "is not a folder" in capsys.readouterr().err
