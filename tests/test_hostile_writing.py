"""Hostile and careless output: where ``-o`` points, what fails while writing, interruptions.

The catalogue (items 5 to 8 of the hostile-input review):

Writing through what is at the path (5)
    - a symbolic link, a chain of them, and one whose target does not exist yet: the links stay,
      the final file gets the data;
    - a character device (``/dev/null``, or a node of the same device made in the test folder
      when running as root, so that a failure cannot replace the system's own): it stays a
      device;
    - a FIFO: it stays a FIFO and its reader gets the whole export;
    - an open descriptor: ``/proc/self/fd/1``, ``/dev/fd/1`` and a link to ``/proc/self/fd/1``
      (which is what ``/dev/stdout`` is) write to standard output; a file the shell opened
      with ``>>`` is appended to;
    - an existing file keeps its mode (0600 stays 0600), its owner and group (as root); a new
      file gets the mode the umask gives;
    - a file the user may not write, a folder the user may not make a file in: exit 2, nothing
      changed (when the tests run as root, the command runs without the capabilities by which
      root passes permission bits, so that they bind it as they bind a user).
Write errors (6)
    - ``-o`` naming a folder (export, cite, merge-report), a full disk (``/dev/full`` as the file
      and as standard output, and a regular file on a full file system), a file larger than
      the limit on file size, a read-only file system, an empty name, a 300-character name:
      exit 2, one line naming the file and saying why, no traceback, no temporary file, the old
      file whole.
Interruptions (7)
    - Ctrl-C while loading: "interrupted", exit 130;
    - SIGINT, SIGTERM and SIGHUP while the temporary file is being written or flushed: exit 130
      ("interrupted"), 143 and 129, no temporary file, the old file whole.
Standard output in full (8)
    - a stream that takes a few bytes per write (as standard output under
      ``PYTHONUNBUFFERED=1`` takes at most 2 GiB per write): everything arrives, for export and
      for rows; a stream that takes nothing is an error; a non-blocking pipe that fills up is
      waited for.
"""

from __future__ import annotations

import ctypes
import errno
import io
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from helpers import Cli, skip_or_fail

from evidence_graph import EvidenceGraphError, OutputError, load, serialize, write_atomic
from evidence_graph.cli import main
from evidence_graph.io import write_all

CHILD_SECONDS = 120
"""How long a child run may take before it counts as a hang: far more than any honest run."""

NOBODY = 65534
"""The user and group ``nobody``, who owns a file in the test of owners kept."""


@cache
def _export() -> str:
    """The default export, as ``evidence-graph export`` prints it."""
    return serialize(load("kverme2019"), "turtle")


def _child(
    *args: str,
    stdout: int | io.BufferedWriter | None = subprocess.PIPE,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run the command in a child process; fail the test if it hangs."""
    command = [sys.executable, "-m", "evidence_graph.cli", *args]
    try:
        return subprocess.run(
            command,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=dict(os.environ, COLUMNS="400"),
            preexec_fn=preexec_fn,
            timeout=CHILD_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"evidence-graph {' '.join(args)[:200]} did not end in {CHILD_SECONDS} s")


def _one_error(stderr: str | bytes) -> str:
    """The one line of an error, checked to be one line with no traceback."""
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text
    assert text.count("\n") == 1, text
    assert text.startswith("error: ")
    return text.removeprefix("error: ").removesuffix("\n")


def _device(folder: Path, name: str) -> Path:
    """``/dev/null`` or ``/dev/full``; as root, a node of the same device in ``folder``.

    Root may replace anything in ``/dev``, so a test run as root writes to a node of its own:
    a writer that wrongly replaced it would replace only that.
    """
    if os.geteuid() != 0:
        return Path("/dev") / name
    minor = {"null": 3, "full": 7}[name]
    node = folder / name
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return node


def _only(folder: Path, *names: str) -> None:
    """Assert that ``folder`` holds exactly ``names``: no temporary file left behind."""
    assert sorted(path.name for path in folder.iterdir()) == sorted(names)


# --- 5. writing through what is at the path ----------------------------------------------------


def test_a_symbolic_link_is_written_through(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "real.ttl"
    target.write_text("old\n")
    (tmp_path / "middle.ttl").symlink_to("real.ttl")
    (tmp_path / "link.ttl").symlink_to(tmp_path / "middle.ttl")
    result = cli("export", "-o", str(tmp_path / "link.ttl"))
    assert result.returncode == 0, result.stderr
    assert target.read_text() == _export()
    assert (tmp_path / "link.ttl").readlink() == tmp_path / "middle.ttl"
    assert (tmp_path / "middle.ttl").readlink() == Path("real.ttl")
    _only(tmp_path, "real.ttl", "middle.ttl", "link.ttl")


def test_a_link_to_a_file_not_yet_there_makes_the_file(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "link.ttl").symlink_to("out/new.ttl")
    result = cli("export", "-o", str(tmp_path / "link.ttl"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.ttl").is_symlink()
    assert (tmp_path / "out" / "new.ttl").read_text() == _export()


def test_a_character_device_stays_a_device(tmp_path: Path, cli: Cli) -> None:
    null = _device(tmp_path, "null")
    result = cli("export", "-o", str(null))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote 346 triples (turtle) to {null}\n"
    assert stat.S_ISCHR(null.stat().st_mode)
    assert null.read_bytes() == b""


def test_a_fifo_stays_a_fifo_and_its_reader_gets_everything(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    # Opened for reading first (without waiting for a writer), so the command's open does not
    # wait; the export (25 kB) fits in the pipe, read once the command has ended.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = _child("export", "-o", str(fifo))
        received = b""
        while chunk := os.read(reader, 1 << 16):
            received += chunk
    finally:
        os.close(reader)
    assert result.returncode == 0, result.stderr
    assert received.decode() == _export()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    _only(tmp_path, "fifo")


@pytest.mark.parametrize("name", ["/proc/self/fd/1", "/dev/fd/1", "link"])
def test_an_open_descriptor_is_written_to(tmp_path: Path, name: str) -> None:
    if name == "link":  # a link to /proc/self/fd/1, as /dev/stdout is
        (tmp_path / "stdout").symlink_to("/proc/self/fd/1")
        name = str(tmp_path / "stdout")
    result = _child("export", "-o", name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == _export()
    assert result.stderr.decode() == f"wrote 346 triples (turtle) to {name}\n"


def test_standard_output_opened_to_append_is_appended_to(tmp_path: Path) -> None:
    log = tmp_path / "log.ttl"
    log.write_text("# before\n")
    with log.open("ab") as appending:
        result = _child("export", "-o", "/proc/self/fd/1", stdout=appending)
    assert result.returncode == 0, result.stderr
    assert log.read_text() == "# before\n" + _export()
    _only(tmp_path, "log.ttl")


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_an_existing_file_keeps_its_mode(tmp_path: Path, mode: int, cli: Cli) -> None:
    if mode == 0o444 and os.geteuid() != 0:
        pytest.skip("only root may write a file that is not writable")
    target = tmp_path / "out.ttl"
    target.write_text("old\n")
    target.chmod(mode)
    result = cli("export", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text() == _export()
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, cli: Cli) -> None:
    before = os.umask(0o027)
    try:
        result = cli("export", "-o", str(tmp_path / "out.ttl"))
    finally:
        os.umask(before)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "out.ttl").stat().st_mode) == 0o640


def test_an_existing_file_keeps_its_owner_and_group(tmp_path: Path, cli: Cli) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root may give a file another owner")
    target = tmp_path / "out.ttl"
    target.write_text("old\n")
    os.chown(target, NOBODY, NOBODY)
    assert cli("export", "-o", str(target)).returncode == 0
    assert (target.stat().st_uid, target.stat().st_gid) == (NOBODY, NOBODY)


CAPABILITIES_OVER_PERMISSIONS = {"dac_override": 1, "dac_read_search": 2, "fowner": 3}
"""The capabilities by which root passes permission bits, and their numbers (capability.h)."""

PR_CAPBSET_DROP = 24
"""prctl's option that drops a capability from the bounding set (linux/prctl.h)."""


def _bound_by_permissions() -> None:
    """In the child, before it runs: let permission bits bind root too, as they bind a user.

    Root stays root (so it still reaches the interpreter in its own home), but without the
    capabilities that override permissions, dropped from the bounding set before ``exec``.
    A user who is not root is bound already, and runs as is.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for number in CAPABILITIES_OVER_PERMISSIONS.values():
        if libc.prctl(PR_CAPBSET_DROP, number, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_a_write_protected_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "protected.ttl"
    target.write_text("old\n")
    target.chmod(0o444)
    result = _child("export", "-o", str(target), preexec_fn=_bound_by_permissions)
    assert result.returncode == 2
    assert _one_error(result.stderr) == f"{target}: cannot write: permission denied"
    assert target.read_text() == "old\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    _only(tmp_path, "protected.ttl")


def test_a_folder_that_takes_no_new_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shut"
    folder.mkdir()
    target = folder / "writable.ttl"  # writable itself, but its folder is not
    target.write_text("old\n")
    folder.chmod(0o555)
    try:
        new = _child("export", "-o", str(folder / "new.ttl"), preexec_fn=_bound_by_permissions)
        old = _child("export", "-o", str(target), preexec_fn=_bound_by_permissions)
    finally:
        folder.chmod(0o755)
    reason = f"cannot write: permission denied to make a file in the folder {folder}"
    assert new.returncode == old.returncode == 2
    assert _one_error(new.stderr) == f"{folder / 'new.ttl'}: {reason}"
    assert _one_error(old.stderr) == f"{target}: {reason}"
    assert target.read_text() == "old\n"
    _only(folder, "writable.ttl")


# --- 6. write errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "cite", "merge-report"])
def test_a_folder_as_the_output(tmp_path: Path, command: str, cli: Cli) -> None:
    result = cli(command, "-o", str(tmp_path))
    assert result.returncode == 2
    assert _one_error(result.stderr) == f"{tmp_path}: cannot write: is a folder; expected a file"
    _only(tmp_path)


def test_an_empty_name(cli: Cli) -> None:
    result = cli("export", "-o", "")
    assert result.returncode == 2
    assert _one_error(result.stderr) == (
        "-o: the file name is empty; name a file, or leave out -o for standard output"
    )


def test_a_name_too_long(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / ("a" * 300 + ".ttl")
    result = cli("export", "-o", str(target))
    assert result.returncode == 2
    assert _one_error(result.stderr) == f"{target}: cannot write: the name is too long"
    _only(tmp_path)


def test_a_name_a_little_short_of_the_limit_is_written(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / ("a" * 251 + ".ttl")  # 255 bytes: the temporary name is shorter
    assert cli("export", "-o", str(target)).returncode == 0
    assert target.read_text() == _export()


def test_a_full_device(tmp_path: Path, cli: Cli) -> None:
    full = _device(tmp_path, "full")
    result = cli("export", "-o", str(full))
    assert result.returncode == 2
    assert _one_error(result.stderr) == f"{full}: cannot write: no space left on the device"
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_full_device_as_standard_output(tmp_path: Path) -> None:
    full = _device(tmp_path, "full")
    with full.open("wb") as stdout:
        result = _child("export", stdout=stdout)
    assert result.returncode == 2
    assert _one_error(result.stderr) == "standard output: cannot write: no space left on the device"


def _in_a_mount_namespace(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``sh -c script args`` as root of user and mount namespaces of its own.

    There it may mount a small or a read-only file system that no one else sees.
    """
    unshare = shutil.which("unshare")
    if unshare is None:
        skip_or_fail("unshare (util-linux) is not installed, to mount a file system")
    namespaces = [unshare, "--user", "--map-root-user", "--mount"]
    probe = subprocess.run([*namespaces, "true"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        skip_or_fail(f"no user and mount namespaces here: {probe.stderr.strip()}")
    command = [*namespaces, "sh", "-euc", script, "sh", sys.executable, *args]
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=CHILD_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{script[:200]} did not end in {CHILD_SECONDS} s")


def test_a_full_file_system_leaves_the_old_file(tmp_path: Path) -> None:
    # A 16 kB file system: the old file fits, the export (25 kB) does not.
    script = """
        mount -t tmpfs -o size=16k tmpfs "$2"
        echo old > "$2/out.ttl"
        status=0
        "$1" -m evidence_graph.cli export -o "$2/out.ttl" || status=$?
        echo "status $status"
        ls -A "$2"
        cat "$2/out.ttl"
    """
    done = _in_a_mount_namespace(script, str(tmp_path))
    target = tmp_path / "out.ttl"
    assert done.stdout == "status 2\nout.ttl\nold\n", done.stderr
    assert _one_error(done.stderr) == f"{target}: cannot write: no space left on the device"


def test_a_read_only_file_system(tmp_path: Path) -> None:
    (tmp_path / "old.ttl").write_text("old\n")
    script = """
        mount --bind "$2" "$2"
        mount -o remount,bind,ro "$2"
        for name in old.ttl new.ttl; do
            "$1" -m evidence_graph.cli export -o "$2/$name" || echo "status $?"
        done
    """
    done = _in_a_mount_namespace(script, str(tmp_path))
    assert done.stdout == "status 2\nstatus 2\n", done.stderr
    assert done.stderr == "".join(
        f"error: {tmp_path / name}: cannot write: the file system is read-only\n"
        for name in ("old.ttl", "new.ttl")
    )
    assert (tmp_path / "old.ttl").read_text() == "old\n"
    _only(tmp_path, "old.ttl")


def test_a_file_larger_than_the_limit_on_file_size(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    result = _child("export", "-o", str(target), preexec_fn=limit)
    assert result.returncode == 2
    assert _one_error(result.stderr) == (
        f"{target}: cannot write: the file would be larger than the file system or the limit "
        "on file size allows"
    )
    assert target.read_text() == "old\n"
    _only(tmp_path, "out.ttl")


def test_a_write_error_is_an_os_error_and_ours(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path, "x")
    assert isinstance(info.value, OSError)
    assert isinstance(info.value, EvidenceGraphError)
    assert info.value.errno == errno.EISDIR
    assert info.value.file == str(tmp_path)
    assert info.value.reason == "is a folder; expected a file"


# --- 7. interruptions ----------------------------------------------------------------------------


def test_ctrl_c_says_interrupted(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    def interrupt(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("evidence_graph.cli._corpus.load_graph", interrupt)
    result = cli("export")
    assert result.returncode == 130
    assert result.stderr == "interrupted\n"


PAUSED = """
import os, sys, time
from evidence_graph.cli import main

def pause(*args):
    print("paused", flush=True)
    time.sleep({seconds})

os.{where} = pause
raise SystemExit(main(sys.argv[1:]))
"""
"""The command, pausing where it writes or flushes the temporary file, so a signal lands there."""


@pytest.mark.parametrize("where", ["write", "fsync"])
@pytest.mark.parametrize(
    ("sent", "status", "said"),
    [(signal.SIGINT, 130, "interrupted\n"), (signal.SIGTERM, 143, ""), (signal.SIGHUP, 129, "")],
)
def test_a_signal_while_writing_leaves_no_temporary_file(
    tmp_path: Path, where: str, sent: signal.Signals, status: int, said: str
) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n")
    code = PAUSED.format(where=where, seconds=CHILD_SECONDS)
    command = [sys.executable, "-c", code, "export", "-o", str(target)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == b"paused\n"
        assert len(list(tmp_path.iterdir())) == 2  # the old file and the temporary one
        child.send_signal(sent)
        try:
            _, stderr = child.communicate(timeout=CHILD_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            pytest.fail(f"{sent.name} did not end the command")
    assert child.returncode == status
    assert stderr.decode() == said
    assert target.read_text() == "old\n"
    _only(tmp_path, "out.ttl")


# --- 8. standard output in full ------------------------------------------------------------------


class _Trickle(io.RawIOBase):
    """A raw stream that takes at most ``most`` bytes per write, as a system call may."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.taken = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        assert isinstance(data, memoryview | bytes | bytearray)
        part = bytes(data[: self.most])
        self.taken += part
        return len(part)


def _unbuffered(raw: io.RawIOBase) -> io.TextIOWrapper:
    """A text stream straight over ``raw``, as Python makes stdout under PYTHONUNBUFFERED=1."""
    return io.TextIOWrapper(raw, encoding="utf-8", write_through=True)  # type: ignore[arg-type]


def test_a_text_stream_over_short_writes_drops_the_rest() -> None:
    # What went wrong: the text stream ignores how much the write below took.
    raw = _Trickle(1000)
    _unbuffered(raw).write("x" * 5000)
    assert len(raw.taken) == 1000


def test_write_all_writes_everything_however_little_each_write_takes() -> None:
    raw = _Trickle(1000)
    text = "Førde ✓\n" * 5000
    write_all(_unbuffered(raw), text)
    assert raw.taken.decode() == text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export"], _export),
        (["query", "theme-tree", "--format", "csv"], None),
    ],
)
def test_the_command_writes_everything_to_short_writes(
    args: list[str],
    expected: Callable[[], str] | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if expected is None:  # the same rows through a plain stream
        assert main(args) == 0
        whole = capsys.readouterr().out
    else:
        whole = expected()
    raw = _Trickle(999)
    monkeypatch.setattr(sys, "stdout", _unbuffered(raw))
    assert main(args) == 0
    assert raw.taken.decode() == whole
    assert len(whole) > 999


class _Stuck(io.RawIOBase):
    """A raw stream that takes nothing."""

    def writable(self) -> bool:
        return True

    def write(self, _data: object) -> int:
        return 0


def test_a_stream_that_takes_nothing_is_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _unbuffered(_Stuck()))
    assert main(["export"]) == 2
    error = _one_error(capsys.readouterr().err)
    assert error == "standard output: cannot write: the stream took no bytes"


def test_a_non_blocking_pipe_is_waited_for() -> None:
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    received = bytearray()

    def drain() -> None:
        while chunk := os.read(read_end, 1 << 16):
            received.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    text = "0123456789abcdef" * (1 << 16)  # 1 MiB, many times what the pipe holds
    stream = _unbuffered(io.FileIO(write_end, "w"))
    write_all(stream, text)
    stream.close()  # and the pipe's end, so that the reader sees its end
    reader.join(CHILD_SECONDS)
    os.close(read_end)
    assert received.decode() == text
