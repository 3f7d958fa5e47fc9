"""Reading input files: only regular files, within the size limit; JSON bounded in depth and
number length. Each refusal is a located InputError, fast, whatever the file is."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from competency_graph.errors import InputError
from competency_graph.reading import (
    DEFAULT_MAX_INPUT_BYTES,
    MAX_DEPTH,
    MAX_INPUT_BYTES_VARIABLE,
    load_json,
    max_input_bytes,
    read_input,
    read_utf8,
    resolve_input,
)


def refused(path: Path) -> InputError:
    with pytest.raises(InputError) as raised:
        read_input(path)
    assert raised.value.path == str(path)
    return raised.value


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.ttl"
    path.write_bytes(b"one\r\ntwo\r")
    assert read_input(path) == b"one\r\ntwo\r"
    assert read_utf8(path) == "one\ntwo\n"


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")
    assert read_utf8(tmp_path / "link.yaml") == "a: 1\n"


@pytest.mark.timeout(10)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("name", ["x.yaml", "x.json", "x.ttl"])
def test_a_link_to_a_device_is_refused_before_reading(
    tmp_path: Path, device: str, name: str
) -> None:
    link = tmp_path / name
    link.symlink_to(device)
    assert refused(link).message == f"a device (a link to {device}): only regular files are read"


@pytest.mark.timeout(10)
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    assert refused(fifo).message == "a named pipe (FIFO): only regular files are read"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        assert refused(path).message == "a socket: only regular files are read"


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "x.ttl"
    loop.symlink_to(tmp_path / "y.ttl")
    (tmp_path / "y.ttl").symlink_to(loop)
    message = "a loop of symbolic links that never reaches a file"
    assert refused(loop).message == message
    with pytest.raises(InputError, match=message):
        resolve_input(loop)


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    assert refused(tmp_path).message == "a folder, not a file"
    assert refused(tmp_path / "absent.ttl").message == "no such file"


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.ttl"
    path.write_bytes(b"x" * 2049)
    monkeypatch.setenv(MAX_INPUT_BYTES_VARIABLE, "2K")
    assert refused(path).message == (
        "too large to read: 2,049 bytes, over the limit of 2,048 bytes per input file "
        f"(set ${MAX_INPUT_BYTES_VARIABLE} to raise it)"
    )
    path.write_bytes(b"x" * 2048)
    assert len(read_input(path)) == 2048


@pytest.mark.parametrize(
    ("value", "limit"),
    [("", DEFAULT_MAX_INPUT_BYTES), ("1000", 1000), ("1_000", 1000), ("256M", 256 * 1024**2)],
)
def test_the_limit_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, limit: int
) -> None:
    monkeypatch.setenv(MAX_INPUT_BYTES_VARIABLE, value)
    assert max_input_bytes() == limit


@pytest.mark.parametrize("value", ["lots", "0", "-5", "12T"])
def test_a_limit_that_is_not_a_size_is_an_input_error(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(MAX_INPUT_BYTES_VARIABLE, value)
    with pytest.raises(InputError) as raised:
        max_input_bytes()
    assert raised.value.message.startswith(f"${MAX_INPUT_BYTES_VARIABLE}={value!r} is not a size")


def test_json_nested_deeper_than_the_limit_is_located_at_the_bracket_too_many() -> None:
    just_deep_enough = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert load_json(just_deep_enough, "ok.json") == json.loads(just_deep_enough)
    for depth in (MAX_DEPTH + 1, 100_000):  # the parser's own recursion gives up on the second
        with pytest.raises(InputError) as raised:
            load_json('{"a":\n ' + "[" * depth + "]" * depth + "}", "deep.json")
        error = raised.value
        assert error.message == f"nested deeper than {MAX_DEPTH} levels of lists and mappings"
        assert (error.path, error.line, error.column) == ("deep.json", 2, MAX_DEPTH + 1)


def test_a_json_integer_of_over_4300_digits_is_located() -> None:
    assert load_json("1" * 4300, "ok.json") == int("1" * 4300)
    with pytest.raises(InputError) as raised:
        load_json('{\n  "salary": ' + "9" * 5000 + "\n}", "big.json")
    error = raised.value
    assert error.message == "a number of 5,000 digits: numbers of at most 4,300 digits are read"
    assert (error.line, error.column) == (2, 13)


def test_malformed_json_is_left_to_the_caller() -> None:
    with pytest.raises(json.JSONDecodeError):
        load_json("{", "bad.json")
